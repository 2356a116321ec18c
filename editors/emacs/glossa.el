;;; glossa.el --- Register the glossa language server with eglot and lsp-mode  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools, wp

;;; Commentary:

;; glossa checks technical terminology against glossaries: hover on a term, completion of
;; glossary names, diagnostics on deprecated or forbidden names, and quick fixes.  This file
;; only tells Emacs how to start the server, `glossa lsp', for prose modes.
;;
;; eglot (built into Emacs 29+):   (require 'glossa) then M-x eglot in a Markdown buffer.
;; lsp-mode:                       (require 'glossa) then M-x lsp; glossa runs as an add-on
;;                                 next to other servers of the mode (e.g. marksman).

;;; Code:

(defgroup glossa nil
  "The glossa terminology language server."
  :group 'tools
  :prefix "glossa-")

(defcustom glossa-executable "glossa"
  "The glossa binary: a name looked up on `exec-path', or a full path."
  :type 'string)

(defcustom glossa-major-modes '(markdown-mode gfm-mode text-mode latex-mode LaTeX-mode)
  "Major modes in which eglot starts glossa."
  :type '(repeat symbol))

(defun glossa--command (&rest _)
  "The command line that starts the server."
  (list glossa-executable "lsp"))

;;;; eglot

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  ;; Added first, so it wins over another server registered for the same modes (eglot runs one
  ;; server per buffer).
  (add-to-list 'eglot-server-programs (cons glossa-major-modes #'glossa--command)))

;;;; lsp-mode

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-activate-on "lsp-mode")

(with-eval-after-load 'lsp-mode
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection #'glossa--command)
    ;; Language ids from `lsp-language-id-configuration' (markdown-mode -> "markdown",
    ;; text-mode -> "plaintext", latex-mode -> "latex").
    :activation-fn (lsp-activate-on "markdown" "plaintext" "latex")
    :server-id 'glossa
    :add-on? t
    :priority -1)))

(provide 'glossa)
;;; glossa.el ends here
