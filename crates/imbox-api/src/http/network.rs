//! Transport failures in words a person understands: "name not found (host)", "connection
//! refused", "TLS: certificate expired" — instead of the I/O error kind's name (a DNS failure
//! read "uncategorized error"). Never a URL, never the token: only the host, for a name that
//! did not resolve, is named.

use std::error::Error as StdError;
use std::io::ErrorKind;

/// What went wrong with a request that got no usable reply, in words.
pub(crate) fn describe(e: &reqwest::Error) -> String {
    let host = e.url().and_then(|u| u.host_str()).unwrap_or("the server").to_string();
    let mut cause: Option<&dyn StdError> = StdError::source(e);
    let mut found_io: Option<ErrorKind> = None;
    while let Some(c) = cause {
        // hyper-util names a failed lookup "dns error"; the resolver's own text follows.
        let text = c.to_string();
        if text.starts_with("dns error") || text.contains("failed to lookup address") {
            return format!("name not found ({host})");
        }
        if let Some(tls) = tls_inside(c) {
            return tls_words(tls);
        }
        if let Some(kind) = io_kind_inside(c) {
            found_io.get_or_insert(kind);
        }
        cause = c.source();
    }
    let what = found_io.map(io_words);
    if e.is_body() || e.is_decode() {
        return match what {
            Some(w) => format!("the reply was cut off ({w})"),
            None => "the reply was cut off".into(),
        };
    }
    if e.is_redirect() {
        return "too many redirects".into();
    }
    match (what, e.is_connect()) {
        (Some(w), _) => w.to_string(),
        (None, true) => "could not connect".into(),
        (None, false) => "the request failed".into(),
    }
}

/// The rustls error `e` is or wraps through io::Errors (which nest: an io::Error's source()
/// skips the error it wraps, so the chain alone never reaches it).
fn tls_inside<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    if let Some(tls) = e.downcast_ref::<rustls::Error>() {
        return Some(tls);
    }
    let inner = e.downcast_ref::<std::io::Error>()?.get_ref()?;
    tls_inside(inner)
}

/// The innermost I/O error kind `e` is or wraps, skipping the catch-all `Other`.
fn io_kind_inside(e: &(dyn StdError + 'static)) -> Option<ErrorKind> {
    let io = e.downcast_ref::<std::io::Error>()?;
    let inner = io.get_ref().and_then(|i| io_kind_inside(i));
    match (inner, io.kind()) {
        (Some(kind), _) => Some(kind),
        (None, ErrorKind::Other) => None,
        (None, kind) => Some(kind),
    }
}

/// An I/O error kind in words.
fn io_words(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::ConnectionRefused => "connection refused",
        ErrorKind::ConnectionReset => "connection reset by the server",
        ErrorKind::ConnectionAborted => "connection aborted",
        ErrorKind::NotConnected => "not connected",
        ErrorKind::TimedOut => "timed out",
        ErrorKind::UnexpectedEof => "the connection closed early",
        ErrorKind::BrokenPipe => "the connection closed while sending",
        ErrorKind::AddrNotAvailable => "no local address to connect from",
        ErrorKind::NetworkUnreachable => "network unreachable",
        ErrorKind::HostUnreachable => "host unreachable",
        ErrorKind::NetworkDown => "network down",
        ErrorKind::PermissionDenied => "connection not permitted",
        _ => "connection failed",
    }
}

/// A TLS failure in words: what about the certificate, or that the handshake failed.
pub(crate) fn tls_words(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    let cert = |c: &C| match c {
        C::Expired | C::ExpiredContext { .. } => "certificate expired",
        C::NotValidYet | C::NotValidYetContext { .. } => "certificate not valid yet",
        C::UnknownIssuer => "certificate not trusted (unknown issuer)",
        C::NotValidForName | C::NotValidForNameContext { .. } => "certificate is for another name",
        C::Revoked => "certificate revoked",
        C::BadSignature => "certificate signature invalid",
        _ => "certificate not accepted",
    };
    match e {
        rustls::Error::InvalidCertificate(c) => format!("TLS: {}", cert(c)),
        rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateMessage { .. } => {
            "TLS: the server did not answer in TLS (is the URL http:// rather than https://?)".into()
        }
        rustls::Error::AlertReceived(_) => "TLS: the server refused the handshake".into(),
        rustls::Error::NoCertificatesPresented => "TLS: the server sent no certificate".into(),
        _ => "TLS: handshake failed".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_problems_are_named() {
        let t = |c| tls_words(&rustls::Error::InvalidCertificate(c));
        assert_eq!(t(rustls::CertificateError::Expired), "TLS: certificate expired");
        assert_eq!(
            t(rustls::CertificateError::UnknownIssuer),
            "TLS: certificate not trusted (unknown issuer)"
        );
        assert_eq!(t(rustls::CertificateError::NotValidForName), "TLS: certificate is for another name");
        assert_eq!(io_words(ErrorKind::ConnectionRefused), "connection refused");
    }
}
