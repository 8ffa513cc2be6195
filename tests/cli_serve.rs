//! `geomention serve` on loopback, driven over raw TCP as any client would: the routes, the
//! limits (413, 408, 400, 404, 405), another client served while one is slow, a graceful stop,
//! and the page mapping a text in headless chromium.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("geomention"))
        .args(["serve", "--addr", "127.0.0.1:0", "--timeout-secs", "2"])
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = stderr.read_to_string(&mut sink);
    });
    Server { child, addr }
}

/// Sends a raw request and returns (status, body).
fn send(addr: &str, raw: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(raw).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_string();
    (status, body)
}

fn get(addr: &str, path: &str) -> (u16, String) {
    send(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

fn post(addr: &str, path: &str, content_type: &str, body: &str) -> (u16, String) {
    send(
        addr,
        format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

#[test]
fn routes_answer_and_errors_are_json_with_the_right_status() {
    let server = start(&["--max-body-bytes", "2000"]);
    let a = &server.addr;
    assert_eq!(get(a, "/healthz"), (200, r#"{"status":"ok"}"#.to_string()));
    let (status, body) = post(
        a,
        "/v1/geoparse",
        "text/plain",
        "Shelling hit Aleppo and Homs.",
    );
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"][0]["properties"]["name"], "Aleppo");
    let (status, body) = post(
        a,
        "/v1/geoparse",
        "application/json",
        r#"{"text": "Floods hit Paris.", "format": "mentions", "bias_country": ["US"]}"#,
    );
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["mentions"][0]["country_code"], "US");
    assert_eq!(v["mentions"][0]["role"], "activity");
    let (status, body) = get(a, "/v1/geocode?q=Springfield%2C%20IL");
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["admin1"], "Illinois");
    let (status, body) = get(a, "/openapi.json");
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<Value>(&body).unwrap()["paths"]["/v1/geoparse"].is_object());
    let (status, body) = get(a, "/");
    assert_eq!(status, 200);
    assert!(body.contains("<textarea"));
    // Errors.
    let error = |(status, body): (u16, String)| -> (u16, Value) {
        (status, serde_json::from_str(&body).unwrap())
    };
    let (s, v) = error(post(a, "/v1/geoparse", "application/json", "{bad"));
    assert_eq!(s, 400);
    assert!(v["error"].as_str().unwrap().contains("malformed JSON"));
    let (s, _) = error(post(a, "/v1/geoparse", "image/png", "x"));
    assert_eq!(s, 415);
    let (s, _) = error(get(a, "/nowhere"));
    assert_eq!(s, 404);
    let (s, _) = error(send(
        a,
        b"DELETE /healthz HTTP/1.1\r\nConnection: close\r\n\r\n",
    ));
    assert_eq!(s, 405);
    let (s, _) = error(get(a, "/v1/geocode"));
    assert_eq!(s, 400);
    // Oversize: refused from the header alone, before any body is sent.
    let (s, v) = error(send(
        a,
        b"POST /v1/geoparse HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n",
    ));
    assert_eq!(s, 413, "{v}");
    let (s, _) = error(post(a, "/v1/geoparse", "text/plain", &"a ".repeat(1500)));
    assert_eq!(s, 413);
    // Still serving.
    assert_eq!(get(a, "/healthz").0, 200);
}

#[test]
fn a_slow_client_times_out_while_others_are_served() {
    let server = start(&[]);
    let a = server.addr.clone();
    let mut slow = TcpStream::connect(&a).unwrap();
    slow.write_all(b"POST /v1/geoparse HTTP/1.1\r\nContent-Length: 100\r\n\r\npartial")
        .unwrap();
    // Meanwhile another client is served at once.
    assert_eq!(get(&a, "/healthz").0, 200);
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut out = String::new();
    let _ = slow.read_to_string(&mut out);
    assert!(out.starts_with("HTTP/1.1 408"), "{out}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_gracefully() {
    let mut server = start(&["-q"]);
    assert_eq!(get(&server.addr, "/healthz").0, 200);
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn the_page_maps_a_pasted_text_in_a_real_browser() {
    let server = start(&[]);
    let text = "BEIRUT (Reuters) - Airstrikes hit Idlib and Saraqeb overnight.";
    let url = format!(
        "http://{}/?text={}",
        server.addr,
        text.replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29")
    );
    let out = Command::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=10000",
            "--dump-dom",
            &url,
        ])
        .output();
    let dom = match out {
        Ok(out) => String::from_utf8_lossy(&out.stdout).into_owned(),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("note: chromium is not installed; browser check skipped");
            return;
        }
        Err(e) => panic!("chromium is required in CI: {e}"),
    };
    assert!(
        dom.contains("data-mapped=\"1\""),
        "the page posted the text and got a map"
    );
    assert!(dom.contains("srcdoc="), "the map is shown");
    assert!(dom.contains("Idlib"), "the map holds the places");
}
