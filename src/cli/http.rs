//! A small HTTP/1.1 server on `std::net` for `geomention serve`: one thread per connection up
//! to a limit (beyond it a quick 503), keep-alive, read and write timeouts on every socket,
//! a cap on header and body size (413 before the body is read), and a graceful stop: on
//! Ctrl-C the listener stops accepting and the server waits for the requests in progress.
//!
//! Small on purpose: the service answers a handful of routes with bodies it builds whole, so a
//! framework's router, streaming and async runtime would be weight without use.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Most bytes of request line and headers.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long a kept-alive connection may stay idle between requests.
const KEEP_ALIVE_IDLE: Duration = Duration::from_secs(5);
/// How often the accept loop looks at the stop flag.
const ACCEPT_POLL: Duration = Duration::from_millis(50);

/// Limits of the server.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Time allowed to receive a whole request, and to send a response.
    pub timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
}

/// A parsed request.
#[derive(Debug)]
pub struct Request {
    /// GET, POST …
    pub method: String,
    /// The path without the query.
    pub path: String,
    /// The query string, without '?'.
    pub query: String,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter, percent-decoded ('+' is a space).
    pub fn param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k) == name).then(|| percent_decode(v))
        })
    }
}

/// Decodes `%XX` escapes and '+' in a query component; invalid escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Content-Type.
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
}

impl Response {
    /// A JSON response.
    pub fn json(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type: "application/json",
            body,
        }
    }

    /// `{"error": message}` with a status.
    pub fn error(status: u16, message: &str) -> Response {
        let body = serde_json::to_vec(&serde_json::json!({ "error": message, "status": status }))
            .unwrap_or_default();
        Response::json(status, body)
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn write_response(stream: &mut TcpStream, r: &Response, keep_alive: bool) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: {}\r\nX-Content-Type-Options: nosniff\r\n\r\n",
        r.status,
        reason(r.status),
        r.content_type,
        r.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    // One write: a head and a body in two small segments would wait on the peer's delayed
    // ACK (40 ms per response on Linux with keep-alive).
    let mut bytes = Vec::with_capacity(head.len() + r.body.len());
    bytes.extend_from_slice(head.as_bytes());
    bytes.extend_from_slice(&r.body);
    stream.write_all(&bytes)?;
    stream.flush()
}

/// Why a request could not be read.
enum ReadError {
    /// The peer closed the connection (or went idle) between requests: nothing to answer.
    Closed,
    /// A request was started but is bad: answer with this and close.
    Answer(Response),
}

fn read_request(
    reader: &mut BufReader<TcpStream>,
    limits: &Limits,
    first_wait: Duration,
) -> Result<Request, ReadError> {
    // One deadline for the whole request: a client trickling a byte at a time cannot hold a
    // connection longer than the timeout (each read gets only the time that is left).
    let mut deadline = Instant::now() + first_wait;
    let arm = |reader: &BufReader<TcpStream>, deadline: Instant| -> bool {
        let left = deadline.saturating_duration_since(Instant::now());
        !left.is_zero() && reader.get_ref().set_read_timeout(Some(left)).is_ok()
    };
    let timed_out = |e: &std::io::Error| {
        matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        )
    };
    let mut head = Vec::new();
    // The request line; an idle keep-alive connection just closes.
    loop {
        if !arm(reader, deadline) {
            return Err(if head.is_empty() {
                ReadError::Closed
            } else {
                ReadError::Answer(Response::error(408, "the request took too long to arrive"))
            });
        }
        let mut line = Vec::new();
        match reader
            .by_ref()
            .take(MAX_HEAD_BYTES as u64)
            .read_until(b'\n', &mut line)
        {
            Ok(0) => return Err(ReadError::Closed),
            Ok(_) => {}
            Err(e) if timed_out(&e) && head.is_empty() && line.is_empty() => {
                return Err(ReadError::Closed);
            }
            Err(e) if timed_out(&e) => {
                return Err(ReadError::Answer(Response::error(
                    408,
                    "the request took too long to arrive",
                )));
            }
            Err(_) => return Err(ReadError::Closed),
        }
        if !line.ends_with(b"\n") {
            return Err(ReadError::Answer(Response::error(
                431,
                "request line or headers too large",
            )));
        }
        let blank = line == b"\r\n" || line == b"\n";
        if blank && head.is_empty() {
            continue; // stray CRLF between requests
        }
        if head.is_empty() {
            // The request has begun: from now on it has the full timeout.
            deadline = Instant::now() + limits.timeout;
        }
        head.extend_from_slice(&line);
        if blank {
            break;
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(ReadError::Answer(Response::error(
                431,
                "request line or headers too large",
            )));
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Answer(Response::error(
            400,
            "malformed request line",
        )));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Answer(Response::error(
            400,
            "only HTTP/1.x is served",
        )));
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut request = Request {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        headers,
        body: Vec::new(),
    };
    if request
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
    {
        return Err(ReadError::Answer(Response::error(
            411,
            "chunked bodies are not accepted; send Content-Length",
        )));
    }
    let length = match request.header("content-length") {
        None => 0,
        Some(v) => match v.parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                return Err(ReadError::Answer(Response::error(
                    400,
                    "bad Content-Length",
                )));
            }
        },
    };
    if length > limits.max_body_bytes {
        return Err(ReadError::Answer(Response::error(
            413,
            &format!(
                "the body is {length} bytes; at most {} are accepted",
                limits.max_body_bytes
            ),
        )));
    }
    request.body = vec![0; length];
    let mut got = 0;
    while got < length {
        let slow = || {
            ReadError::Answer(Response::error(
                408,
                "the request body took too long to arrive",
            ))
        };
        if !arm(reader, deadline) {
            return Err(slow());
        }
        match reader.read(request.body.get_mut(got..).unwrap_or_default()) {
            Ok(0) => return Err(ReadError::Closed),
            Ok(n) => got += n,
            Err(e) if timed_out(&e) => return Err(slow()),
            Err(_) => return Err(ReadError::Closed),
        }
    }
    Ok(request)
}

/// Serves one connection until it closes, goes idle, errs, or the server stops.
fn serve_connection(
    stream: TcpStream,
    limits: Limits,
    stop: &AtomicBool,
    handler: &(dyn Fn(&Request) -> Response + Sync),
) {
    let _ = stream.set_write_timeout(Some(limits.timeout));
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut writer = write_half;
    let mut reader = BufReader::new(stream);
    let mut first = true;
    loop {
        // The first request gets the whole timeout to begin; later ones the keep-alive idle
        // time. Once begun, a request has the whole timeout to arrive.
        let wait = if first {
            limits.timeout
        } else {
            KEEP_ALIVE_IDLE.min(limits.timeout)
        };
        first = false;
        let request = match read_request(&mut reader, &limits, wait) {
            Ok(r) => r,
            Err(ReadError::Closed) => return,
            Err(ReadError::Answer(r)) => {
                let _ = write_response(&mut writer, &r, false);
                return;
            }
        };
        let keep_alive = !request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"))
            && !stop.load(Ordering::SeqCst);
        let response =
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler(&request))) {
                Ok(r) => r,
                Err(_) => Response::error(500, "internal error"),
            };
        if write_response(&mut writer, &response, keep_alive).is_err() || !keep_alive {
            return;
        }
    }
}

/// Serves on `addr` until `stop` is set, then waits for the connections in progress.
/// `ready` is called with the bound address (useful with port 0).
pub fn serve(
    addr: SocketAddr,
    limits: Limits,
    stop: Arc<AtomicBool>,
    handler: Arc<dyn Fn(&Request) -> Response + Send + Sync>,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    ready(listener.local_addr()?);
    let active = Arc::new(AtomicUsize::new(0));
    std::thread::scope(|scope| {
        while !stop.load(Ordering::SeqCst) {
            let stream = match listener.accept() {
                Ok((s, _)) => s,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(ACCEPT_POLL);
                    continue;
                }
                Err(_) => continue,
            };
            let _ = stream.set_nonblocking(false);
            if active.load(Ordering::SeqCst) >= limits.max_connections {
                let mut stream = stream;
                let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                let _ = write_response(
                    &mut stream,
                    &Response::error(503, "too many connections; retry shortly"),
                    false,
                );
                continue;
            }
            active.fetch_add(1, Ordering::SeqCst);
            let (active, stop, handler) =
                (Arc::clone(&active), Arc::clone(&stop), Arc::clone(&handler));
            scope.spawn(move || {
                serve_connection(stream, limits, &stop, handler.as_ref());
                active.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn query_components_are_decoded() {
        assert_eq!(
            percent_decode("Deir+al-Zour%2C%20Syria"),
            "Deir al-Zour, Syria"
        );
        assert_eq!(percent_decode("%D8%A7%D9%84%D8%B1%D9%82%D8%A9"), "الرقة");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
