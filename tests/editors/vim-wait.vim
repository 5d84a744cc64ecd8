" For check.sh, after a recipe and :edit FILE: waits for samictl's diagnostics and writes how
" many the editor holds to $SAMICTL_OUT.
let s:start = reltime()
function! s:Count() abort
  if exists('*ale#engine#GetLoclist')
    return len(filter(copy(ale#engine#GetLoclist(bufnr(''))), {_, v -> get(v, 'linter_name', '') ==# 'samictl'}))
  endif
  if exists('*lsp#get_buffer_diagnostics_counts')
    let l:c = lsp#get_buffer_diagnostics_counts()
    return l:c.error + l:c.warning + l:c.information + l:c.hint
  endif
  return 0
endfunction
function! s:Check(timer) abort
  let l:n = s:Count()
  if l:n > 0 || reltimefloat(reltime(s:start)) > 30
    call writefile([l:n > 0 ? string(l:n) : 'none'], $SAMICTL_OUT)
    qall!
  endif
endfunction
if exists('*ale#Queue')
  call ale#Queue(0)
endif
call timer_start(200, function('s:Check'), {'repeat': -1})
