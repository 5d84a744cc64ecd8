#!/bin/sh
# Checks formatting through `samictl lsp` in a real editor, headless, set up with the
# docs/editors.md recipe: an unformatted bot file (cards out of order, odd indentation, quoted
# plain strings, an emoji and CJK near its end, its last line changed too) formatted in the
# editor and saved must equal `samictl fmt -` of it.
# Usage: tests/editors/format.sh EDITOR [path/to/samictl]   (default: target/debug/samictl)
#   EDITOR: nvim (the recipe for the Neovim at hand: nvim-0.7.lua before 0.8, else
#   nvim-0.8.lua; vim.lsp.buf.formatting_sync or vim.lsp.buf.format), emacs-eglot
#   (eglot-format-buffer)
set -eu
editor=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$(dirname "${2:-$root/target/debug/samictl}")" && pwd)/$(basename "${2:-samictl}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/bots"
ln -s "$bin" "$work/bin/samictl"
PATH="$work/bin:$PATH"
export PATH
file="$work/bots/bot.yaml"
printf '%s\n' 'version: 1' 'bot:' '    name: "Seller 😀 outreach"' '    direction: outbound' \
  'outcomes:' '    # the good one' '    transferred: {}' '    unqualified:' '        actions:' \
  '            -   title: "電話 😀 back"' '                type: task' > "$file"
samictl --no-config fmt - < "$file" > "$work/want.yaml"
if cmp -s "$file" "$work/want.yaml"; then
  echo "format.sh: the test file is formatted already" >&2
  exit 1
fi
case $editor in
  nvim)
    recipe=nvim-0.8.lua
    if nvim --headless --clean -c 'lua io.stdout:write(vim.fn.has("nvim-0.8"))' -c q | grep -q 0; then
      recipe=nvim-0.7.lua
    fi
    timeout 60 nvim --headless --clean -u "$here/$recipe" -c "edit $file" \
      -c "luafile $here/nvim-format.lua" >/dev/null 2>&1 || true ;;
  emacs-eglot)
    recipe=emacs-eglot.el
    HOME=$work SAMICTL_FILE=$file timeout 60 emacs --batch -Q -l "$here/emacs-packages.el" \
      -l "$here/$recipe" -l "$here/emacs-format.el" 2>/dev/null || true ;;
  *) echo "format.sh: unknown editor $editor" >&2; exit 2 ;;
esac
if ! cmp -s "$file" "$work/want.yaml"; then
  echo "format.sh: $editor ($recipe) formatted the file otherwise than samictl fmt:" >&2
  diff -u "$work/want.yaml" "$file" >&2 || true
  exit 1
fi
echo "format.sh: $editor ($recipe) formats the file as samictl fmt does"
