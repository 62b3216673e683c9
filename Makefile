# The two commands README.md opens with:
#   make demo   installs Graphviz if missing, builds partsmap, renders the bundled example
#   make test   runs the test suite, the browser check and the library-embedding check (what CI runs)
# and to put partsmap on your PATH:
#   make install     PREFIX (default ~/.local): PREFIX/bin/partsmap, bash/zsh/fish completions
#                    and the man page where those shells and man look for them
#   make uninstall   removes exactly those files

SWIFT ?= swift
EXAMPLE ?= Examples/numbness.parts

PREFIX ?= $(HOME)/.local
# The binary to install; the default is built by the release target first.
BINARY ?= .build/release/partsmap
BINDIR = $(DESTDIR)$(PREFIX)/bin
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1

.PHONY: demo test build release graphviz docs-images bench clean embedding install uninstall

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

install: $(if $(filter .build/release/partsmap,$(BINARY)),release)
	install -d $(BINDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR) $(MANDIR)
	install -m 0755 $(BINARY) $(BINDIR)/partsmap
	$(BINARY) completions bash > $(BASHDIR)/partsmap
	$(BINARY) completions zsh > $(ZSHDIR)/_partsmap
	$(BINARY) completions fish > $(FISHDIR)/partsmap.fish
	$(BINARY) manpage > $(MANDIR)/partsmap.1
	chmod 0644 $(BASHDIR)/partsmap $(ZSHDIR)/_partsmap $(FISHDIR)/partsmap.fish $(MANDIR)/partsmap.1
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "Add $(PREFIX)/bin to your PATH to run 'partsmap' by name.";; esac

uninstall:
	rm -f $(BINDIR)/partsmap $(BASHDIR)/partsmap $(ZSHDIR)/_partsmap $(FISHDIR)/partsmap.fish $(MANDIR)/partsmap.1
