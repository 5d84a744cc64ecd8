#!/usr/bin/env bash
# package-release.sh TARGET BINARY OUTDIR: puts BINARY (samictl or samictl.exe), the README and
# the licence texts (LICENSE-MIT, LICENSE-APACHE) into OUTDIR/samictl-TARGET.tar.gz, the name
# that action.yml's installer downloads.
# Used by .github/workflows/release.yml and by .ci/action-test.
set -euo pipefail
target=$1 binary=$2 outdir=$3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
name=samictl
case "$binary" in *.exe) name=samictl.exe ;; esac
cp "$binary" "$stage/$name"
chmod +x "$stage/$name"
root=$(dirname "$0")/../..
docs=(README.md LICENSE-MIT LICENSE-APACHE)
for doc in "${docs[@]}"; do cp "$root/$doc" "$stage/$doc"; done
mkdir -p "$outdir"
tar -czf "$outdir/samictl-$target.tar.gz" -C "$stage" "$name" "${docs[@]}"
echo "$outdir/samictl-$target.tar.gz"
