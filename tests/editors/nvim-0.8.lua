-- samictl lsp in Neovim 0.8 and later (init.lua).
vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    vim.lsp.start({
      name = "samictl",
      cmd = { "samictl", "lsp" },
      root_dir = vim.fs.dirname(vim.fs.find({ "samictl.toml", ".git" },
        { upward = true, path = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)) })[1]),
    })
  end,
})
