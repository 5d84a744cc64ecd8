-- samictl lsp in Neovim 0.7 and later (init.lua). One server per samictl.toml folder.
local samictl_clients = {}
vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":p:h")
    local marker = vim.fn.findfile("samictl.toml", vim.fn.fnameescape(dir) .. ";")
    local root = marker ~= "" and vim.fn.fnamemodify(marker, ":p:h") or dir
    local id = samictl_clients[root]
    if not (id and vim.lsp.get_client_by_id(id)) then
      id = vim.lsp.start_client({ name = "samictl", cmd = { "samictl", "lsp" }, root_dir = root })
      samictl_clients[root] = id
    end
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
