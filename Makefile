# The two commands README.md opens with:
#   make demo   installs Graphviz if missing, builds partsmap, renders the bundled example
#   make test   runs the test suite (what CI runs)

SWIFT ?= swift
EXAMPLE ?= Examples/numbness.parts

.PHONY: demo test build release graphviz docs-images bench clean

demo: graphviz release
	.build/release/partsmap check $(EXAMPLE)
	.build/release/partsmap render $(EXAMPLE) --legend
	@echo "Open $(EXAMPLE:.parts=.svg) in a browser to see the map."

test: graphviz
	$(SWIFT) test

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

graphviz:
	@./scripts/install-graphviz.sh

# Regenerates the pictures docs/ shows, from the examples.
docs-images: release
	.build/release/partsmap render Examples/numbness.parts --legend -o docs/images/numbness.svg
	.build/release/partsmap render Examples/numbness.parts --legend -o docs/images/numbness.png
	.build/release/partsmap render docs/legend.parts --legend -o docs/images/legend.svg

bench: release
	./scripts/benchmark.sh

clean:
	rm -rf .build
