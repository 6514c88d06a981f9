//! The preview's HTTP/1.1 server: a handful of GET routes and one event
//! stream, on std's TcpListener. Written by hand, not with a server crate:
//! four routes on the loopback address need request-line parsing and a
//! response writer, not a framework (and no async runtime). Each connection
//! gets a thread and one response; event streams stay open.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::Shared;

const PAGE: &str = include_str!("page.html");

/// Longest request head read; a browser's is well under it.
const MAX_HEAD: u64 = 16 * 1024;

pub(super) fn serve(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = shared.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

/// A request's method and target, read from its head (the rest of the
/// head is read and ignored; previews have no request bodies).
fn read_request(stream: &TcpStream) -> std::io::Result<Option<(String, String)>> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let request = (method.to_string(), target.to_string());
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            return Ok(Some(request));
        }
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some((method, target)) = read_request(&stream)? else {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"bad request");
    };
    if method != "GET" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only",
        );
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    match path {
        "/" | "/index.html" => respond(
            &mut stream,
            "200 OK",
            "text/html; charset=utf-8",
            PAGE.replace("{{ISSUE}}", &shared.issue.to_string())
                .as_bytes(),
        ),
        "/events" => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                  Cache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
            )?;
            // A reader that stops reading is dropped, not waited for.
            stream.set_write_timeout(Some(Duration::from_secs(1)))?;
            let mut st = shared.lock();
            send_event(&mut stream, &st.event())?;
            st.listeners.push(stream);
            Ok(())
        }
        "/issue.pdf" => match shared.lock().pdf.clone() {
            Some(pdf) => respond(&mut stream, "200 OK", "application/pdf", &pdf),
            None => not_found(&mut stream),
        },
        _ => match page_request(path, query) {
            Some((page, print)) => match shared.png(page, print) {
                Some(png) => respond(&mut stream, "200 OK", "image/png", &png),
                None => not_found(&mut stream),
            },
            None => not_found(&mut stream),
        },
    }
}

/// `/page/<n>.png?v=<fingerprint in hex>` → (n, fingerprint).
fn page_request(path: &str, query: &str) -> Option<(usize, u64)> {
    let n = path.strip_prefix("/page/")?.strip_suffix(".png")?;
    let v = query.split('&').find_map(|kv| kv.strip_prefix("v="))?;
    Some((n.parse().ok()?, u64::from_str_radix(v, 16).ok()?))
}

fn not_found(stream: &mut TcpStream) -> std::io::Result<()> {
    respond(stream, "404 Not Found", "text/plain", b"not found")
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    // A page picture's address names what it shows: it never changes.
    let cache = if kind == "image/png" {
        "max-age=31536000, immutable"
    } else {
        "no-store"
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: {cache}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

pub(super) fn send_event(stream: &mut TcpStream, event: &str) -> std::io::Result<()> {
    stream.write_all(event.as_bytes())?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_addresses_parse() {
        assert_eq!(
            page_request("/page/3.png", "v=00000000000000ff"),
            Some((3, 255))
        );
        assert_eq!(page_request("/page/x.png", "v=ff"), None);
        assert_eq!(page_request("/page/3.png", ""), None);
        assert_eq!(page_request("/pages/3.png", "v=1"), None);
    }
}
