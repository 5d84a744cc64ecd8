#!/usr/bin/env bash
# Installs a released samictl binary, verified against the release's SHA256SUMS; used by
# action.yml. Environment:
#   SAMICTL_VERSION       `latest` (default), `0.1.0` or `v0.1.0`
#   SAMICTL_RELEASES_URL  default https://github.com/sami-bots/samictl/releases
#                         (.ci/action-test points it at a file:// folder)
#   SAMICTL_INSTALL_DIR   default $RUNNER_TEMP/samictl-bin; added to $GITHUB_PATH when set
set -euo pipefail
version=${SAMICTL_VERSION:-latest}
base=${SAMICTL_RELEASES_URL:-https://github.com/sami-bots/samictl/releases}
case "$version" in
    latest) url=$base/latest/download ;;
    v*) url=$base/download/$version ;;
    *) url=$base/download/v$version ;;
esac

os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
exe=samictl
case "$os/$arch" in
    Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
    macOS/* | Darwin/*) target=universal-apple-darwin ;;
    Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64) target=x86_64-pc-windows-msvc exe=samictl.exe ;;
    *)
        echo "::error title=samictl::no prebuilt samictl for $os/$arch; use 'pip install samictl' or 'cargo install samictl'"
        exit 1
        ;;
esac
archive=samictl-$target.tar.gz

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl --fail --silent --show-error --location --retry 3 -o "$tmp/$archive" "$url/$archive"
curl --fail --silent --show-error --location --retry 3 -o "$tmp/SHA256SUMS" "$url/SHA256SUMS"

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
if command -v sha256sum > /dev/null; then
    actual=$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)
else
    actual=$(shasum -a 256 "$tmp/$archive" | cut -d ' ' -f 1)
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "::error title=samictl::checksum mismatch for $archive (expected '${expected:-none listed}', got $actual)"
    exit 1
fi

dest=${SAMICTL_INSTALL_DIR:-${RUNNER_TEMP:-$tmp}/samictl-bin}
mkdir -p "$dest"
tar -xzf "$tmp/$archive" -C "$dest" "$exe"
if [ -n "${GITHUB_PATH:-}" ]; then
    if command -v cygpath > /dev/null; then cygpath -w "$dest" >> "$GITHUB_PATH"; else echo "$dest" >> "$GITHUB_PATH"; fi
fi
echo "installed $("$dest/$exe" --version) ($target, sha256 $actual) into $dest"
