;; For check.sh: the packages installed system-wide (Debian's elpa-*), as a normal start loads them.
(require 'package)
(setq package-directory-list (append package-directory-list '("/usr/share/emacs/site-lisp/elpa")))
(package-initialize)
