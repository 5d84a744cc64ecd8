;; For check.sh: what lsp-mode would ask a person (the project root), and only samictl.
(setq lsp-auto-guess-root t
      lsp-enabled-clients '(samictl)
      lsp-diagnostics-provider :flymake
      lsp-session-file (expand-file-name "lsp-session" (getenv "HOME")))
