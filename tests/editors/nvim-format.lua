-- Run after a recipe and `:edit FILE`: waits for samictl to attach, formats the buffer the way
-- the Neovim version at hand does (0.7: vim.lsp.buf.formatting_sync; 0.8+: vim.lsp.buf.format)
-- and writes it. tests/editors/format.sh compares the file with `samictl fmt -`.
local attached = vim.wait(15000, function() return #vim.lsp.buf_get_clients(0) > 0 end, 50)
if not attached then
  io.stderr:write("format.sh: samictl did not attach in Neovim\n")
  vim.cmd("cquit 1")
end
-- Diagnostics arrive once the file is open: by then the server has answered initialize.
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
if vim.fn.has("nvim-0.8") == 1 then
  vim.lsp.buf.format({ timeout_ms = 10000 })
else
  vim.lsp.buf.formatting_sync(nil, 10000)
end
vim.cmd("write")
vim.cmd("qall!")
