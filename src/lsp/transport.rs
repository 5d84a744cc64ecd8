//! JSON-RPC framing over a byte stream (the LSP base protocol): `Content-Length` headers, a
//! blank line, then the JSON body.
//!
//! lsp-server's own reader stops the connection at the first malformed body and trusts the
//! announced length; this one is capped and forgiving. A badly framed message (no
//! `Content-Length`, a length too long or too short, for example one counted in characters
//! rather than bytes) is answered with a JSON-RPC error (with the request's id when its JSON
//! can still be read), and reading resynchronises on the next `Content-Length:` header, so
//! every later message is read as usual.
//!
//! How a frame whose body does not parse is recovered ([`FrameReader::read_frame`]):
//! - the body holds a complete JSON value followed by something else (the length is too long,
//!   and the rest is the next message's header): the value is taken, the rest is read again;
//! - the body ends inside its JSON value (the length is too short): the value is read on to its
//!   end, found by a scan that knows strings and brackets;
//! - no `Content-Length`: the value is found the same way;
//! - anything else that is not a header is skipped up to the next `Content-Length:`.

use lsp_server::{ErrorCode, Message, RequestId, ResponseError};
use serde_json::Value;
use std::io::{self, Read, Write};

/// Largest message body read, in bytes: a 1 MiB bot file sent whole, with every character
/// escaped by JSON, stays well under it.
pub(crate) const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Longest header line read, in bytes.
const MAX_HEADER_LINE: usize = 4096;
/// Bytes asked of the input at a time.
const CHUNK: usize = 64 * 1024;
const HEADER: &[u8] = b"content-length:";

/// What one read from the stream gives.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// A message that cannot be handled: answer with this error (with the request's id when
    /// it could be read, else `null`) and go on.
    Malformed {
        id: Option<RequestId>,
        error: ResponseError,
    },
    /// The stream ended.
    Eof,
}

fn malformed(id: Option<RequestId>, code: ErrorCode, message: impl Into<String>) -> Frame {
    Frame::Malformed {
        id,
        error: ResponseError {
            code: code as i32,
            message: message.into(),
            data: None,
        },
    }
}

/// Reads frames from a byte stream, with its own buffer (so bytes read past a badly framed
/// message are not lost).
pub struct FrameReader<R> {
    input: R,
    buf: Vec<u8>,
    /// Start of the unread bytes in `buf`.
    pos: usize,
    eof: bool,
    /// A bad frame was just reported: skip what is not a header without a second error.
    resync: bool,
}

/// Whether bytes start a header line (`Name:`): `Some(false)` no, `None` not known yet.
fn header_start(bytes: &[u8]) -> Option<bool> {
    for (i, b) in bytes.iter().enumerate().take(64) {
        match b {
            b':' => return Some(i > 0),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => {}
            _ => return Some(false),
        }
    }
    if bytes.len() >= 64 { Some(false) } else { None }
}

/// Where `Content-Length:` (any case) starts in `bytes`.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(HEADER.len())
        .position(|w| w.eq_ignore_ascii_case(HEADER))
}

impl<R: Read> FrameReader<R> {
    pub fn new(input: R) -> FrameReader<R> {
        FrameReader {
            input,
            buf: Vec::new(),
            pos: 0,
            eof: false,
            resync: false,
        }
    }

    fn available(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }

    /// Reads more input, at least `want` bytes of room; false at the end of the stream.
    fn fill(&mut self, want: usize) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 && (self.pos == self.buf.len() || self.pos >= CHUNK) {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + want.max(CHUNK), 0);
        let n = loop {
            match self.input.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    /// Reads the next frame. An I/O error other than the end of the stream is returned as is.
    pub fn read_frame(&mut self) -> io::Result<Frame> {
        // Between messages: white space is skipped; anything else up to the next
        // `Content-Length:` is not a message.
        let mut skipped = 0usize;
        loop {
            let ws = self
                .available()
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            self.consume(ws);
            let avail = self.available();
            let start = if avail.is_empty() {
                None
            } else {
                header_start(avail)
            };
            match start {
                // A header, unless `Content-Length:` starts later on its line (`x}Content-Length:`
                // after the rest of a body).
                Some(true) => {
                    let line = avail.split(|b| *b == b'\n').next().unwrap_or(avail);
                    match find_header(line) {
                        Some(k) if k > 0 => {
                            skipped += k;
                            self.consume(k);
                        }
                        _ => {}
                    }
                    break;
                }
                Some(false) => match find_header(avail) {
                    Some(k) => {
                        skipped += k;
                        self.consume(k);
                        break;
                    }
                    None => {
                        // Keep a tail that may be the start of a header cut by the read.
                        let n = avail.len().saturating_sub(HEADER.len());
                        skipped += n;
                        self.consume(n);
                    }
                },
                None => {}
            }
            if !self.fill(CHUNK)? {
                skipped += self.available().len();
                self.consume(usize::MAX);
                if skipped > 0 && !self.resync {
                    self.resync = true;
                    return Ok(not_a_message(skipped));
                }
                return Ok(Frame::Eof);
            }
        }
        if skipped > 0 && !std::mem::take(&mut self.resync) {
            return Ok(not_a_message(skipped));
        }
        self.resync = false;

        // Headers, up to a blank line (or, leniently, up to a line that is not a header).
        let mut length: Option<Result<usize, String>> = None;
        loop {
            if self.available().is_empty() && !self.fill(CHUNK)? {
                return Ok(Frame::Eof);
            }
            if !matches!(self.available().first(), Some(b'\r' | b'\n')) {
                while header_start(self.available()).is_none() {
                    if !self.fill(CHUNK)? {
                        break;
                    }
                }
                if header_start(self.available()) == Some(false) {
                    break;
                }
            }
            let Some(end) = self.line_end()? else {
                if self.available().len() >= MAX_HEADER_LINE {
                    self.consume(MAX_HEADER_LINE);
                    self.resync = true;
                    return Ok(malformed(
                        None,
                        ErrorCode::ParseError,
                        "header line too long",
                    ));
                }
                return Ok(Frame::Eof);
            };
            let line = &self.available()[..end];
            let text = String::from_utf8_lossy(line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                self.consume(end);
                break;
            }
            if let Some((name, value)) = text.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
            self.consume(end);
        }
        match length {
            Some(Ok(n)) if n > MAX_BODY_BYTES => {
                let mut left = n;
                while left > 0 {
                    let take = left.min(self.available().len());
                    self.consume(take);
                    left -= take;
                    if left > 0 && !self.fill(CHUNK)? {
                        break;
                    }
                }
                Ok(malformed(
                    None,
                    ErrorCode::InvalidRequest,
                    format!("message of {n} bytes is over the {MAX_BODY_BYTES}-byte limit"),
                ))
            }
            Some(Ok(n)) => self.body(n),
            Some(Err(e)) => self.unframed(e),
            None => self.unframed("missing Content-Length header".to_owned()),
        }
    }

    /// The length of the next line with its `\n`, reading more as needed; `None` at the end of
    /// the stream or when the line is too long.
    fn line_end(&mut self) -> io::Result<Option<usize>> {
        let mut from = 0;
        loop {
            let avail = self.available();
            if let Some(i) = avail[from..].iter().position(|b| *b == b'\n') {
                return Ok(Some(from + i + 1));
            }
            if avail.len() >= MAX_HEADER_LINE {
                return Ok(None);
            }
            from = avail.len();
            if !self.fill(CHUNK)? {
                return Ok(None);
            }
        }
    }

    /// A body of `n` announced bytes.
    fn body(&mut self, n: usize) -> io::Result<Frame> {
        let mut scan = Scanner::default();
        while self.available().len() < n {
            // A value complete before the announced length and followed by more than white
            // space: the length is too long, and what follows is the next message.
            if let Some(Ok(end)) = scan.run(self.available())
                && self.available()[end..]
                    .iter()
                    .any(|b| !b.is_ascii_whitespace())
            {
                return Ok(self.misframed(end, n));
            }
            let missing = n - self.available().len();
            if !self.fill(missing)? {
                return Ok(Frame::Eof);
            }
        }
        match serde_json::from_slice::<Value>(&self.available()[..n]) {
            Ok(value) => {
                self.consume(n);
                Ok(from_value(value))
            }
            Err(e) => {
                let mut scan = Scanner::default();
                match scan.run(&self.available()[..n]) {
                    // Too long.
                    Some(Ok(end)) if end < n && parses(&self.available()[..end]) => {
                        Ok(self.misframed(end, n))
                    }
                    // Too short: read the value on to its end.
                    None => match self.scan_on(&mut scan)? {
                        Some(Ok(end)) if parses(&self.available()[..end]) => {
                            Ok(self.misframed(end, n))
                        }
                        Some(Ok(end) | Err(end)) => {
                            self.consume(end);
                            self.resync = true;
                            Ok(malformed(
                                None,
                                ErrorCode::ParseError,
                                format!("not JSON: {e}"),
                            ))
                        }
                        None => Ok(Frame::Eof),
                    },
                    // Not JSON: trust the length, unless the next header is inside the body.
                    _ => {
                        let cut = find_header(&self.available()[..n]).unwrap_or(n);
                        self.consume(cut);
                        self.resync = true;
                        Ok(malformed(
                            None,
                            ErrorCode::ParseError,
                            format!("not JSON: {e}"),
                        ))
                    }
                }
            }
        }
    }

    /// A body without a usable length: the JSON value found by scanning, if there is one.
    fn unframed(&mut self, reason: String) -> io::Result<Frame> {
        let mut scan = Scanner::default();
        let found = self.scan_on(&mut scan)?;
        let id = match found {
            Some(Ok(end)) => {
                let value = serde_json::from_slice::<Value>(&self.available()[..end]).ok();
                self.consume(end);
                value.as_ref().and_then(id_of)
            }
            Some(Err(end)) => {
                self.consume(end);
                self.resync = true;
                None
            }
            None => return Ok(Frame::Eof),
        };
        Ok(malformed(id, ErrorCode::ParseError, reason))
    }

    /// Scans on (reading more as needed) until the value ends or the scan fails; `None` when
    /// the stream ends first or the value is over the size limit.
    fn scan_on(&mut self, scan: &mut Scanner) -> io::Result<Option<Result<usize, usize>>> {
        loop {
            if let Some(r) = scan.run(self.available()) {
                return Ok(Some(r));
            }
            if self.available().len() > MAX_BODY_BYTES {
                let n = self.available().len();
                return Ok(Some(Err(n)));
            }
            if !self.fill(CHUNK)? {
                return Ok(None);
            }
        }
    }

    /// A message whose JSON is `end` bytes long though `announced` were announced: an error,
    /// with the request's id.
    fn misframed(&mut self, end: usize, announced: usize) -> Frame {
        let value = serde_json::from_slice::<Value>(&self.available()[..end]).ok();
        self.consume(end);
        malformed(
            value.as_ref().and_then(id_of),
            ErrorCode::ParseError,
            format!(
                "Content-Length is {announced} but the message is {end} bytes \
                 (the length counts bytes of UTF-8, not characters)"
            ),
        )
    }
}

fn not_a_message(bytes: usize) -> Frame {
    malformed(
        None,
        ErrorCode::ParseError,
        format!("skipped {bytes} bytes that are not a message, up to the next Content-Length"),
    )
}

fn parses(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// Finds where a JSON object or array ends, reading bytes as they come: it knows strings,
/// escapes and brackets, and fails at the first byte that cannot be JSON outside a string
/// (the `C` of a following `Content-Length:` header, for one).
#[derive(Default)]
struct Scanner {
    i: usize,
    depth: usize,
    started: bool,
    in_string: bool,
    escaped: bool,
    done: Option<Result<usize, usize>>,
}

impl Scanner {
    /// `Ok(end)`: the value ends before `end`; `Err(at)`: not JSON at `at`; `None`: more
    /// bytes are needed. `bytes` must extend the bytes of the previous call.
    fn run(&mut self, bytes: &[u8]) -> Option<Result<usize, usize>> {
        if self.done.is_some() {
            return self.done;
        }
        while let Some(&b) = bytes.get(self.i) {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else if !self.started {
                match b {
                    b'{' | b'[' => {
                        self.started = true;
                        self.depth = 1;
                    }
                    b if b.is_ascii_whitespace() => {}
                    _ => return Some(*self.done.insert(Err(self.i))),
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            return Some(*self.done.insert(Ok(self.i + 1)));
                        }
                    }
                    b',' | b':' | b'0'..=b'9' | b'-' | b'+' | b'.' | b'E' => {}
                    b't' | b'r' | b'u' | b'e' | b'f' | b'a' | b'l' | b's' | b'n' => {}
                    b if b.is_ascii_whitespace() => {}
                    _ => return Some(*self.done.insert(Err(self.i))),
                }
            }
            self.i += 1;
        }
        None
    }
}

/// Reads one body: a request, a notification or a response; anything else is malformed.
pub fn parse_body(body: &[u8]) -> Frame {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => from_value(v),
        Err(e) => malformed(None, ErrorCode::ParseError, format!("not JSON: {e}")),
    }
}

/// The id of a request, when it is an integer or a string.
fn id_of(value: &Value) -> Option<RequestId> {
    value.get("id").and_then(request_id)
}

fn from_value(value: Value) -> Frame {
    let Value::Object(map) = &value else {
        return malformed(
            None,
            ErrorCode::InvalidRequest,
            "a message must be a JSON object (batches are not part of LSP)",
        );
    };
    let id = map.get("id").and_then(request_id);
    if map.contains_key("id") && id.is_none() && map.contains_key("method") {
        return malformed(
            None,
            ErrorCode::InvalidRequest,
            "a request id must be an integer or a string",
        );
    }
    match map.get("method") {
        Some(Value::String(_)) => {}
        Some(_) => {
            return malformed(id, ErrorCode::InvalidRequest, "`method` must be a string");
        }
        None if map.contains_key("result") || map.contains_key("error") => {}
        None => return malformed(id, ErrorCode::InvalidRequest, "no `method`"),
    }
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Frame::Message(m),
        Err(e) => malformed(id, ErrorCode::InvalidRequest, format!("not a message: {e}")),
    }
}

fn request_id(v: &Value) -> Option<RequestId> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .and_then(|i| i32::try_from(i).ok())
            .map(RequestId::from),
        Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    }
}

/// Writes one message with its header.
pub fn write_message(out: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(out)
}

/// Writes an error response to a message whose id could not be read (`"id": null`), which
/// lsp-server's `Response` cannot express.
pub fn write_error(
    out: &mut impl Write,
    id: Option<&RequestId>,
    error: &ResponseError,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": error,
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn reads_messages_and_survives_bad_ones() {
        let stream = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            frame("{not json"),
            frame(r#"[1,2]"#),
            frame(r#"{"jsonrpc":"2.0","id":2}"#),
            "Content-Length: 99999999999\r\n\r\n".to_owned(),
        ]
        .concat();
        let mut input = FrameReader::new(io::Cursor::new(stream.into_bytes()));
        assert!(matches!(
            input.read_frame().unwrap(),
            Frame::Message(Message::Request(r)) if r.method == "initialize"
        ));
        for code in [ErrorCode::ParseError, ErrorCode::InvalidRequest] {
            match input.read_frame().unwrap() {
                Frame::Malformed { id: None, error } => assert_eq!(error.code, code as i32),
                other => panic!("{other:?}"),
            }
        }
        match input.read_frame().unwrap() {
            Frame::Malformed { id, error } => {
                assert_eq!(id, Some(RequestId::from(2)));
                assert_eq!(error.code, ErrorCode::InvalidRequest as i32);
            }
            other => panic!("{other:?}"),
        }
        // An announced length past the limit is refused; the stream then ends.
        assert!(matches!(
            input.read_frame().unwrap(),
            Frame::Malformed { .. }
        ));
        assert!(matches!(input.read_frame().unwrap(), Frame::Eof));
    }

    /// What each frame of a stream is: `ok:METHOD`, `err:ID` (the id, or `null`), until the end.
    fn frames(stream: &[u8]) -> Vec<String> {
        // Read one byte at a time too, so every cut of the input is met.
        let mut all = Vec::new();
        for slow in [false, true] {
            let mut out = Vec::new();
            let input: Box<dyn Read> = if slow {
                Box::new(OneByte(io::Cursor::new(stream.to_vec())))
            } else {
                Box::new(io::Cursor::new(stream.to_vec()))
            };
            let mut reader = FrameReader::new(input);
            loop {
                match reader.read_frame().unwrap() {
                    Frame::Eof => break,
                    Frame::Message(Message::Request(r)) => out.push(format!("ok:{}", r.method)),
                    Frame::Message(Message::Notification(n)) => {
                        out.push(format!("ok:{}", n.method))
                    }
                    Frame::Message(Message::Response(_)) => out.push("response".to_owned()),
                    Frame::Malformed { id, .. } => out.push(match id {
                        Some(id) => format!("err:{id}"),
                        None => "err:null".to_owned(),
                    }),
                }
            }
            all.push(out);
        }
        assert_eq!(all[0], all[1], "the same frames whatever the reads");
        all.swap_remove(0)
    }

    struct OneByte<R>(R);
    impl<R: Read> Read for OneByte<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    fn request(id: i32, method: &str) -> String {
        format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"{method}","params":{{"text":"é 🙂"}}}}"#)
    }

    fn framed(body: &str, delta: isize) -> String {
        let n = body.len() as isize + delta;
        format!("Content-Length: {n}\r\n\r\n{body}")
    }

    #[test]
    fn a_length_too_long_is_an_error_and_the_next_messages_are_read() {
        let stream = [
            framed(&request(1, "a"), 20),
            framed(&request(2, "b"), 0),
            framed(&request(3, "c"), 0),
        ]
        .concat();
        assert_eq!(frames(stream.as_bytes()), ["err:1", "ok:b", "ok:c"]);
    }

    #[test]
    fn a_length_too_short_is_an_error_and_the_next_messages_are_read() {
        let stream = [
            framed(&request(1, "a"), -5),
            framed(&request(2, "b"), 0),
            framed(&request(3, "c"), 0),
        ]
        .concat();
        assert_eq!(frames(stream.as_bytes()), ["err:1", "ok:b", "ok:c"]);
    }

    #[test]
    fn a_length_in_characters_is_an_error_and_the_next_messages_are_read() {
        let body = request(1, "a");
        let chars = body.chars().count();
        assert_eq!(body.len() - chars, 4, "é is 2 bytes, 🙂 is 4");
        let stream = [
            format!("Content-Length: {chars}\r\n\r\n{body}"),
            framed(&request(2, "b"), 0),
        ]
        .concat();
        assert_eq!(frames(stream.as_bytes()), ["err:1", "ok:b"]);
    }

    #[test]
    fn a_missing_length_is_an_error_and_the_next_messages_are_read() {
        let stream = [
            format!("Content-Type: application/json\r\n\r\n{}", request(1, "a")),
            framed(&request(2, "b"), 0),
            // No header at all.
            request(3, "c"),
            framed(&request(4, "d"), 0),
        ]
        .concat();
        assert_eq!(
            frames(stream.as_bytes()),
            ["err:1", "ok:b", "err:null", "ok:d"]
        );
    }

    #[test]
    fn bodies_that_are_not_json_are_skipped_up_to_the_next_header() {
        let stream = [
            framed("{\"a\": nope}", 0),
            framed(&request(2, "b"), 0),
            // Too short, and not JSON past the cut either.
            framed("{\"a\": 1, x", -3),
            framed(&request(3, "c"), 0),
            "garbage\r\n\r\n".to_owned(),
            framed(&request(4, "d"), 0),
            // Lower case and no blank line after the header.
            format!(
                "content-length: {}\r\n{}",
                request(5, "e").len(),
                request(5, "e")
            ),
        ]
        .concat();
        assert_eq!(
            frames(stream.as_bytes()),
            [
                "err:null", "ok:b", "err:null", "ok:c", "err:null", "ok:d", "ok:e"
            ]
        );
    }

    #[test]
    fn null_id_errors_are_framed() {
        let mut out = Vec::new();
        let error = ResponseError {
            code: -32700,
            message: "x".into(),
            data: None,
        };
        write_error(&mut out, None, &error).unwrap();
        let text = String::from_utf8(out).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["id"], Value::Null);
        assert_eq!(v["error"]["code"], -32700);
    }
}
