//! Finding inputs under paths and reading them into articles.
//!
//! Directories are walked recursively (sorted, symlink loops reported, not followed
//! forever) for `.txt`, `.jsonl`, `.ndjson`, `.html`, `.htm`, `.html.gz`, `.htm.gz`, `.warc` and
//! `.warc.gz` files; files named explicitly are read whatever their extension (as text unless
//! it says otherwise); `-` is standard input, read as a stream ([`open_stream`]): JSON records
//! line by line, or one text article (an HTML page when its bytes say so) read no further than
//! the size limit.

use std::io::{BufRead, Read};
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
    /// One HTML page per file (gzipped when its name ends in `.gz`).
    Html,
    /// A WARC archive, read as a stream of records ([`crate::warc::WarcReader`]).
    Warc,
}

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path, or `-` for standard input.
    pub path: PathBuf,
    /// Plain text or JSON Lines.
    pub format: Format,
}

impl Input {
    /// Whether it is standard input (`-`).
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The article id for a text or HTML file: its file stem (`a` for `a.html.gz`).
    pub fn stem(&self) -> String {
        if self.is_stdin() {
            return "stdin".to_string();
        }
        let gz = self.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let stem = if gz { self.path.file_stem().map(Path::new) } else { Some(self.path.as_path()) };
        stem.and_then(Path::file_stem)
            .map_or_else(|| "article".to_string(), |s| s.to_string_lossy().into_owned())
    }

    /// Whether the file is gzipped (its name ends in `.gz`).
    pub fn is_gzip(&self) -> bool {
        self.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    }

    /// The path as shown in messages.
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = |p: &Path| p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext(path)?.as_str() {
        "txt" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "html" | "htm" => Some(Format::Html),
        "warc" => Some(Format::Warc),
        "gz" => match ext(Path::new(path.file_stem()?))?.as_str() {
            "html" | "htm" => Some(Format::Html),
            "warc" => Some(Format::Warc),
            _ => None,
        },
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

/// Parse already-read bytes of an input: one result per article (or per bad record).
/// Standard input holding JSON records (first non-blank byte `{`) is read as JSONL (but see
/// [`open_stream`], which reads it without holding it whole).
pub fn parse_bytes(input: &Input, bytes: &[u8], opts: &ParseOptions) -> Vec<Result<Article, ParseError>> {
    let path = input.display();
    let stem = input.stem();
    let jsonl = input.format == Format::Jsonl
        || (input.is_stdin() && bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'));
    if jsonl {
        return parse_jsonl(bytes, &stem, &path, opts).collect();
    }
    match input.format {
        Format::Html => vec![
            gunzip_if(input, bytes, opts)
                .and_then(|b| crate::parse_html(&b, &stem, &path, opts, &crate::PageInfo::default())),
        ],
        Format::Warc => read_warc(bytes, &path, opts).collect(),
        _ if input.is_stdin() && crate::looks_like_html(bytes) => {
            vec![crate::parse_html(bytes, &stem, &path, opts, &crate::PageInfo::default())]
        }
        _ => vec![parse_text(bytes, &stem, &path, opts)],
    }
}

/// The articles of a WARC archive read from `reader` (`path` names it), one result per page or
/// bad record; the records that are no HTML response are skipped.
pub fn read_warc<'a, R: BufRead + 'a>(
    reader: R,
    path: &'a str,
    opts: &'a ParseOptions,
) -> impl Iterator<Item = Result<Article, ParseError>> + 'a {
    crate::warc::WarcReader::new(reader, path, opts).filter_map(move |item| match item {
        Ok(crate::warc::WarcItem::Page(page)) => Some(crate::warc::parse_warc_page(&page, path, opts)),
        Ok(crate::warc::WarcItem::Skipped) => None,
        Err(e) => Some(Err(e)),
    })
}

/// The bytes of an HTML file, decompressed when it is gzipped: no more than the size limit
/// (and one byte) is decompressed.
pub fn gunzip_if<'b>(
    input: &Input,
    bytes: &'b [u8],
    opts: &ParseOptions,
) -> Result<std::borrow::Cow<'b, [u8]>, ParseError> {
    if !input.is_gzip() {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::GzDecoder::new(bytes)
        .take(opts.max_bytes as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|error| ParseError::Io { path: input.display(), error })?;
    if out.len() > opts.max_bytes {
        return Err(ParseError::StreamTooLarge { path: input.display(), limit: opts.max_bytes });
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// Read an input's bytes for [`parse_bytes`]; a text file over the size limit is rejected
/// before it is read (its size is taken from the open file, so it is looked up once).
pub fn read_checked(input: &Input, opts: &ParseOptions) -> Result<Vec<u8>, ParseError> {
    let io = |error| ParseError::Io { path: input.display(), error };
    if input.is_stdin() {
        // (JSONL on standard input is read by lines: see `read_input` and `open_stream`)
        return read_capped(std::io::stdin().lock(), Vec::new(), &input.display(), opts);
    }
    if input.format == Format::Jsonl {
        return std::fs::read(&input.path).map_err(io);
    }
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

/// Read and parse one input. A text file over the size limit is rejected before it is read;
/// standard input is read as a stream ([`open_stream`]).
pub fn read_input(input: &Input, opts: &ParseOptions) -> Vec<Result<Article, ParseError>> {
    if input.is_stdin() {
        let path = input.display();
        return match open_stream(std::io::stdin().lock(), &path, opts) {
            Stream::Jsonl(mut reader) => read_records(&mut reader, &input.stem(), &path, opts).collect(),
            Stream::Text(Ok(bytes)) => parse_bytes(input, &bytes, opts),
            Stream::Text(Err(e)) => vec![Err(e)],
        };
    }
    if input.format == Format::Warc {
        let path = input.display();
        return match std::fs::File::open(&input.path) {
            Ok(f) => read_warc(std::io::BufReader::with_capacity(1 << 20, f), &path, opts).collect(),
            Err(error) => vec![Err(ParseError::Io { path: input.display(), error })],
        };
    }
    match read_checked(input, opts) {
        Ok(bytes) => parse_bytes(input, &bytes, opts),
        Err(e) => vec![Err(e)],
    }
}

/// A stream (standard input) as its first bytes say: JSON records or one text article.
pub enum Stream<R> {
    /// JSON records, one a line, for [`read_line_capped`]: the stream from its start (the
    /// bytes looked at are put back in front of the rest).
    Jsonl(std::io::Chain<std::io::Cursor<Vec<u8>>, R>),
    /// One plain-text article: its bytes, read no further than one byte past the size limit;
    /// or why it could not be read ([`ParseError::StreamTooLarge`] past the limit).
    Text(Result<Vec<u8>, ParseError>),
}

/// Look at the first bytes of `reader` (`path` names it in errors): its first byte that is not
/// ASCII whitespace (after a UTF-8 byte-order mark) is `{` for JSON records, which are then read
/// line by line like a JSONL file; anything else is one text article, read here with the
/// per-article limit enforced while reading: reading stops one byte past the limit, and the
/// rest of the stream is left unread. Nothing is held but what one article (or one line) needs,
/// so endless input ends with an error, in bounded memory.
pub fn open_stream<R: Read>(mut reader: R, path: &str, opts: &ParseOptions) -> Stream<R> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut head: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut looked = 0;
    let first = loop {
        // (a byte-order mark, or the start of one, is no article byte yet)
        let from = if head.starts_with(BOM) { 3 } else { 0 };
        if head.len() >= 3 || !BOM.starts_with(&head) {
            looked = looked.max(from);
            if let Some(i) = head[looked..].iter().position(|b| !b.is_ascii_whitespace()) {
                break Some(head[looked + i]);
            }
            looked = head.len();
        }
        if head.len() > opts.max_bytes {
            break None;
        }
        match reader.read(&mut chunk) {
            Ok(0) => break None,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Stream::Text(Err(ParseError::Io { path: path.to_string(), error })),
        }
    };
    if first == Some(b'{') {
        return Stream::Jsonl(std::io::Cursor::new(head).chain(reader));
    }
    Stream::Text(read_capped(reader, head, path, opts))
}

/// `head` and then the rest of `reader`, reading no further than one byte past the limit.
fn read_capped(
    reader: impl Read,
    mut head: Vec<u8>,
    path: &str,
    opts: &ParseOptions,
) -> Result<Vec<u8>, ParseError> {
    let room = (opts.max_bytes + 1).saturating_sub(head.len());
    reader
        .take(room as u64)
        .read_to_end(&mut head)
        .map_err(|error| ParseError::Io { path: path.to_string(), error })?;
    if head.len() > opts.max_bytes {
        return Err(ParseError::StreamTooLarge { path: path.to_string(), limit: opts.max_bytes });
    }
    Ok(head)
}

/// Read one line (without its `\n`) into `buf`, keeping at most `max + 1` bytes of it; returns
/// the line's full length, or `None` at the end of the input. A line over the limit is read to
/// its end (and measured) without being held.
pub fn read_line_capped(
    reader: &mut impl BufRead,
    max: usize,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<usize>> {
    let mut len = 0usize;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(len));
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if buf.len() <= max {
            let room = (max + 1 - buf.len()).min(take);
            buf.extend_from_slice(&chunk[..room]);
        }
        len += take;
        reader.consume(take + usize::from(done));
        if done {
            return Ok(Some(len));
        }
    }
}

/// The records of a JSONL stream, line by line (each line held only while it is parsed): one
/// result per non-blank line, a line over the limit rejected without being held. A read error
/// ends the records with an error.
pub fn read_records<'a>(
    reader: &'a mut impl BufRead,
    stem: &'a str,
    path: &'a str,
    opts: &'a ParseOptions,
) -> impl Iterator<Item = Result<Article, ParseError>> + 'a {
    let mut line = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            let mut buf = Vec::new();
            match read_line_capped(reader, opts.max_bytes, &mut buf) {
                Ok(None) => done = true,
                Ok(Some(len)) => {
                    line += 1;
                    if line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                        buf.drain(..3);
                    }
                    if len > opts.max_bytes {
                        let (path, limit) = (path.to_string(), opts.max_bytes);
                        return Some(Err(ParseError::RecordTooLarge { path, line, size: len, limit }));
                    }
                    if !buf.iter().all(u8::is_ascii_whitespace) {
                        return Some(crate::parse_jsonl_record(&buf, stem, path, line, opts));
                    }
                }
                Err(error) => {
                    done = true;
                    return Some(Err(ParseError::Io { path: path.to_string(), error }));
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_measured_but_not_kept() {
        let data = b"short\n0123456789abcdef\n\nlast-no-newline";
        let mut r = std::io::BufReader::with_capacity(4, &data[..]);
        let mut lines = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line_capped(&mut r, 8, &mut buf).expect("in-memory read") {
                Some(len) => lines.push((len, buf)),
                None => break,
            }
        }
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], (5, b"short".to_vec()));
        assert_eq!(lines[1].0, 16);
        assert_eq!(lines[1].1.len(), 9, "kept at most max + 1 bytes");
        assert_eq!(lines[2], (0, Vec::new()));
        assert_eq!(lines[3], (15, b"last-no-n".to_vec()), "a last line without newline counts too");
    }

    /// A reader handing out `data` a few bytes at a time, then (when `endless`) zeros forever.
    struct Trickle {
        data: Vec<u8>,
        at: usize,
        endless: bool,
        read: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(3);
            let rest = &self.data[self.at.min(self.data.len())..];
            let n = if rest.is_empty() {
                if !self.endless {
                    return Ok(0);
                }
                buf[..n].fill(0);
                n
            } else {
                let n = n.min(rest.len());
                buf[..n].copy_from_slice(&rest[..n]);
                n
            };
            self.at += n;
            self.read += n;
            Ok(n)
        }
    }

    fn trickle(data: &[u8], endless: bool) -> Trickle {
        Trickle { data: data.to_vec(), at: 0, endless, read: 0 }
    }

    /// Issue 20, item 3: a stream is JSONL when its first byte that is not whitespace (after a
    /// byte-order mark) is `{`, and then read line by line from its start; else one text
    /// article, read no further than the limit and one byte.
    #[test]
    fn streams_are_records_or_one_article_read_up_to_the_limit() {
        let opts = ParseOptions { max_bytes: 100 };
        let feed = b"\xEF\xBB\xBF\n \t\n{\"maintext\":\"One.\"}\n\n{\"maintext\":\"Two.\"}";
        let reader = std::io::BufReader::new(trickle(feed, false));
        let Stream::Jsonl(mut r) = open_stream(reader, "-", &opts) else { panic!("records") };
        let got: Vec<_> = read_records(&mut r, "stdin", "-", &opts).map(|a| a.map(|a| a.id)).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_deref().ok(), Some("stdin-L3"));
        assert_eq!(got[1].as_deref().ok(), Some("stdin-L5"));

        let Stream::Text(Ok(text)) = open_stream(trickle(b"  Headline\n\nBody {x}.", false), "-", &opts)
        else {
            panic!("one article")
        };
        assert_eq!(text, b"  Headline\n\nBody {x}.");
        // Exactly the limit is read; one byte more is too many, and reading stops there.
        let at_limit = vec![b'a'; 100];
        assert!(
            matches!(open_stream(trickle(&at_limit, false), "-", &opts), Stream::Text(Ok(t)) if t.len() == 100)
        );
        for (data, endless) in [(vec![b'a'; 101], false), (Vec::new(), true), (vec![b' '; 10], true)] {
            let mut reader = trickle(&data, endless);
            let Stream::Text(Err(e)) = open_stream(&mut reader, "-", &opts) else { panic!("too large") };
            assert!(matches!(e, ParseError::StreamTooLarge { limit: 100, .. }), "{e}");
            assert_eq!(
                e.to_string(),
                "-: more than the per-article limit of 100 bytes (reading stopped there; raise it with --max-bytes)"
            );
            assert!(reader.read <= 101 + 3, "{} bytes read", reader.read);
        }
        // Nothing but blank lines: an (empty) article, which parsing reports as empty.
        assert!(
            matches!(open_stream(trickle(b"\n \n", false), "-", &opts), Stream::Text(Ok(t)) if t == b"\n \n")
        );
    }
}
