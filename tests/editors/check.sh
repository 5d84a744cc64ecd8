#!/bin/sh
# Checks a docs/editors.md recipe in a real editor, headless: the editor, set up with the
# recipe file in this folder exactly as the docs show it, opens the bundled many-findings
# fixture and must show as many samictl diagnostics as `samictl validate` finds.
# Usage: tests/editors/check.sh EDITOR [path/to/samictl]
#   EDITOR: nvim-0.7, nvim-0.8, emacs-eglot, emacs-lsp-mode, vim-ale, vim-lsp
#   (samictl defaults to target/debug/samictl; the recipes run `samictl` from PATH.)
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
cp "$root/fixtures/invalid/many-findings.yaml" "$file"
out="$work/count"
export SAMICTL_OUT="$out" SAMICTL_FILE="$file" SAMICTL_RECIPES="$here"
case $editor in
  nvim-0.8)
    if nvim --headless --clean -c 'lua io.stdout:write(vim.fn.has("nvim-0.8"))' -c q | grep -q 0; then
      echo "check.sh: nvim-0.8 needs Neovim 0.8 or later: skipped" >&2
      exit 77
    fi
    timeout 60 nvim --headless --clean -u "$here/$editor.lua" -c "edit $file" \
      -c "luafile $here/nvim-wait.lua" ;;
  nvim-0.7)
    timeout 60 nvim --headless --clean -u "$here/$editor.lua" -c "edit $file" \
      -c "luafile $here/nvim-wait.lua" ;;
  emacs-eglot|emacs-lsp-mode)
    extra=$here/emacs-packages.el
    [ "$editor" = emacs-lsp-mode ] && extra=$here/emacs-lsp-mode-batch.el
    HOME=$work timeout 60 emacs --batch -Q -l "$here/emacs-packages.el" -l "$extra" -l "$here/$editor.el" \
      -l "$here/emacs-wait.el" ;;
  vim-ale|vim-lsp)
    # Vim wants a terminal: script(1) gives it one. The plugin's folder comes first in
    # 'runtimepath' (SAMICTL_VIM_PLUGIN, default Debian's /usr/share/vim-$editor).
    plugin=${SAMICTL_VIM_PLUGIN:-/usr/share/$editor}
    if [ ! -d "$plugin" ]; then
      echo "check.sh: $editor: no plugin at $plugin (set SAMICTL_VIM_PLUGIN): skipped" >&2
      exit 77
    fi
    HOME=$work timeout 60 script -qec "vim -N -i NONE --cmd 'set rtp^=$plugin' \
      --cmd 'filetype plugin on' -u '$here/$editor.vim' -c 'edit $file' \
      -S '$here/vim-wait.vim'" /dev/null </dev/null >/dev/null 2>&1 || true ;;
  *) echo "check.sh: unknown editor $editor" >&2; exit 2 ;;
esac
want=$(samictl --no-config validate --format json "$file" |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"][0]["diagnostics"]))')
got=$(cat "$out" 2>/dev/null || echo none)
if [ "$got" != "$want" ]; then
  echo "check.sh: $editor shows $got samictl diagnostics, validate finds $want" >&2
  exit 1
fi
echo "check.sh: $editor shows the $got findings of validate"
