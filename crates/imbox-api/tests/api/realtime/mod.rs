//! The realtime client (Chatwoot's `/cable`): every event of the constructed fixture through
//! the decoder, the socket's state machine against a scripted loopback cable server, and the
//! whole client against the demo server's `/cable`.

mod decode;
