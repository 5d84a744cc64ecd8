;; samictl lsp with lsp-mode, init.el: an add-on server, so it runs beside yaml-language-server.
(require 'lsp-mode)
(add-to-list 'lsp-language-id-configuration '(yaml-mode . "yaml"))
(lsp-register-client
 (make-lsp-client :new-connection (lsp-stdio-connection '("samictl" "lsp"))
                  :activation-fn (lsp-activate-on "yaml")
                  :major-modes '(yaml-mode yaml-ts-mode)
                  :add-on? t
                  :server-id 'samictl))
(add-hook 'yaml-mode-hook #'lsp-deferred)
