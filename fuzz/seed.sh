#!/usr/bin/env bash
# Seeds the fuzz corpus with every bot file the repository has (fixtures and the init template).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/everything
for f in ../fixtures/*/*.yaml ../fixtures/*/*/*.yaml ../fixtures/*/*/*/*.yaml ../templates/bot.yaml; do
  [ -f "$f" ] && cp "$f" "corpus/everything/$(md5sum "$f" | cut -c1-16)"
done
echo "corpus/everything: $(ls corpus/everything | wc -l) files"
