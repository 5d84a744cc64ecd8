#!/usr/bin/env bash
# Installs a released samictl binary, verified against the release's SHA256SUMS; used by
# action.yml, and usable on its own (a developer machine, another CI). Environment:
#   SAMICTL_VERSION       `latest`, `0.1.0` or `v0.1.0`. Empty or unset: the action's own
#                         version when the action is used at a version tag (`@v0.1.0`, read from
#                         SAMICTL_ACTION_REF, which action.yml sets to `github.action_ref`, or
#                         from the last part of GITHUB_ACTION_PATH), else `latest`
#   SAMICTL_RELEASES_URL  default https://github.com/sami-bots/samictl/releases
#                         (.ci/action-test points it at a file:// folder)
#   SAMICTL_INSTALL_DIR   where samictl goes. Default: in Actions (RUNNER_TEMP set)
#                         $RUNNER_TEMP/samictl-bin, added to $GITHUB_PATH; elsewhere
#                         $XDG_BIN_HOME or $HOME/.local/bin, which is kept (only the downloads
#                         are removed), with a hint when it is not on PATH
set -euo pipefail
fail() { # fail MESSAGE: an annotation in Actions, a plain error elsewhere
    if [ "${GITHUB_ACTIONS:-}" = true ]; then
        echo "::error title=samictl::$1"
    else
        echo "install-samictl: error: $1" >&2
    fi
    exit 1
}

# A version tag: v1.2.3 or v1.2.3-rc.1 (not a branch, a commit or a floating `v1`).
is_version_tag() { [[ "$1" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; }
version=${SAMICTL_VERSION:-}
if [ -z "$version" ]; then
    version=latest
    action_dir=${GITHUB_ACTION_PATH:-}
    for ref in "${SAMICTL_ACTION_REF:-}" "${action_dir##*/}"; do
        if is_version_tag "$ref"; then
            version=$ref
            break
        fi
    done
fi
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
        fail "no prebuilt samictl for $os/$arch; use 'pip install samictl' or 'cargo install samictl'"
        ;;
esac
archive=samictl-$target.tar.gz

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "downloading $url/$archive"
for file in "$archive" SHA256SUMS; do
    curl --fail --silent --show-error --location --retry 3 -o "$tmp/$file" "$url/$file" ||
        fail "could not download $url/$file (is $version a samictl release?)"
done

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
if command -v sha256sum > /dev/null; then
    actual=$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)
else
    actual=$(shasum -a 256 "$tmp/$archive" | cut -d ' ' -f 1)
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    fail "checksum mismatch for $archive (expected '${expected:-none listed}', got $actual)"
fi

if [ -n "${SAMICTL_INSTALL_DIR:-}" ]; then
    dest=$SAMICTL_INSTALL_DIR
elif [ -n "${RUNNER_TEMP:-}" ]; then
    dest=$RUNNER_TEMP/samictl-bin
elif [ -n "${XDG_BIN_HOME:-}" ]; then
    dest=$XDG_BIN_HOME
elif [ -n "${HOME:-}" ]; then
    dest=$HOME/.local/bin
else
    fail "no place to install into: set SAMICTL_INSTALL_DIR (or HOME)"
fi
mkdir -p "$dest"
# Unpacked next to the downloads, then moved into place: a failed unpack leaves no half binary.
tar -xzf "$tmp/$archive" -C "$tmp" "$exe"
mv -f "$tmp/$exe" "$dest/$exe"
if [ -n "${GITHUB_PATH:-}" ]; then
    if command -v cygpath > /dev/null; then cygpath -w "$dest" >> "$GITHUB_PATH"; else echo "$dest" >> "$GITHUB_PATH"; fi
fi
echo "installed $("$dest/$exe" --version) ($target, sha256 $actual) into $dest"
if [ -z "${GITHUB_PATH:-}" ]; then
    case ":$PATH:" in
        *":$dest:"* | *":$dest/:"*) ;;
        *) echo "note: $dest is not on PATH; add it (export PATH=\"$dest:\$PATH\") or run $dest/$exe" ;;
    esac
fi
