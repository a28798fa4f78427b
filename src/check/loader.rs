//! Loading a flow: the root file and, recursively, the files it includes (paths
//! relative to the including file), each parsed once; cycles are reported along
//! the chain of includes.
//!
//! What a flow may read is decided here ([`Access`]), before a byte is read: only
//! regular files, `*.flow` for `include` and `*.json` for `holidays`, under a size
//! limit, inside the project of the root file or a folder the configuration allows.
//! A file refused is named in a diagnostic at the string that named it, and never
//! quoted: a `.env` or `/proc/self/environ` never reaches a source snippet.

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{File, Item};
use crate::syntax::parse_file;

/// The largest rule file read: sixteen times the largest flow we have seen
/// generated (1 MB), far beyond any written by hand.
pub const MAX_RULE_FILE: u64 = 16 << 20;
/// The largest holiday file read: a holiday-cn year is 5 KB.
pub const MAX_HOLIDAY_FILE: u64 = 1 << 20;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file system said no (missing, permission denied, …).
    Io(io::Error),
    /// Not a regular file: what it is ("a directory", "a FIFO", …).
    NotAFile(&'static str),
    /// Larger than the limit (its size when known, else at least the limit).
    TooLarge(u64),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Where rule and holiday files come from: the disk, or memory in tests.
pub trait Loader {
    /// At most `limit` bytes of the regular file at `path`; a larger file is
    /// [`ReadError::TooLarge`], read no further.
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError>;

    /// Where `path` really is (links followed), to tell whether it lies inside
    /// the project.
    fn locate(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(normalize(path))
    }

    /// The folder of the project a root file belongs to: files outside it are
    /// not read unless allowed.
    fn project_of(&self, root: &Path) -> PathBuf {
        normalize(root)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Folders outside the project that a flow may read from (`allow_paths:` in
    /// `salesflow.yaml`).
    fn allow_paths(&self) -> &[PathBuf] {
        &[]
    }
}

/// Reads files from the disk; the project of a root file is the git work tree
/// holding it, else the nearest folder above it with a `salesflow.yaml`, else its
/// own folder.
#[derive(Debug, Default, Clone, Copy)]
pub struct DiskLoader;

impl Loader for DiskLoader {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        // Asked before opening: opening a FIFO would wait for a writer.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(ReadError::NotAFile(file_type_name(meta.file_type())));
        }
        if meta.len() > limit {
            return Err(ReadError::TooLarge(meta.len()));
        }
        let file = std::fs::File::open(path)?;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
        // A file that grows (or a /proc file that reports no size) stops at the limit.
        file.take(limit + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge(limit + 1));
        }
        Ok(bytes)
    }

    fn locate(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn project_of(&self, root: &Path) -> PathBuf {
        let folder = normalize(root)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let folder = if folder.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            folder
        };
        let Ok(folder) = std::fs::canonicalize(&folder) else {
            return normalize(&folder);
        };
        let above = |marker: &str| {
            folder
                .ancestors()
                .find(|dir| dir.join(marker).exists())
                .map(Path::to_path_buf)
        };
        above(".git")
            .or_else(|| above("salesflow.yaml"))
            .unwrap_or(folder)
    }
}

/// What a kind of file looks like to `file`.
fn file_type_name(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// A loader that may also read under some folders outside the project: the
/// `allow_paths:` of `salesflow.yaml`, resolved by the caller.
#[derive(Debug, Clone)]
pub struct AllowPaths<L> {
    /// The loader that reads.
    pub loader: L,
    /// Folders a flow may read from besides its project.
    pub paths: Vec<PathBuf>,
}

impl<L: Loader> Loader for AllowPaths<L> {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        self.loader.read(path, limit)
    }

    fn locate(&self, path: &Path) -> io::Result<PathBuf> {
        self.loader.locate(path)
    }

    fn project_of(&self, root: &Path) -> PathBuf {
        self.loader.project_of(root)
    }

    fn allow_paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

/// Files held in memory, by path.
#[derive(Debug, Default, Clone)]
pub struct MemoryLoader(pub HashMap<PathBuf, String>);

impl Loader for MemoryLoader {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let text = self
            .0
            .get(&normalize(path))
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))?;
        if text.len() as u64 > limit {
            return Err(ReadError::TooLarge(text.len() as u64));
        }
        Ok(text.as_bytes().to_vec())
    }
}

/// What a flow reads a file as: it decides the names allowed and the size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A rule file (`include`, or the root).
    Rules,
    /// A holiday-cn JSON file (`holidays`).
    Holidays,
}

impl FileKind {
    fn extension(self) -> &'static str {
        match self {
            FileKind::Rules => "flow",
            FileKind::Holidays => "json",
        }
    }

    /// Whether a path is named as a file of this kind.
    fn names(self, path: &Path) -> bool {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(self.extension()))
    }

    fn limit(self) -> u64 {
        match self {
            FileKind::Rules => MAX_RULE_FILE,
            FileKind::Holidays => MAX_HOLIDAY_FILE,
        }
    }
}

/// Why a file named by a flow was not read.
#[derive(Debug)]
pub enum Refusal {
    /// The file system said no.
    Io(io::Error),
    /// Not named `*.flow` (include) or `*.json` (holidays).
    WrongName(FileKind),
    /// Outside the project and every allowed folder.
    Outside {
        /// The project folder.
        project: PathBuf,
    },
    /// Not a regular file.
    NotAFile(&'static str),
    /// Over the size limit.
    TooLarge {
        /// Its size (or at least this).
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl Refusal {
    /// The diagnostic code: a missing file keeps the code of its kind.
    pub fn code(&self, missing: Code) -> Code {
        match self {
            Refusal::Io(_) => missing,
            Refusal::WrongName(_) | Refusal::Outside { .. } => Code::RefusedPath,
            Refusal::NotAFile(_) | Refusal::TooLarge { .. } => Code::UnreadableFile,
        }
    }

    /// What is wrong, as a label.
    pub fn label(&self) -> String {
        match self {
            Refusal::Io(e) => io_reason(e),
            Refusal::WrongName(kind) => format!("not a `*.{}` file", kind.extension()),
            Refusal::Outside { .. } => "outside the project".into(),
            Refusal::NotAFile(what) => format!("{what}, not a regular file"),
            Refusal::TooLarge { size, limit } => format!(
                "{} over the limit of {}",
                human_size(*size),
                human_size(*limit)
            ),
        }
    }

    /// Advice, given the path as resolved.
    pub fn help(&self, kind: FileKind, resolved: &Path) -> String {
        match self {
            Refusal::Io(_) => format!(
                "{} are relative to the {}; this one resolves to `{}`",
                match kind {
                    FileKind::Rules => "include paths",
                    FileKind::Holidays => "holiday paths",
                },
                match kind {
                    FileKind::Rules => "including file",
                    FileKind::Holidays => "rule file",
                },
                resolved.display()
            ),
            Refusal::WrongName(FileKind::Rules) => {
                "only rule files are included: name it `*.flow`".into()
            }
            Refusal::WrongName(FileKind::Holidays) => {
                "holiday files are holiday-cn JSON files named `*.json`".into()
            }
            Refusal::Outside { project } => format!(
                "a flow reads files inside its project (`{}`); list other folders under `allow_paths:` in salesflow.yaml",
                project.display()
            ),
            Refusal::NotAFile(_) => format!("name a regular `*.{}` file", kind.extension()),
            Refusal::TooLarge { limit, .. } => format!(
                "a `*.{}` file may have at most {}",
                kind.extension(),
                human_size(*limit)
            ),
        }
    }

    /// The refusal of a root file, as an I/O error (exit 2 in the CLI).
    fn into_io(self, kind: FileKind, path: &Path) -> io::Error {
        match self {
            Refusal::Io(e) => e,
            other => io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{}; {}", other.label(), other.help(kind, path)),
            ),
        }
    }
}

/// `12 MB`, `1 KB`, `17 bytes`: sizes for people.
fn human_size(n: u64) -> String {
    match n {
        0..1024 => format!("{n} bytes"),
        1024..0x10_0000 => format!("{} KB", n / 1024),
        _ => format!("{} MB", n >> 20),
    }
}

/// Where a flow may read: its project and the folders allowed besides.
pub struct Access<'l> {
    loader: &'l dyn Loader,
    project: PathBuf,
    allowed: Vec<PathBuf>,
}

impl<'l> Access<'l> {
    /// The access of the flow whose root file is `root`.
    pub fn for_root(loader: &'l dyn Loader, root: &Path) -> Self {
        let allowed = loader
            .allow_paths()
            .iter()
            .map(|p| loader.locate(p).unwrap_or_else(|_| normalize(p)))
            .collect();
        Self {
            loader,
            project: loader.project_of(root),
            allowed,
        }
    }

    /// Reads a file named by a rule file: its name, place, kind and size checked
    /// before its content is read.
    pub fn read(&self, path: &Path, kind: FileKind) -> Result<Vec<u8>, Refusal> {
        if !kind.names(path) {
            return Err(Refusal::WrongName(kind));
        }
        let real = self.loader.locate(path).map_err(Refusal::Io)?;
        // A link named `x.flow` to `.env` is still `.env`.
        if !kind.names(&real) {
            return Err(Refusal::WrongName(kind));
        }
        let under = |dir: &Path| {
            real.starts_with(dir) && !real.components().any(|c| c == Component::ParentDir)
        };
        if !under(&self.project) && !self.allowed.iter().any(|a| under(a)) {
            return Err(Refusal::Outside {
                project: self.project.clone(),
            });
        }
        self.loader
            .read(path, kind.limit())
            .map_err(|e| refusal(e, kind))
    }
}

fn refusal(e: ReadError, kind: FileKind) -> Refusal {
    match e {
        ReadError::Io(e) => Refusal::Io(e),
        ReadError::NotAFile(what) => Refusal::NotAFile(what),
        ReadError::TooLarge(size) => Refusal::TooLarge {
            size,
            limit: kind.limit(),
        },
    }
}

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
                format!("`{}` is not UTF-8 text", path.display()),
                &source,
                Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8()),
                format!("byte 0x{bad:02X} at offset {at} (line {line}) is not UTF-8"),
            )
            .with_help(format!(
                "save the file as UTF-8{looks}; rule files are read as UTF-8 only"
            ));
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
        format!("full-width `{mark}` read as `{ascii}`"),
        source,
        span,
        "full-width punctuation",
    )
    .with_help(format!(
        "the rule language's punctuation is ASCII: write `{ascii}` (`salesflow fmt` rewrites it)"
    ))
}

/// A guess at the encoding a file is in, for the help text.
fn looks_like(bytes: &[u8], at: usize) -> &'static str {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => " (it looks like UTF-16)",
        _ => match (bytes[at], bytes.get(at + 1)) {
            (0x81..=0xFE, Some(0x40..=0xFE)) => {
                " (it looks like GBK/GB18030, what Chinese Windows saves by default)"
            }
            _ => "",
        },
    }
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
            self.loaded
                .diagnostics
                .push(Diagnostic::from_miette(Code::UnexpectedToken, source, e));
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
                        format!("cannot read included file `{rel}`"),
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
