//! The live demo's test controls on [`DemoServer`]: what a test does to the realtime sockets
//! and which changes it makes happen "from outside" (a customer, another account).

use crate::DemoServer;

impl DemoServer {
    /// Drops every open `/cable` connection abruptly (no close frame), as a dying proxy or a
    /// lost network does; clients must notice and reconnect.
    pub fn cut_sockets(&self) {
        self.cw.cut_sockets();
    }

    /// While `refuse` is true, `GET /cable` answers 503 instead of upgrading (a proxy that does
    /// not pass WebSockets, an old server); clients must fall back to polling.
    pub fn refuse_sockets(&self, refuse: bool) {
        self.cw.refuse_sockets(refuse);
    }

    /// While `paused` is true, open sockets get no pings (a half-dead connection); a client's
    /// watchdog must give up on the socket.
    pub fn pause_pings(&self, paused: bool) {
        self.cw.pause_pings(paused);
    }

    /// How many realtime events the server has sent to its sockets (each event once, however
    /// many sockets got it; nothing is counted or rendered while no socket is subscribed).
    pub fn cable_events_sent(&self) -> u64 {
        self.cw.events_sent()
    }
}
