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

    /// How many `/cable` sockets are open now (past the upgrade, until the server has seen
    /// them end): a client that reconnects must not leave old sockets behind.
    pub fn open_sockets(&self) -> usize {
        self.cw.open_sockets()
    }

    /// How many realtime events the server has sent to its sockets (each event once, however
    /// many sockets got it; nothing is counted or rendered while no socket is subscribed).
    pub fn cable_events_sent(&self) -> u64 {
        self.cw.events_sent()
    }

    /// A second Chatwoot API token (`api_access_token`), of another agent (Harris Lam, id 8,
    /// not the profile's id 7): what a test posts with acts "as another agent" over real HTTP,
    /// and the profile's socket hears it.
    pub fn other_agent_token(&self) -> String {
        self.cw.other_token()
    }

    /// The contact of Chatwoot conversation `display_id` writes `text`, through the same code
    /// path as every change: `message.created`, the agent's earlier replies turn `read`
    /// (`message.updated`), a resolved or snoozed conversation reopens, and a notification
    /// (`assigned_conversation_new_message`) when the conversation is the profile's. Answers
    /// the new message's id, or `None` when there is no such conversation.
    pub fn customer_writes(&self, display_id: u64, text: &str) -> Option<u64> {
        self.cw.customer_writes(display_id, text)
    }

    /// A `message.created` event of the profile's other account (`account_id` 2) for a
    /// conversation with the same display id as conversation `display_id` of account 1 (which
    /// does not change): a client must ignore it. `false` when there is no such conversation.
    pub fn other_account_event(&self, display_id: u64, text: &str) -> bool {
        self.cw.other_account_event(display_id, text)
    }

    /// The contact of iMBRACE conversation `conversation_id` (`conv_…`) writes `text`: a new
    /// message on top of the thread (`GET /3rd/conversations/{id}/messages`), the conversation's
    /// latest message in the contact's conversations, and a new unread notification pointing
    /// at it (`GET /v1/backend/notifications`), so polling finds it. Answers the message id,
    /// or `None` when there is no such conversation.
    pub fn imbrace_customer_writes(&self, conversation_id: &str, text: &str) -> Option<String> {
        crate::imbrace::live::customer_writes(&self.app, conversation_id, text)
    }

    /// A contact writes `text` in the SMS/RCS demo: `to` is a thread's `cid_…` id or a phone
    /// number (its SMS thread). The inbound message joins the thread (the messages call) and
    /// moves it to the top of the conversations list. Answers the message id, or `None` when
    /// no contact has that thread or number.
    pub fn sms_customer_writes(&self, to: &str, text: &str) -> Option<String> {
        crate::smsrcs::customer_writes(&self.app, to, text)
    }

    /// A new, unassigned, open Chatwoot conversation: a contact writes `text` in the web widget.
    /// `conversation.created`, `message.created` and a `conversation_creation` notification
    /// follow. Answers its display id (the next after every existing one).
    pub fn conversation_opens(&self, text: &str) -> Option<u64> {
        let n = self.opened.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let seed = crate::data::rng::h(self.app.store.data.seed, 0x0FE4_0001, n, 0);
        self.cw.conversation_opens((seed >> 8) as u32, text, seed)
    }
}
