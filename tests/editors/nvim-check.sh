#!/bin/sh
# Checks `samictl lsp` under Neovim (headless): the diagnostics Neovim receives for the
# bundled many-findings fixture equal `samictl validate --format json`, and a quick fix
# applied in the buffer gives what samictl's fix library gives for that finding.
# Usage: tests/editors/nvim-check.sh [path/to/samictl]   (default: target/debug/samictl)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/target/debug/samictl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/fixtures/invalid/many-findings.yaml" "$work/bot.yaml"
SAMICTL_FILE="$work/bot.yaml" SAMICTL_OUT="$work/out" SAMICTL_RULE=${SAMICTL_RULE:-invalid-value} \
SAMICTL_BIN="$bin" nvim --headless --clean -u NONE -c "luafile $root/tests/editors/nvim-check.lua"
python3 - "$work" "$bin" <<'PY'
import json, subprocess, sys
work, bin = sys.argv[1], sys.argv[2]
lsp = json.load(open(work + "/out.diagnostics.json"))
got = [(d["code"], {1: "error", 2: "warning"}[d["severity"]], d["range"]["start"]["line"] + 1,
        d["range"]["start"]["character"] + 1, d["message"]) for d in lsp]
v = json.loads(subprocess.run([bin, "--no-config", "validate", "--format", "json", work + "/bot.yaml"],
                              capture_output=True, text=True).stdout)
want = [(d["rule"], d["severity"], d["line"], d["column"], d["message"]) for d in v["files"][0]["diagnostics"]]
assert got == want, "\n".join(map(str, got)) + "\n---\n" + "\n".join(map(str, want))
print(f"nvim-check: {len(got)} diagnostics in Neovim equal validate's")
before = open(work + "/bot.yaml").read()
after = open(work + "/out.fixed").read()
import difflib
print("".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), "before", "after in Neovim")))
assert before != after, "the quick fix changed nothing"
open(work + "/fixed.yaml", "w").write(after)
v2 = json.loads(subprocess.run([bin, "--no-config", "validate", "--format", "json", work + "/fixed.yaml"],
                               capture_output=True, text=True).stdout)
import re
mask = lambda m: re.sub(r"[0-9]+", "N", m)  # line numbers in messages move with removed lines
left = [(d["rule"], mask(d["message"])) for d in v2["files"][0]["diagnostics"]]
assert len(left) == len(want) - 1 and all(f in [(w[0], mask(w[4])) for w in want] for f in left), left
print(f"nvim-check: after the quick fix validate finds {len(left)} (one fewer, none new)")
PY
