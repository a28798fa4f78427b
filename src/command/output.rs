//! Where commands write: stdout and stderr behind a [`Printer`] that never panics.
//!
//! A reader that goes away (`salesflow plan | head`) closes the pipe: the printer
//! then drops what is left quietly and the command still ends with the exit code
//! it would have had. Any other write error (a full disk behind `> file`) is kept
//! and reported once the command is done (exit 2), because a half-written report
//! must not pass for a whole one.

use std::fmt;
use std::io::{self, Write};

/// One output stream.
struct Stream {
    sink: Box<dyn Write>,
    /// The reader went away: drop the rest.
    closed: bool,
    /// The first error other than a closed pipe.
    failed: Option<io::Error>,
}

impl Stream {
    fn new(sink: Box<dyn Write>) -> Stream {
        Stream {
            sink,
            closed: false,
            failed: None,
        }
    }

    fn write(&mut self, args: fmt::Arguments<'_>) {
        if self.closed || self.failed.is_some() {
            return;
        }
        if let Err(e) = self.sink.write_fmt(args) {
            self.fail(e);
        }
    }

    fn write_bytes(&mut self, bytes: &[u8]) {
        if self.closed || self.failed.is_some() {
            return;
        }
        if let Err(e) = self.sink.write_all(bytes) {
            self.fail(e);
        }
    }

    fn flush(&mut self) {
        if self.closed || self.failed.is_some() {
            return;
        }
        if let Err(e) = self.sink.flush() {
            self.fail(e);
        }
    }

    fn fail(&mut self, e: io::Error) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            self.closed = true;
        } else {
            self.failed = Some(e);
        }
    }
}

/// stdout and stderr of a command.
pub(crate) struct Printer {
    out: Stream,
    err: Stream,
}

impl Printer {
    /// The process's stdout (buffered) and stderr.
    pub(crate) fn stdio() -> Printer {
        Printer::new(
            Box::new(io::BufWriter::new(io::stdout())),
            Box::new(io::stderr()),
        )
    }

    /// A printer over any two writers (tests).
    pub(crate) fn new(out: Box<dyn Write>, err: Box<dyn Write>) -> Printer {
        Printer {
            out: Stream::new(out),
            err: Stream::new(err),
        }
    }

    /// Writes to stdout.
    pub(crate) fn out(&mut self, args: fmt::Arguments<'_>) {
        self.out.write(args);
    }

    /// Writes bytes to stdout (a streamed document, written as it is made).
    pub(crate) fn out_bytes(&mut self, bytes: &[u8]) {
        self.out.write_bytes(bytes);
    }

    /// Writes to stderr (stdout is flushed first, so a terminal shows both in order).
    pub(crate) fn err(&mut self, args: fmt::Arguments<'_>) {
        self.out.flush();
        self.err.write(args);
    }

    /// Flushes stdout; the first write error other than a closed pipe, if any.
    pub(crate) fn finish(&mut self) -> Option<io::Error> {
        self.out.flush();
        self.err.flush();
        self.out.failed.take()
    }
}

/// `outln!(printer, "…", args)`: a line on stdout.
macro_rules! outln {
    ($p:expr) => { $p.out(format_args!("\n")) };
    ($p:expr, $($arg:tt)*) => { $p.out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `out!(printer, "…", args)`: text on stdout.
macro_rules! out {
    ($p:expr, $($arg:tt)*) => { $p.out(format_args!($($arg)*)) };
}

/// `errln!(printer, "…", args)`: a line on stderr.
macro_rules! errln {
    ($p:expr, $($arg:tt)*) => { $p.err(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `err!(printer, "…", args)`: text on stderr.
macro_rules! err {
    ($p:expr, $($arg:tt)*) => { $p.err(format_args!($($arg)*)) };
}

pub(crate) use {err, errln, out, outln};

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader has gone away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    /// A writer on a full disk.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("no space left on device"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_quiet_and_not_a_failure() {
        let mut p = Printer::new(Box::new(ClosedPipe), Box::new(io::sink()));
        outln!(p, "first {}", 1);
        outln!(p, "second");
        assert!(p.finish().is_none());
    }

    #[test]
    fn another_write_error_is_kept_for_the_end() {
        let mut p = Printer::new(Box::new(Full), Box::new(io::sink()));
        out!(p, "data");
        let e = p.finish().expect("the error is kept");
        assert!(e.to_string().contains("no space"));
    }
}
