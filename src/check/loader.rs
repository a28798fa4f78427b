//! Loading a flow: the root file and, recursively, the files it includes (paths
//! relative to the including file), each read through [`Access`] and parsed once;
//! cycles are reported along the chain of includes. A file that is not UTF-8 is a
//! `not_utf8` diagnostic; each full-width punctuation mark a warning.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::access::{Access, FileKind, Loader};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{File, Item};
use crate::syntax::parse_file;

/// A loaded flow: its files in load order (root first) and what went wrong.
pub struct Loaded<'l> {
    /// Parsed files; the index is the file id used in sites.
    pub files: Vec<File>,
    /// Read, include and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether any file had a syntax error (or could not be read as text).
    pub syntax_errors: bool,
    /// What the flow may read (holiday files go through it too).
    pub access: Access<'l>,
}

/// Why a file could not be read, in the words of a label: lowercase and the same
/// on every platform for the common cases.
pub(super) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => crate::t!("check-io-not-found"),
        io::ErrorKind::PermissionDenied => crate::t!("check-io-permission"),
        io::ErrorKind::InvalidData => crate::t!("check-io-not-utf8"),
        _ => e.to_string(),
    }
}

/// `a/./b/../c` → `a/c`, so the same file is recognised however it is named.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            // `..` undoes a name, never another `..` (`../../x` stays as it is) nor
            // the root (`/..` is `/`).
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Loads `root` and everything it includes. A root that cannot be read, or is
/// not a regular `*.flow` file under the size limit, is an I/O error; a root
/// that is not UTF-8 is a diagnostic.
pub fn load<'l>(root: &Path, loader: &'l dyn Loader) -> Result<Loaded<'l>, io::Error> {
    let kind = FileKind::Rules;
    let access = Access::for_root(loader, root);
    // The root is held to the rules of an include: a `*.flow` link to `.env` in a
    // folder of rule files is refused, not parsed and quoted.
    let bytes = access.read(root, kind).map_err(|r| r.into_io(kind, root))?;
    let mut state = State::new(access);
    match text_of(root, bytes) {
        Ok(source) => state.visit(&source, &mut Vec::new()),
        Err((source, d)) => state.unreadable(source, d),
    }
    Ok(state.loaded)
}

/// Loads a flow whose root text is already in memory (includes come from `loader`).
pub fn load_source<'l>(source: &Arc<SourceFile>, loader: &'l dyn Loader) -> Loaded<'l> {
    let mut state = State::new(Access::for_root(loader, &source.path));
    state.visit(source, &mut Vec::new());
    state.loaded
}

/// The text of a file; a file that is not UTF-8 becomes the text before its first
/// invalid byte (and U+FFFD for it) and a `not_utf8` diagnostic pointing there.
fn text_of(path: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, (Arc<SourceFile>, Diagnostic)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bad = bytes[at];
            let looks = looks_like(&bytes, at);
            // The text shown is the valid part and a replacement character where
            // the first invalid byte is, so the label has something to underline.
            let mut shown = String::from_utf8_lossy(&bytes[..at]).into_owned();
            shown.push(char::REPLACEMENT_CHARACTER);
            let source = SourceFile::new(path, shown);
            let (line, _) = source.line_col(at);
            let d = Diagnostic::new(
                Code::NotUtf8,
                crate::t!("check-not-utf8", path = path.display().to_string()),
                &source,
                Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8()),
                crate::t!(
                    "check-label-not-utf8",
                    byte = format!("0x{bad:02X}"),
                    offset = at.to_string(),
                    line = line.to_string()
                ),
            )
            .with_help(match looks {
                Looks::Utf16 => crate::t!("check-help-not-utf8-utf16"),
                Looks::Gbk => crate::t!("check-help-not-utf8-gbk"),
                Looks::Unknown => crate::t!("check-help-not-utf8"),
            });
            Err((source, d))
        }
    }
}

/// The warning for a full-width punctuation mark read as ASCII.
fn fullwidth_warning(source: &Arc<SourceFile>, span: Span) -> Diagnostic {
    let mark = source.slice(span);
    let ascii = mark
        .chars()
        .next()
        .and_then(crate::syntax::ascii_form)
        .unwrap_or(' ');
    Diagnostic::new(
        Code::FullwidthPunctuation,
        crate::t!("check-fullwidth", mark = mark, ascii = ascii.to_string()),
        source,
        span,
        crate::t!("check-label-fullwidth"),
    )
    .with_help(crate::t!("check-help-fullwidth", ascii = ascii.to_string()))
}

/// A guess at the encoding a file is in, for the help text.
fn looks_like(bytes: &[u8], at: usize) -> Looks {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Looks::Utf16,
        _ => match (bytes[at], bytes.get(at + 1)) {
            (0x81..=0xFE, Some(0x40..=0xFE)) => Looks::Gbk,
            _ => Looks::Unknown,
        },
    }
}

/// The encoding a file that is not UTF-8 seems to be in.
enum Looks {
    Utf16,
    Gbk,
    Unknown,
}

struct State<'l> {
    loaded: Loaded<'l>,
    by_path: HashMap<PathBuf, usize>,
}

/// One step of the include chain: the including file and the include's string.
type ChainLink = (Arc<SourceFile>, Span, PathBuf);

impl<'l> State<'l> {
    fn new(access: Access<'l>) -> Self {
        Self {
            loaded: Loaded {
                files: Vec::new(),
                diagnostics: Vec::new(),
                syntax_errors: false,
                access,
            },
            by_path: HashMap::new(),
        }
    }

    /// A file that could not be read as text: it is part of the flow, with no
    /// items, and the flow is not checked further.
    fn unreadable(&mut self, source: Arc<SourceFile>, d: Diagnostic) {
        self.by_path
            .insert(normalize(&source.path), self.loaded.files.len());
        self.loaded.syntax_errors = true;
        self.loaded.diagnostics.push(d);
        self.loaded.files.push(File {
            source,
            items: Vec::new(),
            comments: Vec::new(),
            fullwidth: Vec::new(),
        });
    }

    fn visit(&mut self, source: &Arc<SourceFile>, chain: &mut Vec<ChainLink>) {
        let key = normalize(&source.path);
        self.by_path.insert(key.clone(), self.loaded.files.len());
        let (file, errors) = parse_file(source);
        self.loaded.syntax_errors |= !errors.is_empty();
        for e in &errors {
            self.loaded.diagnostics.push(Diagnostic::syntax(source, e));
        }
        for span in &file.fullwidth {
            self.loaded
                .diagnostics
                .push(fullwidth_warning(source, *span));
        }
        let includes: Vec<(String, Span)> = file
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Include(s, _) => Some((s.value.clone(), s.span)),
                _ => None,
            })
            .collect();
        self.loaded.files.push(file);
        for (rel, span) in includes {
            let path = normalize(&source.dir().join(&rel));
            if let Some(start) = chain
                .iter()
                .position(|(_, _, p)| *p == path)
                .or_else(|| (path == key).then_some(chain.len()))
            {
                self.cycle(source, span, &rel, &chain[start..]);
                continue;
            }
            if self.by_path.contains_key(&path) {
                continue;
            }
            match self.loaded.access.read(&path, FileKind::Rules) {
                Ok(bytes) => match text_of(&path, bytes) {
                    Ok(text) => {
                        chain.push((source.clone(), span, key.clone()));
                        self.visit(&text, chain);
                        chain.pop();
                    }
                    Err((text, d)) => self.unreadable(text, d),
                },
                Err(refusal) => {
                    let d = Diagnostic::new(
                        refusal.code(Code::IncludeNotFound),
                        crate::t!("check-include-unreadable", path = rel),
                        source,
                        span,
                        refusal.label(),
                    )
                    .with_help(refusal.help(FileKind::Rules, &path));
                    self.loaded.diagnostics.push(d);
                }
            }
        }
    }

    fn cycle(&mut self, source: &Arc<SourceFile>, span: Span, rel: &str, chain: &[ChainLink]) {
        let mut d = Diagnostic::new(
            Code::IncludeCycle,
            crate::t!("check-include-cycle", path = rel),
            source,
            span,
            crate::t!("check-label-include-cycle"),
        );
        let mut names = Vec::new();
        for (i, (file, at, _)) in chain.iter().enumerate() {
            let next = chain.get(i + 1).map_or(source, |(f, _, _)| f);
            d = d.with_label(
                file,
                *at,
                crate::t!("check-label-includes", path = next.name()),
            );
            names.push(file.name());
        }
        names.push(source.name());
        names.push(names[0].clone());
        self.loaded.diagnostics.push(d.with_help(crate::t!(
            "check-help-include-cycle",
            chain = names.join(" → ")
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use std::path::Path;

    #[test]
    fn parent_folders_are_kept_when_nothing_is_left_to_undo() {
        let n = |p: &str| normalize(Path::new(p)).display().to_string();
        assert_eq!(n("a/./b/../c"), "a/c");
        assert_eq!(n("../../shared/common.flow"), "../../shared/common.flow");
        assert_eq!(n("rules/../../shared/x.flow"), "../shared/x.flow");
        assert_eq!(n("/../etc/x.flow"), "/etc/x.flow");
        assert_eq!(n("a/../../b"), "../b");
    }
}
