#!/usr/bin/env sh
# Installs Graphviz (the one program partsmap needs for drawing) if it is missing.
set -eu
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "Installing Graphviz with apt-get..."
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q graphviz
elif command -v brew >/dev/null 2>&1; then
  echo "Installing Graphviz with Homebrew..."
  brew install graphviz
else
  echo "Graphviz is missing. Install the 'graphviz' package with your system's package manager." >&2
  exit 1
fi
