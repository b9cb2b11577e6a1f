//! WARC archives (`.warc`, `.warc.gz` with a gzip member per record as Common Crawl writes
//! them, or compressed whole) read as a stream: each `response` record with an HTML payload is one page
//! ([`WarcItem::Page`], parsed by [`parse_warc_page`]); other records are skipped and counted.
//!
//! Memory stays bounded whatever the archive's size: a record is held only while it is read
//! (also inside a gzip member that holds many), and one larger than the per-article limit (plus [`HEADER_ROOM`] for its headers) is skipped
//! without being held. The framing — where a record starts and ends — is read here, so that a
//! truncated or corrupt record is reported with its offset ([`ParseError::Warc`]) and the
//! reading goes on at the next record (the next gzip member, or the next `WARC/` line); each
//! record's headers are parsed and checked by the `warc` crate.

use std::io::{BufRead, Read};

use storyline_model::{Article, DateStamp};

use crate::html::{PageInfo, parse_html};
use crate::{ParseError, ParseOptions};

/// Room for a record's WARC and HTTP headers above the per-article limit.
pub const HEADER_ROOM: usize = 256 * 1024;

/// One HTML page of an archive.
#[derive(Clone, Debug)]
pub struct WarcPage {
    /// `WARC-Record-ID` (without its angle brackets): the article's id.
    pub id: String,
    /// Where the record starts in the archive (for a `.warc.gz`, its gzip member).
    pub offset: u64,
    /// `WARC-Target-URI`, `charset` of the HTTP `Content-Type`, `WARC-Date`.
    pub info: PageInfo,
    /// The HTTP payload: the page's bytes.
    pub html: Vec<u8>,
}

/// What a record of the archive is.
#[derive(Clone, Debug)]
pub enum WarcItem {
    /// A `response` record with an HTML payload.
    Page(WarcPage),
    /// Any other record (`warcinfo`, `request`, `metadata`, a response that is no HTML page):
    /// skipped, and counted.
    Skipped,
}

/// A reader of the records of an archive, one [`WarcItem`] (or error) at a time.
pub struct WarcReader<R> {
    /// The archive, when no gzip member is open.
    src: Option<Counting<R>>,
    /// The gzip member being read, and where it starts: its first [`WarcReader::max`] bytes
    /// decompressed (all of a member of one record, whose checksum is then verified before any
    /// of it is used), then the rest as it comes (a whole archive compressed as one member is
    /// read record by record, in bounded memory).
    member: Option<(std::io::BufReader<Member<R>>, u64)>,
    path: String,
    max: usize,
    /// Gzip members (sniffed from the first bytes), else a plain WARC stream.
    gzip: Option<bool>,
    /// An error to hand out before reading on.
    queued: Option<ParseError>,
    /// The stream's next `WARC/` line, when a resynchronisation found it.
    pending: Option<Vec<u8>>,
    done: bool,
}

type GzDecoder<R> = flate2::bufread::GzDecoder<R>;

/// A gzip member: the bytes decompressed ahead, then the rest.
type Member<R> = std::io::Chain<std::io::Cursor<Vec<u8>>, GzDecoder<Counting<R>>>;

/// What [`read_record`] met: the bytes could not be read (a corrupt gzip member, a failing
/// disk), or they are no good record.
enum RecordError {
    Read(String),
    Bad(String),
}

impl<R: BufRead> WarcReader<R> {
    /// Read the archive `reader` (`path` names it in errors); `.gz` or not is seen from its
    /// first bytes.
    pub fn new(reader: R, path: &str, opts: &ParseOptions) -> Self {
        WarcReader {
            src: Some(Counting { inner: reader, pos: 0 }),
            member: None,
            path: path.to_string(),
            max: opts.max_bytes.saturating_add(HEADER_ROOM),
            gzip: None,
            queued: None,
            pending: None,
            done: false,
        }
    }

    fn error(&self, offset: u64, message: impl Into<String>) -> ParseError {
        ParseError::Warc { path: self.path.clone(), offset, message: message.into() }
    }

    /// Open the next gzip member (or find the archive's end, or report bytes that are none).
    fn open_member(&mut self, mut src: Counting<R>) {
        let start = src.pos;
        match src.fill_buf() {
            Ok([]) => self.done = true,
            Ok(b) if !b.starts_with(&[0x1f, 0x8b]) => {
                self.queued = Some(self.error(start, "not a gzip member (the archive is damaged here)"));
                self.resync_gzip(src);
            }
            Ok(_) => {
                let mut decoder = GzDecoder::new(src);
                let mut ahead = Vec::new();
                if let Err(e) = (&mut decoder).take(self.max as u64 + 1).read_to_end(&mut ahead) {
                    self.queued = Some(self.error(start, format!("truncated or corrupt gzip member: {e}")));
                    self.resync_gzip(decoder.into_inner());
                    return;
                }
                let member = std::io::Cursor::new(ahead).chain(decoder);
                self.member = Some((std::io::BufReader::with_capacity(64 * 1024, member), start));
            }
            Err(e) => {
                self.done = true;
                self.queued = Some(self.error(start, format!("cannot read: {e}")));
            }
        }
    }

    /// Skip to the next gzip member's magic bytes (`1f 8b 08`), past the damaged member's first
    /// byte.
    fn resync_gzip(&mut self, mut src: Counting<R>) {
        let mut first = true;
        loop {
            let buf = match src.fill_buf() {
                Ok([]) | Err(_) => {
                    self.done = true;
                    return;
                }
                Ok(b) => b,
            };
            let from = usize::from(first).min(buf.len());
            first = false;
            match memchr::memmem::find(&buf[from..], &[0x1f, 0x8b, 0x08]) {
                Some(i) => {
                    src.consume(from + i);
                    self.src = Some(src);
                    return;
                }
                // (the last two bytes kept: the magic may straddle the buffer's end)
                None => {
                    let n = buf.len().saturating_sub(2).max(1);
                    src.consume(n);
                }
            }
        }
    }

    /// The next record of the open member: `None` when it is finished (and closed).
    fn member_record(&mut self) -> Option<Result<WarcItem, ParseError>> {
        let (reader, start) = self.member.as_mut()?;
        let start = *start;
        match read_record(reader, &mut 0, self.max, &mut self.pending) {
            Some(Ok(raw)) => Some(record_item(&raw, start).map_err(|m| self.error(start, m))),
            Some(Err(RecordError::Bad(m))) => Some(Err(self.error(start, m))),
            Some(Err(RecordError::Read(m))) => {
                let (reader, _) = self.member.take()?;
                self.pending = None;
                self.resync_gzip(reader.into_inner().into_inner().1.into_inner());
                Some(Err(self.error(start, format!("truncated or corrupt gzip member: {m}"))))
            }
            None => {
                let (reader, _) = self.member.take()?;
                self.pending = None;
                self.src = Some(reader.into_inner().into_inner().1.into_inner());
                None
            }
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcItem, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.queued.take() {
                return Some(Err(e));
            }
            if self.member.is_some() {
                match self.member_record() {
                    Some(item) => return Some(item),
                    None => continue,
                }
            }
            if self.done {
                return None;
            }
            let mut src = self.src.take()?;
            let gzip =
                *self.gzip.get_or_insert_with(|| src.fill_buf().is_ok_and(|b| b.starts_with(&[0x1f, 0x8b])));
            if gzip {
                self.open_member(src);
                continue;
            }
            let start = src.pos;
            let r = read_record(&mut src, &mut 0, self.max, &mut self.pending);
            self.src = Some(src);
            match r {
                None => self.done = true,
                Some(Ok(raw)) => return Some(record_item(&raw, start).map_err(|m| self.error(start, m))),
                Some(Err(RecordError::Bad(m) | RecordError::Read(m))) => {
                    return Some(Err(self.error(start, m)));
                }
            }
        }
    }
}

/// A `BufRead` that counts the bytes consumed.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// One record's bytes: its header block (through the blank line) and its content block.
struct RawRecord {
    bytes: Vec<u8>,
}

/// Longest header line kept.
const MAX_LINE: usize = 64 * 1024;

/// Read one record of a plain WARC stream: `None` at the end. `pending` holds a `WARC/` line
/// met while skipping damaged bytes. A record over `max` bytes is skipped (read, not held).
fn read_record(
    r: &mut impl BufRead,
    pos: &mut u64,
    max: usize,
    pending: &mut Option<Vec<u8>>,
) -> Option<Result<RawRecord, RecordError>> {
    let mut line = Vec::new();
    let mut skipped = 0usize;
    // The version line, after blank lines (and, in a damaged stream, whatever is no record).
    let first = loop {
        if let Some(p) = pending.take() {
            break p;
        }
        line.clear();
        match crate::input::read_line_capped(r, MAX_LINE, &mut line) {
            Ok(None) => {
                return (skipped > 0).then(|| {
                    Err(RecordError::Bad(format!("{skipped} bytes that are no WARC record skipped")))
                });
            }
            Ok(Some(len)) => {
                *pos += len as u64 + 1;
                if line.starts_with(b"WARC/") {
                    if skipped > 0 {
                        *pending = Some(std::mem::take(&mut line));
                        return Some(Err(RecordError::Bad(format!(
                            "{skipped} bytes that are no WARC record skipped"
                        ))));
                    }
                    break std::mem::take(&mut line);
                }
                if !line.trim_ascii().is_empty() {
                    skipped += len + 1;
                }
            }
            Err(e) => return Some(Err(RecordError::Read(e.to_string()))),
        }
    };
    let mut bytes = first.trim_ascii_end().to_vec();
    bytes.extend_from_slice(b"\r\n");
    let mut length: Option<usize> = None;
    loop {
        line.clear();
        match crate::input::read_line_capped(r, MAX_LINE, &mut line) {
            Ok(None) => {
                return Some(Err(RecordError::Bad("truncated record: its headers end early".to_string())));
            }
            Ok(Some(len)) => {
                *pos += len as u64 + 1;
                if bytes.len() + line.len() > HEADER_ROOM {
                    return Some(Err(RecordError::Bad("record headers too long".to_string())));
                }
                let l = line.trim_ascii_end();
                if l.is_empty() {
                    bytes.extend_from_slice(b"\r\n");
                    break;
                }
                if let Some((k, v)) = l.split_at_checked(15)
                    && k.eq_ignore_ascii_case(b"Content-Length:")
                {
                    length = std::str::from_utf8(v).ok().and_then(|v| v.trim().parse().ok());
                }
                bytes.extend_from_slice(l);
                bytes.extend_from_slice(b"\r\n");
            }
            Err(e) => return Some(Err(RecordError::Read(e.to_string()))),
        }
    }
    let Some(length) = length else {
        return Some(Err(RecordError::Bad("record without a readable Content-Length".to_string())));
    };
    if length > max {
        match std::io::copy(&mut r.take(length as u64), &mut std::io::sink()) {
            Ok(skipped) => *pos += skipped,
            Err(e) => return Some(Err(RecordError::Read(e.to_string()))),
        }
        return Some(Err(RecordError::Bad(format!(
            "record of {length} bytes exceeds the limit of {max} bytes: skipped"
        ))));
    }
    let head = bytes.len();
    bytes.reserve(length + 4);
    match r.take(length as u64).read_to_end(&mut bytes) {
        Ok(n) => *pos += n as u64,
        Err(e) => return Some(Err(RecordError::Read(e.to_string()))),
    }
    if bytes.len() - head < length {
        let got = bytes.len() - head;
        return Some(Err(RecordError::Bad(format!("truncated record: {got} of its {length} content bytes"))));
    }
    bytes.extend_from_slice(b"\r\n\r\n");
    Some(Ok(RawRecord { bytes }))
}

/// A record's headers parsed by the `warc` crate: a page, or a record skipped.
fn record_item(raw: &RawRecord, offset: u64) -> Result<WarcItem, String> {
    let mut records = warc::WarcReader::new(&raw.bytes[..]).iter_records();
    let record = match records.next() {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(format!("malformed record: {e}")),
        None => return Err("empty record".to_string()),
    };
    if *record.warc_type() != warc::RecordType::Response {
        return Ok(WarcItem::Skipped);
    }
    let Some((content_type, payload)) = http_payload(record.body()) else {
        return Ok(WarcItem::Skipped);
    };
    let html_type = content_type.as_deref().is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("text/html") || t.starts_with("application/xhtml")
    });
    if !html_type || (content_type.is_none() && !crate::looks_like_html(payload)) {
        return Ok(WarcItem::Skipped);
    }
    let charset = content_type.as_deref().and_then(|t| {
        let lower = t.to_ascii_lowercase();
        let at = lower.find("charset=")?;
        let v = t[at + 8..].trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        Some(v.split([';', ' ', '"']).next().unwrap_or(v).to_string())
    });
    let id = record.warc_id().trim().trim_start_matches('<').trim_end_matches('>').to_string();
    let url =
        record.header(warc::WarcHeader::TargetURI).map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    let fetched = stamp_of(record.date());
    Ok(WarcItem::Page(WarcPage {
        id,
        offset,
        info: PageInfo { url, charset, fetched },
        html: payload.to_vec(),
    }))
}

/// `WARC-Date` as a [`DateStamp`] (UTC), from its text (`2019-11-19 13:30:05 UTC`, maybe
/// with fractional seconds, which are dropped).
fn stamp_of(date: &impl std::fmt::Display) -> Option<DateStamp> {
    let s = date.to_string();
    let (day, rest) = s.split_once(' ')?;
    let time = rest.split([' ', '.']).next()?;
    format!("{day}T{time}Z").parse().ok()
}

/// An HTTP response's `Content-Type` and body.
fn http_payload(body: &[u8]) -> Option<(Option<String>, &[u8])> {
    if !body.starts_with(b"HTTP/") {
        return None;
    }
    let (end, sep) = match memchr::memmem::find(body, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => (memchr::memmem::find(body, b"\n\n")?, 2),
    };
    let head = String::from_utf8_lossy(&body[..end]);
    let mut lines = head.lines();
    let status = lines.next()?;
    // (only a page that was served: 2xx)
    if !status.split_whitespace().nth(1).is_some_and(|c| c.starts_with('2')) {
        return None;
    }
    let content_type = lines.find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("content-type").then(|| v.trim().to_string())
    });
    Some((content_type, &body[end + sep..]))
}

/// A page of an archive as an article: its id the record's, its URL the target's, its date
/// the page's own, else the fetch date.
pub fn parse_warc_page(page: &WarcPage, path: &str, opts: &ParseOptions) -> Result<Article, ParseError> {
    let source = page.info.url.clone().unwrap_or_else(|| format!("{path}@{}", page.offset));
    parse_html(&page.html, &page.id, &source, opts, &page.info).map_err(|e| match e {
        // (errors name the archive and the record)
        ParseError::NoArticle { .. } => ParseError::Warc {
            path: path.to_string(),
            offset: page.offset,
            message: format!("no article text found in the HTML page of {source}"),
        },
        ParseError::TooLarge { size, limit, .. } => ParseError::Warc {
            path: path.to_string(),
            offset: page.offset,
            message: format!("page of {size} bytes exceeds the per-article limit of {limit} bytes"),
        },
        ParseError::Empty { .. } => ParseError::Warc {
            path: path.to_string(),
            offset: page.offset,
            message: format!("empty HTML page of {source}"),
        },
        other => other,
    })
}

#[cfg(test)]
mod tests;
