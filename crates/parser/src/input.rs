//! Finding inputs under paths and reading them into articles.
//!
//! Directories are walked recursively (sorted, symlink loops reported, not followed
//! forever) for `.txt`, `.jsonl` and `.ndjson` files; files named explicitly are read
//! whatever their extension; `-` is standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use storyline_model::Article;

use crate::{ParseError, ParseOptions, parse_jsonl, parse_text};

/// How an input file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One scraped article per file.
    Text,
    /// One JSON record per line.
    Jsonl,
}

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path, or `-` for standard input.
    pub path: PathBuf,
    pub format: Format,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The article id for a text file: its file stem.
    pub fn stem(&self) -> String {
        if self.is_stdin() {
            return "stdin".to_string();
        }
        self.path.file_stem().map_or_else(|| "article".to_string(), |s| s.to_string_lossy().into_owned())
    }

    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

/// The inputs under `paths`, in a stable order, and the errors met finding them.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<ParseError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input { path: path.clone(), format: Format::Text });
            continue;
        }
        match std::fs::metadata(path) {
            Err(error) => errors.push(ParseError::Io { path: path.display().to_string(), error }),
            Ok(m) if m.is_dir() => {
                for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
                    match entry {
                        Ok(e) if e.file_type().is_file() => {
                            if let Some(format) = format_of(e.path()) {
                                inputs.push(Input { path: e.into_path(), format });
                            }
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let p = e
                                .path()
                                .map_or_else(|| path.display().to_string(), |p| p.display().to_string());
                            let error = std::io::Error::other(e.to_string());
                            errors.push(ParseError::Io { path: p, error });
                        }
                    }
                }
            }
            Ok(_) => {
                let format = format_of(path).unwrap_or(Format::Text);
                inputs.push(Input { path: path.clone(), format });
            }
        }
    }
    (inputs, errors)
}

/// Read an input's bytes (the whole of standard input for `-`).
pub fn read_bytes(input: &Input) -> Result<Vec<u8>, ParseError> {
    let io = |error| ParseError::Io { path: input.display(), error };
    if input.is_stdin() {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(io)?;
        Ok(buf)
    } else {
        std::fs::read(&input.path).map_err(io)
    }
}

/// Parse already-read bytes of an input: one result per article (or per bad record).
/// Standard input holding JSON records (first non-blank byte `{`) is read as JSONL.
pub fn parse_bytes(input: &Input, bytes: &[u8], opts: &ParseOptions) -> Vec<Result<Article, ParseError>> {
    let path = input.display();
    let stem = input.stem();
    let jsonl = input.format == Format::Jsonl
        || (input.is_stdin() && bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'));
    if jsonl {
        parse_jsonl(bytes, &stem, &path, opts).collect()
    } else {
        vec![parse_text(bytes, &stem, &path, opts)]
    }
}

/// Read an input's bytes for [`parse_bytes`]; a text file over the size limit is rejected
/// before it is read (its size is taken from the open file, so it is looked up once).
pub fn read_checked(input: &Input, opts: &ParseOptions) -> Result<Vec<u8>, ParseError> {
    if input.format != Format::Text || input.is_stdin() {
        return read_bytes(input);
    }
    let io = |error| ParseError::Io { path: input.display(), error };
    let mut file = std::fs::File::open(&input.path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > opts.max_bytes as u64 {
        let (size, limit) = (usize::try_from(size).unwrap_or(usize::MAX), opts.max_bytes);
        return Err(ParseError::TooLarge { path: input.display(), size, limit });
    }
    // One byte more than the size, so that reading to the end does not grow the buffer. Read
    // through `take`: `File`'s own read_to_end asks the kernel for the size again (statx and
    // lseek, a third of the system calls per file); the cap also stops a file grown past the
    // limit since it was looked up.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    (&mut file).take(opts.max_bytes as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > opts.max_bytes {
        return Err(ParseError::TooLarge { path: input.display(), size: bytes.len(), limit: opts.max_bytes });
    }
    Ok(bytes)
}

/// Read and parse one input. A text file over the size limit is rejected before it is read.
pub fn read_input(input: &Input, opts: &ParseOptions) -> Vec<Result<Article, ParseError>> {
    match read_checked(input, opts) {
        Ok(bytes) => parse_bytes(input, &bytes, opts),
        Err(e) => vec![Err(e)],
    }
}
