# samictl lsp in Kakoune with kakoune-lsp 17 or later (kakrc, after `lsp-enable`).
hook -group samictl-lsp global BufSetOption filetype=yaml %{
    set-option buffer lsp_servers %{
        [samictl]
        root_globs = ["samictl.toml", ".git"]
        command = "samictl"
        args = ["lsp"]
    }
}
