//! Where the output goes, safely: `--out` is written whole to a temporary file next to it and
//! renamed into place (a failed or interrupted run never leaves a truncated report, nor
//! truncates the file it replaces); an `--out` that is one of the inputs is refused before
//! anything is read; a file reached twice among the inputs is read once.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use storyline_parser::input::Input;

/// What makes a file the same file: its device and inode (whatever the path, link or hard link
/// reaching it); elsewhere than Unix, its canonical path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

/// The file `path` names (links followed), if it exists.
fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(FileId::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok().map(FileId::Path)
    }
}

/// The inputs with every file reached more than once (given twice, given with its folder,
/// reached again through a link to a folder) kept at its first place only. Standard input and
/// inputs that cannot be looked up (their reading will say why) are kept.
pub fn each_file_once(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen = std::collections::HashSet::new();
    inputs.into_iter().filter(|i| i.is_stdin() || file_id(&i.path).is_none_or(|id| seen.insert(id))).collect()
}

/// Refuse an `--out` that is one of the inputs (the same file, by any path or link): the run
/// would replace what it reads.
pub fn check_not_input(out: &Path, inputs: &[Input]) -> Result<()> {
    let Some(id) = file_id(out) else { return Ok(()) };
    if inputs.iter().any(|i| !i.is_stdin() && file_id(&i.path).as_ref() == Some(&id)) {
        bail!("--out {} is also an input", out.display());
    }
    Ok(())
}

/// Run `f` on the output, buffered and flushed: the `--out` file (see [`OutFile`]), or
/// `stdout`. When `f` fails the `--out` file is left as it was.
pub fn with_output(
    out: Option<&Path>,
    stdout: &mut dyn Write,
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = out else {
        let mut w = BufWriter::new(stdout);
        f(&mut w)?;
        return w.flush().context("cannot write the output");
    };
    let mut file = OutFile::create(path)?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, &mut file.file);
        f(&mut w)?;
        w.flush().with_context(|| format!("cannot write {}", path.display()))?;
    }
    file.commit()
}

/// An `--out` file being written. A regular file (or a new one) is written to a temporary file
/// in the same directory (`.NAME.storyline-PID-N.tmp`, with the permissions of the file it
/// replaces) and renamed over it by [`OutFile::commit`]; dropped without a commit (an error, a
/// panic), the temporary file is removed and the old file is untouched. Something that is not a
/// regular file (`/dev/null`, a pipe) is written directly.
pub struct OutFile {
    file: File,
    /// The temporary file and the path it is renamed to.
    rename: Option<(PathBuf, PathBuf)>,
}

impl OutFile {
    pub fn create(path: &Path) -> Result<OutFile> {
        // A link is followed: the file it points to is replaced, the link stays.
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let existing = std::fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            let file = File::create(&target).with_context(|| format!("cannot create {}", path.display()))?;
            return Ok(OutFile { file, rename: None });
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .with_context(|| format!("cannot create {}: not a file name", path.display()))?;
        let mut n = 0u32;
        let (file, temp) = loop {
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(".storyline-{}-{n}.tmp", std::process::id()));
            let temp = dir.join(temp_name);
            match File::options().write(true).create_new(true).open(&temp) {
                Ok(file) => break (file, temp),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("cannot create {} (a temporary file next to it)", path.display())
                    });
                }
            }
        };
        signals::register(&temp);
        let out = OutFile { file, rename: Some((temp, target)) };
        if let Some(m) = existing {
            // (best effort: the replaced file's mode; its owner cannot be kept by a rename)
            let _ = out.file.set_permissions(m.permissions());
        }
        Ok(out)
    }

    /// Put the complete file in place.
    pub fn commit(mut self) -> Result<()> {
        if let Some((temp, target)) = self.rename.take() {
            let renamed = std::fs::rename(&temp, &target);
            signals::unregister();
            if let Err(e) = renamed {
                let _ = std::fs::remove_file(&temp);
                return Err(e).with_context(|| format!("cannot write {}", target.display()));
            }
        }
        Ok(())
    }
}

impl Drop for OutFile {
    fn drop(&mut self) {
        if let Some((temp, _)) = self.rename.take() {
            let _ = std::fs::remove_file(&temp);
            signals::unregister();
        }
    }
}

/// The temporary file being written, removed when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP) once [`install_signal_cleanup`] is called (the `storyline` binary does).
#[cfg(target_os = "linux")]
mod signals {
    use std::ffi::CString;
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// The temporary file's path as a C string (leaked: a handler may read it at any time).
    static TEMP: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());

    pub fn register(path: &Path) {
        use std::os::unix::ffi::OsStrExt;
        if let Ok(c) = CString::new(path.as_os_str().as_bytes()) {
            TEMP.store(c.into_raw(), Ordering::SeqCst);
        }
    }

    pub fn unregister() {
        TEMP.store(std::ptr::null_mut(), Ordering::SeqCst);
    }

    extern "C" fn on_signal(signal: libc::c_int) {
        let temp = TEMP.load(Ordering::SeqCst);
        // SAFETY: only async-signal-safe calls; `temp` is null or a leaked, never freed C string.
        unsafe {
            if !temp.is_null() {
                libc::unlink(temp);
            }
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    pub fn install() {
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: the handler only makes async-signal-safe calls.
            unsafe {
                libc::signal(signal, on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t);
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod signals {
    pub fn register(_: &std::path::Path) {}
    pub fn unregister() {}
    pub fn install() {}
}

/// Remove the temporary `--out` file when the process is interrupted (Linux; elsewhere an
/// interrupted run may leave it, next to the untouched `--out` file).
pub fn install_signal_cleanup() {
    signals::install();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read the directory")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A run that fails while writing leaves the old report as it was, and no temporary file.
    #[test]
    fn a_failed_write_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let report = dir.path().join("report.md");
        std::fs::write(&report, "the old report\n").expect("write the old report");
        let mut stdout = Vec::new();
        let result = with_output(Some(&report), &mut stdout, |w| {
            w.write_all(&vec![b'x'; 1 << 20])?;
            anyhow::bail!("the disk is full")
        });
        assert_eq!(result.expect_err("the write failed").to_string(), "the disk is full");
        assert_eq!(std::fs::read_to_string(&report).expect("the old report"), "the old report\n");
        assert_eq!(entries(dir.path()), ["report.md"], "no temporary file left");
        assert!(stdout.is_empty());
    }

    /// A panic while writing (unwinding through the writer) leaves it as it was too.
    #[test]
    fn a_panic_while_writing_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let report = dir.path().join("report.json");
        std::fs::write(&report, "{}\n").expect("write the old report");
        let caught = std::panic::catch_unwind(|| {
            let mut stdout = Vec::new();
            let _ = with_output(Some(&report), &mut stdout, |w| {
                w.write_all(b"{\"articles\": [")?;
                panic!("a bug in a writer");
            });
        });
        assert!(caught.is_err());
        assert_eq!(std::fs::read_to_string(&report).expect("the old report"), "{}\n");
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    /// Until the run is complete the file named by --out is not touched; then it is replaced
    /// whole (through a link, the file it points to), keeping its permissions.
    #[test]
    fn the_new_file_replaces_the_old_one_when_complete() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let report = dir.path().join("report.csv");
        std::fs::write(&report, "old\n").expect("write the old report");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o640)).expect("chmod");
            std::os::unix::fs::symlink(&report, dir.path().join("link.csv")).expect("a link");
        }
        let mut stdout = Vec::new();
        let link = if cfg!(unix) { dir.path().join("link.csv") } else { report.clone() };
        with_output(Some(&link), &mut stdout, |w| {
            w.write_all(b"new,")?;
            // Mid-run, the old file is whole and the new one is elsewhere.
            assert_eq!(std::fs::read_to_string(&report).expect("the old report"), "old\n");
            w.write_all(b"complete\n")?;
            Ok(())
        })
        .expect("written");
        assert_eq!(std::fs::read_to_string(&report).expect("the new report"), "new,complete\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&report).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
            assert!(std::fs::symlink_metadata(dir.path().join("link.csv")).expect("link").is_symlink());
        }
        let mut names = entries(dir.path());
        names.retain(|n| n.starts_with('.'));
        assert!(names.is_empty(), "{names:?}");
    }

    /// `/dev/null` and other files that are not regular files are written directly (not
    /// replaced by a regular file).
    #[cfg(unix)]
    #[test]
    fn dev_null_is_written_directly() {
        let mut stdout = Vec::new();
        with_output(Some(Path::new("/dev/null")), &mut stdout, |w| Ok(w.write_all(b"nothing")?))
            .expect("written");
        let m = std::fs::metadata("/dev/null").expect("/dev/null");
        assert!(!m.is_file(), "/dev/null is still a device");
    }
}
