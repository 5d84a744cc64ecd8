;; samictl lsp with eglot (built into Emacs 29; the eglot package on Emacs 28), init.el.
(require 'eglot)
(add-to-list 'eglot-server-programs '((yaml-mode yaml-ts-mode) . ("samictl" "lsp")))
(add-hook 'yaml-mode-hook #'eglot-ensure)
(add-hook 'yaml-ts-mode-hook #'eglot-ensure)
