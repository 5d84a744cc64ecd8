" samictl lsp with vim-lsp (vimrc; vim-lsp installed).
if executable('samictl')
  augroup samictl_lsp
    autocmd!
    autocmd User lsp_setup call lsp#register_server({
    \   'name': 'samictl',
    \   'cmd': {server_info -> ['samictl', 'lsp']},
    \   'allowlist': ['yaml'],
    \ })
  augroup END
endif
