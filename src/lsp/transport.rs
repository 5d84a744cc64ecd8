//! JSON-RPC framing over a byte stream (the LSP base protocol): `Content-Length` headers, a
//! blank line, then the JSON body.
//!
//! lsp-server's own reader stops the connection at the first malformed body and trusts the
//! announced length; this one is capped and forgiving, so a bad message is answered with a
//! JSON-RPC error and the next one is read as usual.

use lsp_server::{ErrorCode, Message, RequestId, ResponseError};
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};

/// Largest message body read, in bytes: a 1 MiB bot file sent whole, with every character
/// escaped by JSON, stays well under it.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Longest header line read, in bytes.
const MAX_HEADER_LINE: u64 = 4096;

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

/// Reads the next frame. An I/O error other than the end of the stream is returned as is.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Frame::Eof);
        }
        if !line.ends_with(b"\n") && n as u64 >= MAX_HEADER_LINE {
            // Skip the rest of an overlong line.
            skip_line(input)?;
            length = Some(Err("header line too long".to_owned()));
            saw_header = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            // Stray blank lines between messages.
            continue;
        }
        saw_header = true;
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
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Ok(malformed(None, ErrorCode::ParseError, e)),
        None => {
            return Ok(malformed(
                None,
                ErrorCode::ParseError,
                "missing Content-Length header",
            ));
        }
    };
    if length > MAX_BODY_BYTES {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(malformed(
            None,
            ErrorCode::InvalidRequest,
            format!("message of {length} bytes is over the {MAX_BODY_BYTES}-byte limit"),
        ));
    }
    let mut body = vec![0; length];
    if let Err(e) = input.read_exact(&mut body) {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            return Ok(Frame::Eof);
        }
        return Err(e);
    }
    Ok(parse_body(&body))
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|b| *b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

/// Reads one body: a request, a notification or a response; anything else is malformed.
pub fn parse_body(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return malformed(None, ErrorCode::ParseError, format!("not JSON: {e}")),
    };
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
        let mut input = io::Cursor::new(stream.into_bytes());
        assert!(matches!(
            read_frame(&mut input).unwrap(),
            Frame::Message(Message::Request(r)) if r.method == "initialize"
        ));
        for code in [ErrorCode::ParseError, ErrorCode::InvalidRequest] {
            match read_frame(&mut input).unwrap() {
                Frame::Malformed { id: None, error } => assert_eq!(error.code, code as i32),
                other => panic!("{other:?}"),
            }
        }
        match read_frame(&mut input).unwrap() {
            Frame::Malformed { id, error } => {
                assert_eq!(id, Some(RequestId::from(2)));
                assert_eq!(error.code, ErrorCode::InvalidRequest as i32);
            }
            other => panic!("{other:?}"),
        }
        // An announced length past the limit is refused; the stream then ends.
        assert!(matches!(
            read_frame(&mut input).unwrap(),
            Frame::Malformed { .. }
        ));
        assert!(matches!(read_frame(&mut input).unwrap(), Frame::Eof));
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
