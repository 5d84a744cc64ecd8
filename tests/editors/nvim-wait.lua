-- Run after a recipe and `:edit FILE`: waits for samictl's diagnostics and writes how many
-- Neovim shows to $SAMICTL_OUT.
local ok = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local f = io.open(os.getenv("SAMICTL_OUT"), "w")
f:write(ok and tostring(#vim.diagnostic.get(0)) or "none", "\n")
f:close()
vim.cmd("qall!")
