//! The canonical layout of rule files (`salesflow fmt`).
//!
//! Takes a parsed file (its tree, its comments and its source); produces the file's
//! text in the style `examples/zhilian.flow` is written in. It is a printer over the
//! syntax tree, not a rewrite of the text: each item is written from its nodes,
//! literals exactly as they were written, and the source is read only for what the
//! tree does not keep (comments, empty lines, parentheses, where a condition was
//! broken over lines). So the output parses to the same tree, with every comment in
//! the same order.
//!
//! The rules, in one place:
//! - two spaces per block level; `{` ends its header line, `}` stands alone;
//! - one empty line at most where the source had one or more, between items and
//!   between a block's lines; none at the start, after `{` or before `}`; the file
//!   ends with exactly one newline;
//! - tables aligned by display width (CJK is two columns): `pipeline` (name, label,
//!   modifiers two spaces apart), `tags` (name, keywords), and consecutive `segment`
//!   items (name, label, `when`/`otherwise`);
//! - a chain of `or`/`and` broken over lines stays broken, one operand per line
//!   (see [`expr`]); anything else is written on one line;
//! - a comment on its own line stays on its own line, at the indentation of what
//!   follows it; a trailing comment stays at the end of its line, two spaces after
//!   the text, lined up with the trailing comments of the lines next to it.

mod actions;
mod declarations;
mod diff;
mod expr;
mod items;
mod printer;
mod rules;
mod source_view;
mod table;

use std::sync::Arc;

pub use diff::unified_diff;

use crate::source::SourceFile;
use crate::syntax::ast::File;
use crate::syntax::{SyntaxError, parse_file, rewrite_fullwidth};

/// The canonical text of a parsed file (which should have no syntax errors: what
/// did not parse is not in the tree and would be lost).
///
/// Full-width punctuation (`，` for `,`) is written in its ASCII form: the text
/// with each mark rewritten is parsed again and printed, so everything read from
/// the source (literals, parentheses, layout) is already ASCII.
pub fn format_file(file: &File) -> String {
    if !file.fullwidth.is_empty() {
        let ascii = SourceFile::new(
            file.source.path.clone(),
            rewrite_fullwidth(&file.source.text, &file.fullwidth),
        );
        let (again, errors) = parse_file(&ascii);
        if errors.is_empty() && again.fullwidth.is_empty() {
            return print(&again);
        }
    }
    print(file)
}

fn print(file: &File) -> String {
    let src = source_view::SourceView::new(&file.source.text, &file.comments);
    let mut p = printer::Printer::new(src);
    items::items(&mut p, &file.items);
    p.finish()
}

/// Parses and formats a rule file; its syntax errors when it has any.
pub fn format_source(source: &Arc<SourceFile>) -> Result<String, Vec<SyntaxError>> {
    let (file, errors) = parse_file(source);
    if errors.is_empty() {
        Ok(format_file(&file))
    } else {
        Err(errors)
    }
}
