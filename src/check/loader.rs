//! Loading a flow: the root file and, recursively, the files it includes (paths
//! relative to the including file), each parsed once; cycles are reported along
//! the chain of includes.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{File, Item};
use crate::syntax::parse_file;

/// Where rule files come from: the disk, or memory in tests.
pub trait Loader {
    /// The text of a file.
    fn read(&self, path: &Path) -> io::Result<String>;
}

/// Reads files from the disk.
#[derive(Debug, Default, Clone, Copy)]
pub struct DiskLoader;

impl Loader for DiskLoader {
    fn read(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }
}

/// Files held in memory, by path.
#[derive(Debug, Default, Clone)]
pub struct MemoryLoader(pub HashMap<PathBuf, String>);

impl Loader for MemoryLoader {
    fn read(&self, path: &Path) -> io::Result<String> {
        self.0
            .get(&normalize(path))
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }
}

/// A loaded flow: its files in load order (root first) and what went wrong.
pub struct Loaded {
    /// Parsed files; the index is the file id used in sites.
    pub files: Vec<File>,
    /// Read, include and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether any file had a syntax error.
    pub syntax_errors: bool,
}

/// Why a file could not be read, in the words of a label: lowercase and the same
/// on every platform for the common cases.
pub(super) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// `a/./b/../c` → `a/c`, so the same file is recognised however it is named.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            // `a/..` cancels out; `../..` does not (it climbs two folders).
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Loads `root` and everything it includes.
pub fn load(root: &Path, loader: &dyn Loader) -> Result<Loaded, io::Error> {
    let text = loader.read(root)?;
    Ok(load_source(&SourceFile::new(root, text), loader))
}

/// Loads a flow whose root text is already in memory (includes come from `loader`).
pub fn load_source(source: &Arc<SourceFile>, loader: &dyn Loader) -> Loaded {
    let mut state = State {
        loader,
        loaded: Loaded {
            files: Vec::new(),
            diagnostics: Vec::new(),
            syntax_errors: false,
        },
        by_path: HashMap::new(),
    };
    state.visit(source, &mut Vec::new());
    state.loaded
}

struct State<'a> {
    loader: &'a dyn Loader,
    loaded: Loaded,
    by_path: HashMap<PathBuf, usize>,
}

/// One step of the include chain: the including file and the include's string.
type ChainLink = (Arc<SourceFile>, Span, PathBuf);

impl State<'_> {
    fn visit(&mut self, source: &Arc<SourceFile>, chain: &mut Vec<ChainLink>) {
        let key = normalize(&source.path);
        self.by_path.insert(key.clone(), self.loaded.files.len());
        let (file, errors) = parse_file(source);
        self.loaded.syntax_errors |= !errors.is_empty();
        for e in &errors {
            self.loaded.diagnostics.push(Diagnostic::syntax(source, e));
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
            match self.loader.read(&path) {
                Ok(text) => {
                    chain.push((source.clone(), span, key.clone()));
                    self.visit(&SourceFile::new(path, text), chain);
                    chain.pop();
                }
                Err(e) => {
                    let d = Diagnostic::new(
                        Code::IncludeNotFound,
                        format!("cannot read included file `{rel}`"),
                        source,
                        span,
                        io_reason(&e),
                    )
                    .with_help(format!(
                        "include paths are relative to the including file; this one resolves to `{}`",
                        path.display()
                    ));
                    self.loaded.diagnostics.push(d);
                }
            }
        }
    }

    fn cycle(&mut self, source: &Arc<SourceFile>, span: Span, rel: &str, chain: &[ChainLink]) {
        let mut d = Diagnostic::new(
            Code::IncludeCycle,
            format!("include cycle: `{rel}` includes this file again"),
            source,
            span,
            "this include closes the cycle",
        );
        let mut names = Vec::new();
        for (i, (file, at, _)) in chain.iter().enumerate() {
            let next = chain.get(i + 1).map_or(source, |(f, _, _)| f);
            d = d.with_label(file, *at, format!("includes `{}`", next.name()));
            names.push(file.name());
        }
        names.push(source.name());
        names.push(names[0].clone());
        self.loaded
            .diagnostics
            .push(d.with_help(format!("the chain is {}", names.join(" → "))));
    }
}
