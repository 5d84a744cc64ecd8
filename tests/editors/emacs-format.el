;; For format.sh, after the eglot recipe: opens $SAMICTL_FILE, waits for eglot to connect,
;; formats the buffer with `eglot-format-buffer' and saves it.
(find-file (getenv "SAMICTL_FILE"))
(unless (derived-mode-p 'yaml-mode) (yaml-mode))
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 30)))
  (while (and (< (float-time) deadline) (not (eglot-current-server)))
    (accept-process-output nil 0.1)
    (run-hooks (quote post-command-hook))))
(accept-process-output nil 1)
(eglot-format-buffer)
(save-buffer)
