//! Helpers of the tests that act on conversations: the inbox state of `common::inbox` on an
//! account that can act on conversations (and in bulk), with its profile and agents answered.

use crate::common::inbox::Inbox;
use crate::common::settle;
use imbox::action::{ActAction as A, Action};
use imbox::command::{ActCommand as AC, Command};
use imbox::state::State;
use imbox_model::Agent;

/// The account's agents; the first is "me".
pub fn agents() -> Vec<Agent> {
    let agent =
        |id, name: &str| Agent { id, name: name.into(), availability: "online".into(), ..Agent::default() };
    vec![agent(1, "Me Agent"), agent(2, "Dana Levi"), agent(3, "Lee Chen")]
}

/// Answers the profile and the agents, then the inbox.
pub fn answer(inbox: &Inbox, cmd: &Command) -> Option<Action> {
    match cmd {
        Command::Act(AC::LoadProfile { req }) => {
            Some(Action::Act(A::ProfileLoaded { req: *req, result: Ok(agents()[0].clone()) }))
        }
        Command::Act(AC::LoadAgents { req }) => {
            Some(Action::Act(A::AgentsLoaded { req: *req, result: Ok(agents()) }))
        }
        _ => inbox.answer(cmd),
    }
}

/// A started inbox state of `w`x`h` that can act on conversations (profile and agents loaded).
pub fn acting_at(w: u16, h: u16, inbox: &Inbox) -> State {
    let mut s = crate::common::inbox::state(w, h);
    s.account.capabilities.conversation_actions = true;
    s.account.capabilities.bulk_actions = true;
    let cmds = s.start();
    assert!(cmds.iter().any(|c| matches!(c, Command::Act(AC::LoadProfile { .. }))), "{cmds:?}");
    let left = settle(&mut s, cmds, &|c| answer(inbox, c));
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(s.acts.profile.as_ref().map(|p| p.id), Some(1));
    s
}

/// [`acting_at`] 140x40.
pub fn acting(inbox: &Inbox) -> State {
    acting_at(140, 40, inbox)
}
