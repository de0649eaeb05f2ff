//! Opening the socket: `ws://` or `wss://` + `/cable` under the base URL, TCP, TLS on rustls
//! with ring and the platform's trust roots (as reqwest), and the upgrade with the `Origin`
//! header Rails checks; through the proxy the environment names, as the HTTP client
//! (`proxy.rs`). A failure says whether trying again soon can help ([`Failed::Lost`]:
//! the server is down or the network failed) or not ([`Failed::Unavailable`]: something answers
//! but will not give a socket — a proxy, an old server, a certificate we do not trust).

use super::proxy::{self, Proxy};
use reqwest::Url;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Error as WsError;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::error::ProtocolError;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// The largest message (and frame) accepted: an event is a few KiB; anything near this is not
/// an event, and refusing it keeps a hostile server from filling the memory.
pub(super) const MAX_MESSAGE: usize = 1 << 20;

/// A byte stream the socket can run over: plain TCP or TLS over it.
pub(super) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// An open socket.
pub(super) type Socket = WebSocketStream<Box<dyn Io>>;

/// Why no socket was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Failed {
    /// Worth trying again soon (nothing answered, the connection broke).
    Lost(String),
    /// Something answered but gives no socket (refused upgrade, untrusted certificate, a base
    /// URL that cannot carry one): try again much later.
    Unavailable(String),
}

/// Where the socket goes: the `/cable` URL and the `Origin` to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    /// `ws://host:port/prefix/cable` or `wss://…`.
    pub(super) url: Url,
    /// `scheme://host[:port]` of the base URL (an origin has no path).
    pub(super) origin: String,
}

/// The socket's address from the installation's base URL (a path prefix is kept).
pub(super) fn target(base_url: &str) -> Result<Target, Failed> {
    let unusable =
        |why: &str| Failed::Unavailable(format!("the server address cannot carry a socket ({why})"));
    let base = Url::parse(base_url.trim()).map_err(|_| unusable("not a URL"))?;
    let scheme = match base.scheme() {
        "http" => "ws",
        "https" => "wss",
        _ => return Err(unusable("not http or https")),
    };
    if base.host_str().is_none() {
        return Err(unusable("no host"));
    }
    let origin = base.origin().ascii_serialization();
    let mut url = base.clone();
    url.set_query(None);
    url.set_fragment(None);
    // The base URL's user-info is for HTTP only; the socket authenticates by its token.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    let path = format!("{}/cable", base.path().trim_end_matches('/'));
    url.set_path(&path);
    url.set_scheme(scheme).map_err(|()| unusable("scheme"))?;
    Ok(Target { url, origin })
}

/// Opens the socket, through the environment's proxy when one applies, and performs the
/// upgrade (no deadline here: the caller sets one).
pub(super) async fn open(target: &Target) -> Result<Socket, Failed> {
    let host = target.url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
    let proxy = proxy::pick(target.url.scheme(), host, |name| std::env::var(name).ok())?;
    open_via(target, proxy.as_ref()).await
}

/// Opens the socket directly or through `proxy`.
async fn open_via(target: &Target, proxy: Option<&Proxy>) -> Result<Socket, Failed> {
    let host = target.url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
    let host = host.to_string();
    let port = target.url.port_or_known_default().unwrap_or(80);
    let tcp = match proxy {
        None => TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| Failed::Lost(format!("cannot reach {host}:{port}: {e}")))?,
        Some(p) => {
            let mut tcp = TcpStream::connect((p.host.as_str(), p.port))
                .await
                .map_err(|e| Failed::Lost(format!("cannot reach the proxy {}:{}: {e}", p.host, p.port)))?;
            proxy::tunnel(&mut tcp, p, &host, port).await?;
            tcp
        }
    };
    // Events are small and should not wait for Nagle's algorithm.
    let _ = tcp.set_nodelay(true);
    let stream: Box<dyn Io> =
        if target.url.scheme() == "wss" { Box::new(tls(&host, tcp).await?) } else { Box::new(tcp) };
    let mut request = target
        .url
        .as_str()
        .into_client_request()
        .map_err(|e| Failed::Unavailable(format!("the socket request cannot be made: {e}")))?;
    let origin = HeaderValue::from_str(&target.origin)
        .map_err(|_| Failed::Unavailable("the server address cannot be an Origin".into()))?;
    request.headers_mut().insert("Origin", origin);
    let config =
        WebSocketConfig::default().max_message_size(Some(MAX_MESSAGE)).max_frame_size(Some(MAX_MESSAGE));
    match tokio_tungstenite::client_async_with_config(request, stream, Some(config)).await {
        Ok((socket, _response)) => Ok(socket),
        Err(e) => Err(upgrade_failed(e)),
    }
}

/// TLS over `tcp` for `host`, verified as reqwest verifies (the platform's roots, ring).
async fn tls(host: &str, tcp: TcpStream) -> Result<tokio_rustls::client::TlsStream<TcpStream>, Failed> {
    use rustls_platform_verifier::ConfigVerifierExt;
    // reqwest is built without a provider; make ring the process's one (as the HTTP core does).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut config = rustls::ClientConfig::with_platform_verifier()
        .map_err(|e| Failed::Unavailable(format!("TLS cannot be set up: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = rustls::pki_types::ServerName::try_from(host.to_string())
        .map_err(|_| Failed::Unavailable(format!("{host} is not a name TLS can verify")))?;
    tokio_rustls::TlsConnector::from(Arc::new(config)).connect(name, tcp).await.map_err(|e| {
        // A certificate problem will not go away by itself; a broken connection may.
        let certificate = e.get_ref().is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some());
        if certificate {
            Failed::Unavailable(format!("TLS refused: {e}"))
        } else {
            Failed::Lost(format!("TLS handshake failed: {e}"))
        }
    })
}

/// What a failed upgrade means.
fn upgrade_failed(e: WsError) -> Failed {
    match e {
        WsError::Http(response) => {
            let status = response.status();
            Failed::Unavailable(format!(
                "the server refused the socket (HTTP {} {})",
                status.as_u16(),
                status.canonical_reason().unwrap_or_default()
            ))
        }
        WsError::Io(e) => Failed::Lost(format!("the connection broke during the upgrade: {e}")),
        WsError::ConnectionClosed
        | WsError::AlreadyClosed
        | WsError::Protocol(ProtocolError::HandshakeIncomplete) => {
            Failed::Lost("the connection closed during the upgrade".into())
        }
        WsError::Protocol(e) => Failed::Unavailable(format!("the server does not speak WebSocket here: {e}")),
        other => Failed::Unavailable(format!("the upgrade failed: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cable_url_and_origin_come_from_the_base_url() {
        let t = target("https://chat.example.com/").unwrap();
        assert_eq!(
            (t.url.as_str(), t.origin.as_str()),
            ("wss://chat.example.com/cable", "https://chat.example.com")
        );
        let t = target("http://u:p@127.0.0.1:3000/prefix/?x=1").unwrap();
        assert_eq!(
            (t.url.as_str(), t.origin.as_str()),
            ("ws://127.0.0.1:3000/prefix/cable", "http://127.0.0.1:3000")
        );
        assert!(matches!(target("ftp://h"), Err(Failed::Unavailable(_))));
        assert!(matches!(target("not a url"), Err(Failed::Unavailable(_))));
    }

    /// A WebSocket server that sends the welcome, and a proxy in front of it that answers
    /// CONNECT with `status` (tunnelling on 200) and records the request it got.
    async fn server_behind_proxy(status: u16) -> (Target, Proxy, tokio::sync::oneshot::Receiver<String>) {
        use futures_util::SinkExt;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let ws = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let ws_addr = ws.local_addr().unwrap();
        tokio::spawn(async move {
            let (tcp, _) = ws.accept().await.unwrap();
            let mut socket = tokio_tungstenite::accept_async(tcp).await.unwrap();
            socket
                .send(tokio_tungstenite::tungstenite::Message::text(r#"{"type":"welcome"}"#))
                .await
                .unwrap();
            // Hold the socket until the client is done.
            let _ = futures_util::StreamExt::next(&mut socket).await;
        });
        let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let proxy_port = proxy.local_addr().unwrap().port();
        let (seen_tx, seen) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (mut client, _) = proxy.accept().await.unwrap();
            let mut head = Vec::new();
            while !head.ends_with(b"\r\n\r\n") {
                head.push(client.read_u8().await.unwrap());
            }
            let _ = seen_tx.send(String::from_utf8(head).unwrap());
            if status != 200 {
                let reply = format!("HTTP/1.1 {status} No\r\ncontent-length: 0\r\n\r\n");
                client.write_all(reply.as_bytes()).await.unwrap();
                return;
            }
            let mut upstream = TcpStream::connect(ws_addr).await.unwrap();
            client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").await.unwrap();
            let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        });
        let target = target(&format!("http://{ws_addr}")).unwrap();
        let via =
            Proxy { host: "127.0.0.1".into(), port: proxy_port, authorization: Some("Basic dTpw".into()) };
        (target, via, seen)
    }

    #[tokio::test]
    async fn the_socket_tunnels_through_a_proxy() {
        use futures_util::StreamExt;
        let (target, via, seen) = server_behind_proxy(200).await;
        let mut socket = open_via(&target, Some(&via)).await.unwrap();
        let welcome = socket.next().await.unwrap().unwrap();
        assert_eq!(welcome.into_text().unwrap().as_str(), r#"{"type":"welcome"}"#);
        let request = seen.await.unwrap();
        let authority = format!("{}:{}", target.url.host_str().unwrap(), target.url.port().unwrap());
        assert!(request.starts_with(&format!("CONNECT {authority} HTTP/1.1\r\n")), "{request}");
        assert!(request.contains("Proxy-Authorization: Basic dTpw\r\n"), "{request}");
    }

    #[tokio::test]
    async fn a_proxy_that_refuses_makes_the_channel_unavailable() {
        for (status, words) in [(407, "wants credentials"), (403, "refused the tunnel (HTTP 403)")] {
            let (target, via, _seen) = server_behind_proxy(status).await;
            match open_via(&target, Some(&via)).await {
                Err(Failed::Unavailable(why)) => assert!(why.contains(words), "{why}"),
                Err(other) => panic!("{other:?}"),
                Ok(_) => panic!("a refused tunnel opened"),
            }
        }
    }
}
