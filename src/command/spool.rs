//! Output made before its head is known (`plan`'s per-customer sections come out
//! of the evaluation, and the summary that precedes them is counted from the same
//! pass): written to an unnamed temporary file as it is made, then copied out, so
//! memory stays that of one customer however large the store. Where no temporary
//! file can be made (a read-only temp folder), it is kept in memory.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// Bytes kept aside, in a temporary file or in memory.
pub(super) enum Spool {
    /// An unnamed temporary file (removed by the system when closed).
    File(BufWriter<File>),
    /// In memory: no temporary file could be made.
    Memory(Vec<u8>),
}

impl Spool {
    /// A spool on a temporary file when one can be made.
    pub(super) fn new() -> Spool {
        tempfile::tempfile().map_or_else(
            |_| Spool::Memory(Vec::new()),
            |f| Spool::File(BufWriter::new(f)),
        )
    }

    /// Keeps `text`; fails only when the temporary file cannot be written.
    pub(super) fn write(&mut self, text: &str) -> io::Result<()> {
        match self {
            Spool::File(f) => f.write_all(text.as_bytes()),
            Spool::Memory(v) => {
                v.extend_from_slice(text.as_bytes());
                Ok(())
            }
        }
    }

    /// Hands everything kept, in order, to `out`, in pieces.
    pub(super) fn drain(self, mut out: impl FnMut(&[u8])) -> io::Result<()> {
        match self {
            Spool::Memory(v) => out(&v),
            Spool::File(f) => {
                let mut file = f.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.seek(SeekFrom::Start(0))?;
                let mut buf = vec![0; 64 * 1024];
                loop {
                    let n = file.read(&mut buf)?;
                    if n == 0 {
                        break;
                    }
                    out(&buf[..n]);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_what_it_kept_in_order() {
        for mut spool in [Spool::new(), Spool::Memory(Vec::new())] {
            let line = "常州某机加工厂 进入 POC 验证\n";
            for _ in 0..10_000 {
                spool.write(line).unwrap();
            }
            let mut all = Vec::new();
            spool.drain(|b| all.extend_from_slice(b)).unwrap();
            assert_eq!(all, line.repeat(10_000).as_bytes());
        }
    }
}
