//! Opening the socket: `ws://` or `wss://` + `/cable` under the base URL, TCP, TLS on rustls
//! with ring and the platform's trust roots (as reqwest), and the upgrade with the `Origin`
//! header Rails checks. A failure says whether trying again soon can help ([`Failed::Lost`]:
//! the server is down or the network failed) or not ([`Failed::Unavailable`]: something answers
//! but will not give a socket — a proxy, an old server, a certificate we do not trust).

use reqwest::Url;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::error::ProtocolError;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Error as WsError};

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

/// Opens the socket and performs the upgrade (no deadline here: the caller sets one).
pub(super) async fn open(target: &Target) -> Result<Socket, Failed> {
    let host = target.url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
    let host = host.to_string();
    let port = target.url.port_or_known_default().unwrap_or(80);
    let tcp = TcpStream::connect((host.as_str(), port))
        .await
        .map_err(|e| Failed::Lost(format!("cannot reach {host}:{port}: {e}")))?;
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
        other => Failed::Unavailable(format!("the upgrade failed: {}", describe(&other))),
    }
}

/// A tungstenite error in plain words.
fn describe(e: &tungstenite::Error) -> String {
    e.to_string()
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
}
