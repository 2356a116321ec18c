//! LaTeX fixtures.

use super::check;
use crate::scan::FileKind;

fn tex(fixture: &str) {
    check(FileKind::Latex, fixture);
}

#[test]
fn command_names_are_skipped_text_arguments_stay() {
    tex("\\section«{Introduction}\nWe study »\\textbf«{fine-tuning} of models.»");
}

#[test]
fn non_prose_arguments_are_skipped() {
    tex(
        "\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}«\nSee »\\ref{sec:ft}« and »\\eqref{eq:1}«, after »\\cite[p.~3]{smith2020,doe}.\n\\label{sec:intro}\\includegraphics[width=\\linewidth]{fig/a.pdf}\\input{chapters/one}",
    );
}

#[test]
fn href_keeps_text_url_skipped() {
    tex("«Visit »\\href{https://example.com/%20x}«{the site} or »\\url{https://x.org}.");
}

#[test]
fn newcommand_definition_is_skipped() {
    tex("\\newcommand{\\ft}[1]{fine-tuning #1}\\def\\sam#1{segment anything}«\nProse.»");
}

#[test]
fn comments_are_skipped_escaped_percent_is_prose() {
    tex("«Accuracy rose 5\\% overall.»% fine tuning is a comment«\nNext line \\& more.»");
}

#[test]
fn math_is_skipped() {
    tex(
        "«Let »$x^2$« and »\\(y\\)« be given;»\\[ z = 1 \\]«then»$$w$$.\n\\begin{equation}\nE = mc^2 \\text{energy}\n\\end{equation}«\nAnd »\\begin{align*}\na &= b\n\\end{align*}«\ndone.»",
    );
}

#[test]
fn escaped_dollar_is_prose() {
    tex("«It costs \\$5 in fine tuning.»");
}

#[test]
fn verbatim_lstlisting_and_minted_are_skipped() {
    tex(
        "«Code:\n»\\begin{verbatim}\nfine tuning\n\\end{verbatim}«\nand\n»\\begin{lstlisting}[language=Python]\nsam = SAM()\n\\end{lstlisting}«\nand\n»\\begin{minted}{rust}\nfn main() {}\n\\end{minted}«\nend.»",
    );
}

#[test]
fn inline_verbatim_is_skipped() {
    tex("«Use »\\verb|fine_tune()|« or »\\lstinline{sam()}« or »\\verb+x+.");
}

#[test]
fn environment_names_and_options_are_skipped() {
    tex(
        "\\begin{figure}[htbp]\n\\centering\n\\caption«{Fine tuning results}\n»\\end{figure}\n\\begin{tabular}{|l|c|}«\nFine & tuning \\\\\n»\\end{tabular}",
    );
}

#[test]
fn item_labels_and_line_breaks_with_lengths() {
    tex("\\begin{itemize}\n\\item[a)]« first fine\ntuning »\\\\[2pt]« second\n»\\end{itemize}");
}

/// An unclosed `$` must not swallow the rest of the document: TeX ends it at a blank line.
#[test]
fn unclosed_math_ends_at_blank_line() {
    tex("«Price »$5 and more«\n\nNext paragraph.»");
}

#[test]
fn unicode_in_latex() {
    tex("«Modèle 微调 😀 »\\emph«{naïve} ok »$α$.");
}
