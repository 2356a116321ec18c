//! reStructuredText and AsciiDoc fixtures.
