;;; e2e.el --- End-to-end test of `glossa lsp' in Emacs with eglot  -*- lexical-binding: t; -*-

;; Run by run.sh in `emacs --batch' (Emacs 28 + Debian's elpa-eglot, or the eglot built into
;; Emacs 29+), which makes the temporary project and passes its paths in the environment:
;;   GLOSSA_BIN          the glossa binary under test
;;   GLOSSA_E2E_DIR      the project folder (see tests/editor-project.sh)
;;   GLOSSA_E2E_RESULTS  file this script appends "PASS name" / "FAIL name: why" lines to
;; Every check goes through eglot's own entry points: flymake for diagnostics, eglot's eldoc
;; function for hover, `completion-at-point' for completion, `eglot-code-actions' for the quick
;; fix. Waits are bounded loops that only guard against a hang: a timeout is a failure.

;;; Code:

(require 'package)
;; Debian's elpa-* packages; `-Q' leaves them out of the package path.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'markdown-mode nil t)

(defvar glossa-e2e-wait 15 "Seconds to wait for one server answer.")
(defvar glossa-e2e-results (getenv "GLOSSA_E2E_RESULTS"))
(defvar glossa-e2e-dir (file-name-as-directory (getenv "GLOSSA_E2E_DIR")))

(defun glossa-e2e-record (ok name why)
  "Append a PASS or FAIL line for check NAME; WHY explains a failure."
  (with-temp-buffer
    (insert (if ok (format "PASS %s\n" name) (format "FAIL %s: %s\n" name why)))
    (append-to-file (point-min) (point-max) glossa-e2e-results))
  ok)

(defun glossa-e2e-wait-for (pred)
  "Process events until PRED is non-nil or the guard runs out; PRED's value."
  (let ((deadline (+ (float-time) glossa-e2e-wait)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun glossa-e2e-goto (needle)
  "Move point to the start of the first NEEDLE in the buffer."
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (match-beginning 0)))

(defun glossa-e2e-line ()
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun glossa-e2e-hover-at (needle)
  "Hover text for the first NEEDLE, through eglot's eldoc hover function."
  (glossa-e2e-goto needle)
  (forward-char 1)
  (let (info)
    (eglot-hover-eldoc-function (lambda (doc &rest _) (setq info (or doc ""))))
    (glossa-e2e-wait-for (lambda () info))
    (downcase (or info ""))))

(defun glossa-e2e-glossa-diags (code)
  (seq-filter (lambda (d) (string-match-p code (flymake-diagnostic-text d)))
              (flymake-diagnostics)))

(defun glossa-e2e-run ()
  (add-to-list 'eglot-server-programs
               `((markdown-mode gfm-mode text-mode) . (,(getenv "GLOSSA_BIN") "lsp")))
  (find-file (concat glossa-e2e-dir "doc.md"))
  (unless (derived-mode-p 'markdown-mode) (text-mode))
  (switch-to-buffer (current-buffer))
  (apply #'eglot (eglot--guess-contact))
  (glossa-e2e-record
   (glossa-e2e-wait-for (lambda () (eglot-current-server)))
   "eglot connects to `glossa lsp'" "no eglot server for the buffer")

  ;; Diagnostics, through flymake.
  (glossa-e2e-record
   (glossa-e2e-wait-for
    (lambda ()
      (seq-find (lambda (d)
                  (save-excursion
                    (goto-char (flymake-diagnostic-beg d))
                    (and (looking-at "finetuning recipe")
                         (string-match-p "deprecated-term" (flymake-diagnostic-text d)))))
                (flymake-diagnostics))))
   "flymake shows deprecated-term on \"finetuning\""
   (format "diagnostics: %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))

  ;; Hover on both senses of SAM.
  (let ((vision (glossa-e2e-hover-at "SAM to segment")))
    (glossa-e2e-record
     (and (string-match-p "segment anything model" vision)
          (not (string-match-p "scanning acoustic microscopy" vision)))
     "hover on \"SAM\" beside \"segment ... images\" shows the segmentation model" vision))
  (let ((acoustic (glossa-e2e-hover-at "SAM scan")))
    (glossa-e2e-record
     (and (string-match-p "scanning acoustic microscopy" acoustic)
          (not (string-match-p "segment anything model" acoustic)))
     "hover on \"SAM\" beside \"voids and delamination\" shows acoustic microscopy" acoustic))

  ;; Completion: type "sparse au" on a new prose line and complete at point.
  (goto-char (point-max))
  (insert "\nWe train a sparse au")
  (completion-at-point)
  (glossa-e2e-wait-for (lambda () (string-suffix-p "autoencoder" (glossa-e2e-line))))
  (glossa-e2e-record (equal (glossa-e2e-line) "We train a sparse autoencoder")
                     "completion-at-point completes \"sparse au\" to \"sparse autoencoder\""
                     (format "line is %S" (glossa-e2e-line)))

  ;; Quick fix: eglot's code action command on the warning, picking the "Replace" action.
  (glossa-e2e-goto "finetuning recipe")
  (let ((last-nonmenu-event ?\r) ; as from the keyboard, not a mouse menu
        (completing-read-function
         (lambda (_prompt collection &rest _)
           (seq-find (lambda (title) (string-prefix-p "Replace" title))
                     (mapcar (lambda (c) (if (consp c) (car c) c)) collection)))))
    (condition-case err
        (eglot-code-actions (point) (+ (point) (length "finetuning")) "quickfix" t)
      (error (glossa-e2e-record nil "eglot-code-actions runs" (error-message-string err)))))
  (glossa-e2e-goto "recipe follows")
  (glossa-e2e-record (equal (glossa-e2e-line) "Our fine-tuning recipe follows the paper.")
                     "the quick fix makes the line say \"fine-tuning\""
                     (format "line is %S" (glossa-e2e-line)))
  ;; What Emacs does once idle (idle timers never fire in batch): send the change, run flymake.
  (eglot--signal-textDocument/didChange)
  (flymake-start)
  (glossa-e2e-record
   (glossa-e2e-wait-for (lambda () (null (glossa-e2e-glossa-diags "deprecated-term"))))
   "the warning is gone after the fix"
   (format "diagnostics: %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))

  (set-buffer-modified-p nil)
  (eglot-shutdown (eglot-current-server)))

(condition-case err
    (progn (glossa-e2e-run) (kill-emacs 0))
  (error (glossa-e2e-record nil "test script" (error-message-string err))
         (kill-emacs 3)))

;;; e2e.el ends here
