" samictl lsp with ALE (vimrc; ALE installed, e.g. Debian's vim-ale with `vam install ale`).
function! SamictlRoot(buffer) abort
  let l:toml = ale#path#FindNearestFile(a:buffer, 'samictl.toml')
  return empty(l:toml) ? expand('#' . a:buffer . ':p:h') : fnamemodify(l:toml, ':h')
endfunction
call ale#linter#Define('yaml', {
\   'name': 'samictl',
\   'lsp': 'stdio',
\   'executable': 'samictl',
\   'command': '%e lsp',
\   'project_root': function('SamictlRoot'),
\})
" ALE runs a chosen few linters on YAML by default: name samictl among them.
let g:ale_linters = get(g:, 'ale_linters', {})
let g:ale_linters.yaml = ['samictl', 'yaml-language-server', 'yamllint']
