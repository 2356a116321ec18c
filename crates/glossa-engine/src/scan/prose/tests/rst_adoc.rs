//! reStructuredText and AsciiDoc fixtures.

use super::check;
use crate::scan::FileKind;

fn rst(fixture: &str) {
    check(FileKind::Rst, fixture);
}

fn adoc(fixture: &str) {
    check(FileKind::Asciidoc, fixture);
}

#[test]
fn rst_literal_blocks_and_inline_literals_are_skipped() {
    rst(
        "«Fine tuning\n===========\n\nRun this::\n\n»    fine_tune(model)\n    done()\n\n«Then use »``sam()``« and read\n»",
    );
}

#[test]
fn rst_directives_code_bodies_and_comments() {
    rst(
        ".. code-block:: python\n\n   fine_tune()\n\n.. note::\n   :class: tip\n«\n   Fine tuning is prose.\n\n».. a comment about fine tuning\n   continued\n«Last.»",
    );
}

#[test]
fn rst_roles_links_and_targets() {
    rst(
        "«See »:ref:`fine-tuning`« and »:term:`«sparse autoencoder`, or `the guide »<https://x.org/g>`_.\n\n.. _guide: https://x.org/g\n",
    );
}

/// skorch's long description (PyPI, BSD-3-Clause): a line of badges written as substitution
/// references, `|huggingface|` among them (a `huggingface` in prose got "use Hugging Face").
/// A reference names a definition elsewhere; it is not prose. A table's `| cell |` is.
#[test]
fn rst_substitution_references_are_skipped() {
    rst(
        "|build| |coverage| |docs| |huggingface| |powered|«\n\nA scikit-learn compatible library.\n»",
    );
    rst("«Pipes a|fine tuning|b and | fine tuning | stay.\n»");
}

#[test]
fn adoc_listing_blocks_code_and_comments() {
    adoc(
        "«= Fine tuning\n\n»[source,python]\n----\nfine_tune()\n----«\nUse »`sam()`« here.\n»// a comment line«\nText.»",
    );
}

#[test]
fn adoc_attributes_macros_and_links() {
    adoc(
        ":toc: left«\nIntro.\n»image::diagram.png[«A diagram]\nSee »https://x.org/guide[«the guide] or »link:docs/a.html[«docs] and »stem:[x^2].\n////\nblock comment\n////\n",
    );
}
