//! `wss://` through the real TLS set-up (rustls on ring, the platform's roots): a loopback
//! server with a self-signed certificate is not trusted, and the channel says so as
//! unavailable rather than retrying every second.

use super::{Updates, fast_timings};
use imbox_api::realtime::{RealtimeParams, SocketUpdate};
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::{TlsAcceptor, rustls};

#[tokio::test]
async fn an_untrusted_certificate_makes_the_channel_unavailable() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cert = CertificateDer::from(imbox_testkit::bytes("tls/self-signed-127.0.0.1.cert.der"));
    let key = PrivateKeyDer::try_from(imbox_testkit::bytes("tls/self-signed-127.0.0.1.key.der")).unwrap();
    let config =
        rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(vec![cert], key).unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (handshakes_tx, mut handshakes) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let outcome = acceptor.accept(tcp).await.map(drop).map_err(|e| e.to_string());
            let _ = handshakes_tx.send(outcome);
        }
    });
    let params = RealtimeParams {
        base_url: format!("https://127.0.0.1:{port}"),
        pubsub_token: "t".into(),
        account_id: 1,
        user_id: 7,
    };
    let mut u = Updates::start(params, fast_timings());
    let why = u.until(|x| !matches!(x, SocketUpdate::Connecting)).await;
    let SocketUpdate::Unavailable(why) = why else { panic!("{why:?}") };
    assert!(why.starts_with("TLS refused") && why.to_lowercase().contains("certificate"), "{why}");
    // The server saw a TLS client that gave up on its certificate.
    assert!(handshakes.recv().await.unwrap().is_err());
}
