//! The socket through the proxy the HTTP client would use: the same environment variables
//! reqwest's system proxy reads (`HTTPS_PROXY` for `wss://`, `HTTP_PROXY` for `ws://`, then
//! `ALL_PROXY`, lowercase too; `NO_PROXY` exempts hosts), and never for a loopback server. An
//! `http://` proxy is asked for a tunnel with `CONNECT`; a proxy that refuses (or wants
//! credentials it was not given) makes the channel unavailable, so the app polls instead.

use super::connect::Failed;
use percent_encoding::percent_decode_str;
use reqwest::Url;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The longest proxy answer read (a status line and a few headers).
const MAX_ANSWER: usize = 16 * 1024;

/// A proxy to tunnel through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Proxy {
    /// Its host (IPv6 without brackets).
    pub(super) host: String,
    /// Its port.
    pub(super) port: u16,
    /// `Proxy-Authorization` value (`Basic …`) from the proxy URL's user-info.
    pub(super) authorization: Option<String>,
}

/// The proxy for a socket to `host` over `scheme` (`ws`/`wss`), by the variables `var` reads;
/// `Ok(None)`: connect directly.
pub(super) fn pick(
    scheme: &str,
    host: &str,
    var: impl Fn(&str) -> Option<String>,
) -> Result<Option<Proxy>, Failed> {
    if is_loopback(host) {
        return Ok(None);
    }
    let read = |names: &[&str]| names.iter().find_map(|n| var(n).filter(|v| !v.trim().is_empty()));
    let specific = if scheme == "wss" {
        read(&["HTTPS_PROXY", "https_proxy"])
    } else {
        read(&["HTTP_PROXY", "http_proxy"])
    };
    let Some(url) = specific.or_else(|| read(&["ALL_PROXY", "all_proxy"])) else {
        return Ok(None);
    };
    if read(&["NO_PROXY", "no_proxy"]).is_some_and(|list| exempt(&list, host)) {
        return Ok(None);
    }
    // A proxy written without a scheme is an HTTP proxy (as curl and reqwest read it).
    let url = if url.contains("://") { url } else { format!("http://{url}") };
    let unusable =
        |why: &str| Failed::Unavailable(format!("the configured proxy cannot carry the socket ({why})"));
    let parsed = Url::parse(url.trim()).map_err(|_| unusable("not a URL"))?;
    if parsed.scheme() != "http" {
        return Err(unusable("only http:// proxies are supported"));
    }
    let host = parsed.host_str().ok_or_else(|| unusable("no host"))?;
    let authorization = match parsed.username() {
        "" => None,
        user => {
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            let pair = format!("{}:{}", decode(user), decode(parsed.password().unwrap_or_default()));
            Some(format!("Basic {}", base64(pair.as_bytes())))
        }
    };
    Ok(Some(Proxy {
        host: host.trim_start_matches('[').trim_end_matches(']').to_string(),
        port: parsed.port_or_known_default().unwrap_or(80),
        authorization,
    }))
}

/// Whether `NO_PROXY` (comma-separated: `*`, host names, `.domain` suffixes, IP addresses)
/// exempts `host`.
fn exempt(list: &str, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    list.split(',').map(|e| e.trim().to_ascii_lowercase()).filter(|e| !e.is_empty()).any(|e| {
        let bare = e.trim_start_matches('.');
        e == "*" || host == bare || host.ends_with(&format!(".{bare}"))
    })
}

/// `localhost`, `*.localhost`, 127.0.0.0/8, `::1`.
fn is_loopback(host: &str) -> bool {
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost") || host.to_ascii_lowercase().ends_with(".localhost"),
    }
}

/// Asks the proxy on `tcp` for a tunnel to `host:port`; on success the stream is the tunnel.
pub(super) async fn tunnel(tcp: &mut TcpStream, proxy: &Proxy, host: &str, port: u16) -> Result<(), Failed> {
    let authority = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
    let mut request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(auth) = &proxy.authorization {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str("\r\n");
    let broke = |e: std::io::Error| Failed::Lost(format!("the proxy connection broke: {e}"));
    tcp.write_all(request.as_bytes()).await.map_err(broke)?;
    // Byte by byte up to the blank line: whatever follows it is the tunnel's, not ours to read.
    let mut answer = Vec::new();
    while !answer.ends_with(b"\r\n\r\n") {
        if answer.len() >= MAX_ANSWER {
            return Err(Failed::Unavailable("the proxy's answer to CONNECT is too long".into()));
        }
        let byte = tcp.read_u8().await.map_err(broke)?;
        answer.push(byte);
    }
    let status_line = String::from_utf8_lossy(&answer);
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse::<u16>().ok());
    match status {
        Some(200..=299) => Ok(()),
        Some(407) => Err(Failed::Unavailable("the proxy wants credentials (HTTP 407)".into())),
        Some(code) => Err(Failed::Unavailable(format!("the proxy refused the tunnel (HTTP {code})"))),
        None => Err(Failed::Unavailable("the proxy's answer to CONNECT is not HTTP".into())),
    }
}

/// Standard base64 with padding (for `Basic` credentials).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn the_proxy_is_picked_as_reqwest_picks_it() {
        let e = env(&[("HTTPS_PROXY", "http://proxy.corp:3128"), ("http_proxy", "plain.corp:8080")]);
        let p = pick("wss", "chat.example.com", &e).unwrap().unwrap();
        assert_eq!((p.host.as_str(), p.port, p.authorization), ("proxy.corp", 3128, None));
        assert_eq!(pick("ws", "chat.example.com", &e).unwrap().unwrap().host, "plain.corp");
        assert_eq!(pick("wss", "127.0.0.1", &e).unwrap(), None, "never for loopback");
        assert_eq!(pick("wss", "localhost", &e).unwrap(), None);
        assert_eq!(pick("wss", "h", env(&[])).unwrap(), None);
        let all = env(&[("ALL_PROXY", "http://all:1")]);
        assert_eq!(pick("wss", "h", all).unwrap().unwrap().host, "all");
        let socks = env(&[("ALL_PROXY", "socks5://s:1080")]);
        assert!(matches!(pick("wss", "h", socks), Err(Failed::Unavailable(_))));
    }

    #[test]
    fn no_proxy_exempts_hosts_and_domains() {
        let e = env(&[("HTTPS_PROXY", "http://p:1"), ("NO_PROXY", "internal.corp, .example.com,10.0.0.5")]);
        assert_eq!(pick("wss", "chat.example.com", &e).unwrap(), None);
        assert_eq!(pick("wss", "example.com", &e).unwrap(), None);
        assert_eq!(pick("wss", "internal.corp", &e).unwrap(), None);
        assert_eq!(pick("wss", "10.0.0.5", &e).unwrap(), None);
        assert!(pick("wss", "notexample.com", &e).unwrap().is_some());
        assert_eq!(pick("wss", "x", env(&[("HTTPS_PROXY", "http://p:1"), ("no_proxy", "*")])).unwrap(), None);
    }

    #[test]
    fn credentials_become_basic_authorization() {
        let e = env(&[("HTTPS_PROXY", "http://us%40er:p%3Ass@p:1")]);
        let p = pick("wss", "h", e).unwrap().unwrap();
        assert_eq!(p.authorization.as_deref(), Some(format!("Basic {}", base64(b"us@er:p:ss")).as_str()));
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"Aladdin:open sesame"), "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }
}
