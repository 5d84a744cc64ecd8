;; For check.sh, after a recipe: opens $SAMICTL_FILE, waits for the diagnostics (flymake) and
;; writes how many there are to $SAMICTL_OUT.
(find-file (getenv "SAMICTL_FILE"))
(unless (derived-mode-p 'yaml-mode) (yaml-mode))
;; Batch mode runs no command loop and no idle timers: run what a first command would (eglot
;; connects then), and what lsp-deferred waits for idle time to do.
(run-hooks 'post-command-hook)
(when (and (featurep 'lsp-mode) (not (bound-and-true-p lsp-mode)))
  (lsp))
(let ((deadline (+ (float-time) 30)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)
    (run-hooks (quote post-command-hook))
    (when (bound-and-true-p flymake-mode) (flymake-start))))
(let ((count (length (flymake-diagnostics))))
  (with-temp-file (getenv "SAMICTL_OUT")
    (insert (format "%d\n" count))))
