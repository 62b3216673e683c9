# The two commands README.md opens with:
#   make demo   installs Graphviz if missing, builds partsmap, renders the bundled example
#   make test   runs the test suite, the browser check and the library-embedding check (what CI runs)

SWIFT ?= swift
EXAMPLE ?= Examples/numbness.parts

.PHONY: demo test build release graphviz docs-images bench clean embedding

demo: graphviz release
	.build/release/partsmap check $(EXAMPLE)
	.build/release/partsmap render $(EXAMPLE) --legend
	@echo "Open $(EXAMPLE:.parts=.svg) in a browser to see the map."

# The suite, then the real browser check (skips without Chromium, except in CI), then a
# separate package that uses PartsMap as a library (Examples/Embedding).
test: graphviz
	-@./scripts/install-mermaid.sh
	$(SWIFT) test
	./scripts/browser-check.sh
	./scripts/embedding-check.sh

build:
	$(SWIFT) build

# Examples/Embedding: a package that uses PartsMap as a library (public API only), built and run.
embedding: graphviz
	./scripts/embedding-check.sh

release:
	$(SWIFT) build -c release

graphviz:
	@./scripts/install-graphviz.sh

# Regenerates the pictures docs/ shows, from the examples.
docs-images: release
	PARTSMAP=.build/release/partsmap ./scripts/docs-images.sh
	PARTSMAP=.build/release/partsmap ./scripts/browser-check.sh --save-screenshot docs/images/report.png

bench: release
	./scripts/benchmark.sh

clean:
	rm -rf .build
