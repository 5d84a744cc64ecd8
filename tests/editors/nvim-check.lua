-- Drives `samictl lsp` from a real editor: Neovim, headless.
--   run through tests/editors/nvim-check.sh (works with Neovim 0.7 and later).
-- Opens the file named by $SAMICTL_FILE, waits for the diagnostics, writes them as JSON to
-- $SAMICTL_OUT.diagnostics.json; then asks for the code actions on the first fixable finding
-- of rule $SAMICTL_RULE, applies the preferred quick fix and writes the buffer to $SAMICTL_OUT.fixed.
local file = os.getenv('SAMICTL_FILE')
local out = os.getenv('SAMICTL_OUT')
local rule = os.getenv('SAMICTL_RULE')
local bin = os.getenv('SAMICTL_BIN')

local function fail(msg)
  io.stderr:write('nvim-check: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local published = nil
local client_id = vim.lsp.start_client({
  name = 'samictl',
  cmd = { bin, '--no-config', 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      published = result.diagnostics
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  },
})
if not client_id then fail('the client did not start') end
vim.lsp.buf_attach_client(buf, client_id)
if not vim.wait(10000, function() return published ~= nil end, 20) then
  fail('no diagnostics within 10 s')
end
local f = io.open(out .. '.diagnostics.json', 'w')
f:write(vim.json.encode(published))
f:close()
-- What Neovim itself shows.
local shown = vim.diagnostic.get(buf)
io.stdout:write(string.format('nvim-check: %d diagnostics published, %d shown by Neovim\n', #published, #shown))

local client = vim.lsp.get_client_by_id(client_id)
local action = nil
for _, d in ipairs(published) do
  if d.code == rule then
    local resp = client.request_sync('textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = d.range,
      context = { diagnostics = { d }, only = { 'quickfix' } },
    }, 10000, buf)
    if resp and not resp.err and resp.result and #resp.result > 0 then
      action = resp.result[1]
      break
    end
  end
end
if not action then fail('no quick fix for any finding of ' .. rule) end
io.stdout:write('nvim-check: applying "' .. action.title .. '"\n')
vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
f = io.open(out .. '.fixed', 'w')
f:write(table.concat(lines, '\n') .. '\n')
f:close()
client.stop()
vim.cmd('qall!')
