//! What a flow may read, decided before a byte is read: only regular files,
//! `*.flow` for the root and `include`, `*.json` for `holidays`, under a size
//! limit, inside the project of the root file or a folder the configuration allows
//! ([`Access`]). Where the bytes come from is a [`Loader`]: the disk, or memory in
//! tests. A refused file is named in a diagnostic at the string that named it and
//! never read, so never quoted: a `.env` or `/proc/self/environ` never reaches a
//! source snippet.

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use super::loader::{io_reason, normalize};
use crate::diagnostic::Code;

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
    NotAFile(String),
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
fn file_type_name(t: std::fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return crate::t!("check-file-fifo");
        }
        if t.is_char_device() || t.is_block_device() {
            return crate::t!("check-file-device");
        }
        if t.is_socket() {
            return crate::t!("check-file-socket");
        }
    }
    if t.is_dir() {
        crate::t!("check-file-directory")
    } else {
        crate::t!("check-file-not-regular")
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
    NotAFile(String),
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
            Refusal::WrongName(kind) => crate::t!("check-refused-name", ext = kind.extension()),
            Refusal::Outside { .. } => crate::t!("check-refused-outside"),
            Refusal::NotAFile(what) => crate::t!("check-refused-not-a-file", what = what),
            Refusal::TooLarge { size, limit } => crate::t!(
                "check-refused-too-large",
                size = human_size(*size),
                limit = human_size(*limit)
            ),
        }
    }

    /// Advice, given the path as resolved.
    pub fn help(&self, kind: FileKind, resolved: &Path) -> String {
        match self {
            Refusal::Io(_) => match kind {
                FileKind::Rules => crate::t!(
                    "check-help-include-relative",
                    path = resolved.display().to_string()
                ),
                FileKind::Holidays => crate::t!(
                    "check-help-holiday-relative",
                    path = resolved.display().to_string()
                ),
            },
            Refusal::WrongName(FileKind::Rules) => crate::t!("check-help-refused-flow"),
            Refusal::WrongName(FileKind::Holidays) => crate::t!("check-help-refused-json"),
            Refusal::Outside { project } => crate::t!(
                "check-help-refused-outside",
                project = project.display().to_string()
            ),
            Refusal::NotAFile(_) => {
                crate::t!("check-help-refused-not-a-file", ext = kind.extension())
            }
            Refusal::TooLarge { limit, .. } => crate::t!(
                "check-help-refused-too-large",
                ext = kind.extension(),
                limit = human_size(*limit)
            ),
        }
    }

    /// The refusal of a root file, as an I/O error (exit 2 in the CLI).
    pub(super) fn into_io(self, kind: FileKind, path: &Path) -> io::Error {
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
        0..1024 => crate::t!("check-size-bytes", n = n.to_string()),
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
