#!/usr/bin/env bash
# package-release.sh TARGET BINARY OUTDIR: puts BINARY (samictl or samictl.exe) and the README
# into OUTDIR/samictl-TARGET.tar.gz, the name that action.yml's installer downloads.
# Used by .github/workflows/release.yml and by .ci/action-test.
set -euo pipefail
target=$1 binary=$2 outdir=$3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
name=samictl
case "$binary" in *.exe) name=samictl.exe ;; esac
cp "$binary" "$stage/$name"
chmod +x "$stage/$name"
cp "$(dirname "$0")/../../README.md" "$stage/README.md"
mkdir -p "$outdir"
tar -czf "$outdir/samictl-$target.tar.gz" -C "$stage" "$name" README.md
echo "$outdir/samictl-$target.tar.gz"
