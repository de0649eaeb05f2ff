//! For every command, the action that reports it failed.
//!
//! The worker runs each job in a task of its own; when that task panics, the command's request
//! must still be answered, or the pane waiting for it spins forever (a notification centre stuck
//! "write pending", a form stuck "saving…"). Every match here names every variant — there is no
//! wildcard arm — so a new command does not compile until it says how its failure is reported.

use crate::action::{
    ActAction, Action, AlertAction, ComposeAction, DetailsAction, FormAction, InboxAction,
    NotificationAction, ReloginAction, SearchAction, UnreadAction,
};
use crate::command::{
    ActCommand, AlertCommand, Command, ComposeCommand, ContactCommand, InboxCommand, NotificationCommand,
    SearchCommand, UnreadCommand,
};
use imbox_api::ApiError;

/// The action that reports `cmd` as failed with `error`.
pub fn failure(cmd: &Command, error: ApiError) -> Action {
    match cmd {
        Command::LoadContacts { req, skip, .. } => {
            Action::ContactsLoaded { req: *req, skip: *skip, result: Err(error) }
        }
        Command::LoadConversations { req, .. } => {
            Action::ConversationsLoaded { req: *req, result: Err(error) }
        }
        Command::LoadMessages { req, skip, .. } => {
            Action::MessagesLoaded { req: *req, skip: *skip, result: Err(error) }
        }
        Command::LoadUnreadCount { req } => Action::UnreadLoaded { req: *req, result: Err(error) },
        Command::Probe => Action::Probed(Err(error)),
        // The cache is a help, never a fault: nothing read is nothing to add.
        Command::LoadCachedContacts => Action::CachedContacts(Vec::new()),
        // The timer's purpose is its action: deliver it now rather than never (an undo window
        // that never closes would keep its rows hidden for good).
        Command::Schedule { action, .. } => (**action).clone(),
        // The URL could not be handed over: show it ready to copy, as when there is no opener.
        Command::OpenUrl(url) => {
            Action::Details(DetailsAction::OpenerChecked { url: url.clone(), found: false })
        }
        Command::Search(c) => Action::Search(search(c, error)),
        Command::Notify(c) => Action::Notify(notifications(c, error)),
        Command::Inbox(c) => Action::Inbox(inbox(c, error)),
        Command::Contact(c) => contact(c, error),
        Command::Compose(c) => Action::Compose(compose(c, error)),
        Command::Act(c) => Action::Act(act(c, error)),
        // A desktop notification that could not be shown goes out the next way.
        Command::Alert(AlertCommand::Desktop(note)) => {
            Action::Alert(AlertAction::DesktopFailed { note: note.clone(), error: error.to_string() })
        }
        Command::Relogin { req, .. } => {
            Action::Relogin(ReloginAction::Checked { req: *req, result: Err(error) })
        }
        Command::Unread(c) => Action::Unread(match c {
            UnreadCommand::LoadOpened => UnreadAction::OpenedLoaded(Err(error.to_string())),
            UnreadCommand::SaveOpened { .. } => UnreadAction::OpenedSaved(Err(error.to_string())),
        }),
    }
}

fn compose(cmd: &ComposeCommand, error: ApiError) -> ComposeAction {
    match cmd {
        // A send whose job died may have reached the server: the thread is read back.
        ComposeCommand::Send(req) => ComposeAction::Sent {
            conversation_id: req.conversation_id.clone(),
            echo_id: req.echo_id.clone(),
            result: Err(super::compose::send_failure(&error)),
        },
        ComposeCommand::CheckSent(req) => ComposeAction::Checked {
            conversation_id: req.conversation_id.clone(),
            echo_id: req.echo_id.clone(),
            result: Err(error.to_string()),
        },
        ComposeCommand::LoadCanned { req } => {
            ComposeAction::CannedLoaded { req: *req, result: Err(error.to_string()) }
        }
        ComposeCommand::Complete { req, typed } => {
            ComposeAction::Completed { req: *req, typed: typed.clone(), candidates: Vec::new() }
        }
        ComposeCommand::Inspect { path } => {
            ComposeAction::Inspected { path: path.clone(), result: Err(error.to_string()) }
        }
        ComposeCommand::LoadDraft { conversation_id } => ComposeAction::DraftLoaded {
            conversation_id: conversation_id.clone(),
            result: Err(error.to_string()),
        },
        ComposeCommand::SaveDraft { .. } | ComposeCommand::DeleteDraft { .. } => {
            ComposeAction::DraftFailed(error.to_string())
        }
    }
}

fn search(cmd: &SearchCommand, error: ApiError) -> SearchAction {
    match cmd {
        SearchCommand::Contacts { req, query, skip, .. } => {
            SearchAction::Loaded { req: *req, query: query.clone(), skip: *skip, result: Err(error) }
        }
        SearchCommand::Links { req, .. } => SearchAction::LinksLoaded { req: *req, result: Err(error) },
    }
}

fn notifications(cmd: &NotificationCommand, error: ApiError) -> NotificationAction {
    match cmd {
        NotificationCommand::Load { req, skip, .. } => {
            NotificationAction::Loaded { req: *req, skip: *skip, result: Err(error) }
        }
        NotificationCommand::MarkRead { req, .. }
        | NotificationCommand::MarkAllRead { req }
        | NotificationCommand::Dismiss { req, .. }
        | NotificationCommand::DismissAll { req, .. } => {
            NotificationAction::Written { req: *req, result: Err(error) }
        }
        NotificationCommand::Find { req, .. } | NotificationCommand::StopFind { req } => {
            NotificationAction::Found { req: *req, result: Err(error) }
        }
    }
}

fn inbox(cmd: &InboxCommand, error: ApiError) -> InboxAction {
    match cmd {
        InboxCommand::Load { req, view, skip, .. } => {
            InboxAction::Loaded { req: *req, view: *view, skip: *skip, result: Err(error) }
        }
        InboxCommand::LoadFilterOptions { req } => {
            InboxAction::OptionsLoaded { req: *req, result: Err(error) }
        }
        InboxCommand::MarkRead { req, conversation_id } => InboxAction::MarkedRead {
            req: *req,
            conversation_id: conversation_id.clone(),
            result: Err(error),
        },
    }
}

fn contact(cmd: &ContactCommand, error: ApiError) -> Action {
    match cmd {
        ContactCommand::LoadFiles { req, .. } => {
            Action::Details(DetailsAction::FilesLoaded { req: *req, result: Err(error) })
        }
        ContactCommand::LoadComments { req, .. } => {
            Action::Details(DetailsAction::CommentsLoaded { req: *req, result: Err(error) })
        }
        ContactCommand::CheckOpener { url } => {
            Action::Details(DetailsAction::OpenerChecked { url: url.clone(), found: false })
        }
        ContactCommand::Update { req, .. } => {
            Action::Form(FormAction::Saved { req: *req, result: Err(error) })
        }
        ContactCommand::Upload { req, .. } => {
            Action::Form(FormAction::Uploaded { req: *req, result: Err(error.to_string()) })
        }
        ContactCommand::LoadDraft { contact_id } => Action::Form(FormAction::DraftLoaded {
            contact_id: contact_id.clone(),
            result: Err(error.to_string()),
        }),
        ContactCommand::SaveDraft { .. } | ContactCommand::DeleteDraft { .. } => {
            Action::Form(FormAction::DraftFailed(error.to_string()))
        }
    }
}

fn act(cmd: &ActCommand, error: ApiError) -> ActAction {
    match cmd {
        ActCommand::One { req, .. } | ActCommand::Bulk { req, .. } => {
            ActAction::Done { req: *req, result: Err(error) }
        }
        ActCommand::LoadProfile { req } => ActAction::ProfileLoaded { req: *req, result: Err(error) },
        ActCommand::LoadAgents { req } => ActAction::AgentsLoaded { req: *req, result: Err(error) },
        ActCommand::LoadLabels { req, .. } => ActAction::LabelsLoaded { req: *req, result: Err(error) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::RequestId;
    use crate::action::form::{Draft, FormValues};
    use imbox_model::{ContactUpdate, InboxQuery, InboxView};
    use std::time::Duration;

    /// Numbers every command variant. The match has no wildcard, so a new variant does not
    /// compile without an arm here, and [`KINDS`] then fails the test until it has a sample.
    fn kind(cmd: &Command) -> usize {
        match cmd {
            Command::LoadContacts { .. } => 0,
            Command::LoadConversations { .. } => 1,
            Command::LoadMessages { .. } => 2,
            Command::LoadUnreadCount { .. } => 3,
            Command::Probe => 4,
            Command::Schedule { .. } => 5,
            Command::OpenUrl(_) => 6,
            Command::Relogin { .. } => 7,
            Command::Search(SearchCommand::Contacts { .. }) => 8,
            Command::Search(SearchCommand::Links { .. }) => 9,
            Command::Notify(NotificationCommand::Load { .. }) => 10,
            Command::Notify(NotificationCommand::MarkRead { .. }) => 11,
            Command::Notify(NotificationCommand::MarkAllRead { .. }) => 12,
            Command::Notify(NotificationCommand::Dismiss { .. }) => 13,
            Command::Notify(NotificationCommand::DismissAll { .. }) => 14,
            Command::Inbox(InboxCommand::Load { .. }) => 15,
            Command::Inbox(InboxCommand::LoadFilterOptions { .. }) => 16,
            Command::Inbox(InboxCommand::MarkRead { .. }) => 17,
            Command::Contact(ContactCommand::LoadFiles { .. }) => 18,
            Command::Contact(ContactCommand::LoadComments { .. }) => 19,
            Command::Contact(ContactCommand::CheckOpener { .. }) => 20,
            Command::Contact(ContactCommand::Update { .. }) => 21,
            Command::Contact(ContactCommand::Upload { .. }) => 22,
            Command::Contact(ContactCommand::LoadDraft { .. }) => 23,
            Command::Contact(ContactCommand::SaveDraft { .. }) => 24,
            Command::Contact(ContactCommand::DeleteDraft { .. }) => 25,
            Command::Compose(ComposeCommand::Send(_)) => 26,
            Command::Compose(ComposeCommand::CheckSent(_)) => 27,
            Command::Compose(ComposeCommand::LoadCanned { .. }) => 28,
            Command::Compose(ComposeCommand::Complete { .. }) => 29,
            Command::Compose(ComposeCommand::Inspect { .. }) => 30,
            Command::Compose(ComposeCommand::LoadDraft { .. }) => 31,
            Command::Compose(ComposeCommand::SaveDraft { .. }) => 32,
            Command::Compose(ComposeCommand::DeleteDraft { .. }) => 33,
            Command::Act(ActCommand::One { .. }) => 34,
            Command::Act(ActCommand::Bulk { .. }) => 35,
            Command::Act(ActCommand::LoadProfile { .. }) => 36,
            Command::Act(ActCommand::LoadAgents { .. }) => 37,
            Command::Act(ActCommand::LoadLabels { .. }) => 38,
            Command::Alert(AlertCommand::Desktop(_)) => 39,
            Command::Unread(UnreadCommand::LoadOpened) => 40,
            Command::Unread(UnreadCommand::SaveOpened { .. }) => 41,
            Command::Notify(NotificationCommand::Find { .. }) => 42,
            Command::LoadCachedContacts => 43,
            Command::Notify(NotificationCommand::StopFind { .. }) => 44,
        }
    }

    /// How many variants [`kind`] numbers.
    const KINDS: usize = 45;

    /// One command of every kind, each with its own request id (the index plus 100).
    fn samples() -> Vec<Command> {
        let req = |i: u64| -> RequestId { 100 + i };
        let draft =
            Draft { contact_id: "con_1".into(), saved_at: String::new(), values: FormValues::default() };
        let send = crate::action::compose::SendRequest {
            conversation_id: "42".into(),
            echo_id: "e1".into(),
            content: "hello".into(),
            ..Default::default()
        };
        vec![
            Command::LoadContacts { req: req(0), skip: 40, limit: 20 },
            Command::LoadConversations { req: req(1), contact_id: "con_1".into(), channel_types: vec![] },
            Command::LoadMessages {
                req: req(2),
                conversation_id: "conv_1".into(),
                skip: 30,
                limit: 30,
                before: None,
                after: None,
            },
            Command::LoadUnreadCount { req: req(3) },
            Command::Probe,
            Command::Schedule {
                after: Duration::from_secs(5),
                action: Box::new(Action::Notify(NotificationAction::DismissAllDue { generation: 7 })),
            },
            Command::OpenUrl("https://example.com/a".into()),
            Command::Relogin { req: req(7), token: imbox_api::Secret::new("t") },
            Command::Search(SearchCommand::Contacts { req: req(8), query: "wei".into(), skip: 0, limit: 50 }),
            Command::Search(SearchCommand::Links {
                req: req(9),
                phones: vec!["886911425977".into()],
                organization_id: "org".into(),
            }),
            Command::Notify(NotificationCommand::Load { req: req(10), skip: 50, limit: 50 }),
            Command::Notify(NotificationCommand::MarkRead { req: req(11), ids: vec!["n1".into()] }),
            Command::Notify(NotificationCommand::MarkAllRead { req: req(12) }),
            Command::Notify(NotificationCommand::Dismiss { req: req(13), ids: vec!["n1".into()] }),
            Command::Notify(NotificationCommand::DismissAll { req: req(14), kind: "conversations".into() }),
            Command::Inbox(InboxCommand::Load {
                req: req(15),
                view: InboxView::Unassigned,
                skip: 25,
                query: InboxQuery::default(),
            }),
            Command::Inbox(InboxCommand::LoadFilterOptions { req: req(16) }),
            Command::Inbox(InboxCommand::MarkRead { req: req(17), conversation_id: "42".into() }),
            Command::Contact(ContactCommand::LoadFiles { req: req(18), contact_id: "con_1".into() }),
            Command::Contact(ContactCommand::LoadComments {
                req: req(19),
                contact_id: "con_1".into(),
                comment_id: "con_1".into(),
            }),
            Command::Contact(ContactCommand::CheckOpener { url: "https://example.com/b".into() }),
            Command::Contact(ContactCommand::Update {
                req: req(21),
                contact_id: "con_1".into(),
                update: Box::new(ContactUpdate::default()),
                lookup: Vec::new(),
            }),
            Command::Contact(ContactCommand::Upload { req: req(22), path: "~/a.png".into() }),
            Command::Contact(ContactCommand::LoadDraft { contact_id: "con_1".into() }),
            Command::Contact(ContactCommand::SaveDraft { seq: 3, draft: Box::new(draft) }),
            Command::Contact(ContactCommand::DeleteDraft { seq: 4, contact_id: "con_1".into() }),
            Command::Compose(ComposeCommand::Send(Box::new(send.clone()))),
            Command::Compose(ComposeCommand::CheckSent(Box::new(send))),
            Command::Compose(ComposeCommand::LoadCanned { req: req(28) }),
            Command::Compose(ComposeCommand::Complete { req: req(29), typed: "~/Do".into() }),
            Command::Compose(ComposeCommand::Inspect { path: "~/a.pdf".into() }),
            Command::Compose(ComposeCommand::LoadDraft { conversation_id: "42".into() }),
            Command::Compose(ComposeCommand::SaveDraft { seq: 5, draft: Box::default() }),
            Command::Compose(ComposeCommand::DeleteDraft { seq: 6, conversation_id: "42".into() }),
            Command::Act(ActCommand::One {
                req: req(34),
                conversation_id: "42".into(),
                action: imbox_model::ConversationAction::MarkUnread,
            }),
            Command::Act(ActCommand::Bulk {
                req: req(35),
                ids: vec!["1".into(), "2".into()],
                action: imbox_model::ConversationAction::AssignAgent(None),
            }),
            Command::Act(ActCommand::LoadProfile { req: req(36) }),
            Command::Act(ActCommand::LoadAgents { req: req(37) }),
            Command::Act(ActCommand::LoadLabels { req: req(38), conversation_id: "42".into() }),
            Command::Alert(AlertCommand::Desktop(crate::action::alert::AlertNote::default())),
            Command::Unread(UnreadCommand::LoadOpened),
            Command::Unread(UnreadCommand::SaveOpened { seq: 7, opened: Box::default() }),
            Command::Notify(NotificationCommand::Find {
                req: req(42),
                handle_id: "tcu_1".into(),
                name: "王伟".into(),
            }),
            Command::LoadCachedContacts,
            Command::Notify(NotificationCommand::StopFind { req: req(44) }),
        ]
    }

    #[test]
    fn every_command_kind_has_a_sample() {
        let mut seen: Vec<usize> = samples().iter().map(kind).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..KINDS).collect::<Vec<_>>(), "one sample per command kind, in order");
    }

    #[test]
    fn every_command_is_answered_with_its_request_and_the_error() {
        let error = ApiError::Internal("working on it".into());
        let shown = error.to_string();
        assert_eq!(shown, "internal error while working on it (see the log)");
        for (i, cmd) in samples().iter().enumerate() {
            let action = failure(cmd, error.clone());
            let text = format!("{action:?}");
            // The answer names the request it answers (where there is one)…
            let req = format!("req: {}", 100 + i);
            let has_req = !matches!(
                cmd,
                Command::Probe
                    | Command::LoadCachedContacts
                    | Command::Alert(_)
                    | Command::Schedule { .. }
                    | Command::OpenUrl(_)
                    | Command::Contact(
                        ContactCommand::CheckOpener { .. }
                            | ContactCommand::LoadDraft { .. }
                            | ContactCommand::SaveDraft { .. }
                            | ContactCommand::DeleteDraft { .. }
                    )
                    | Command::Compose(
                        ComposeCommand::Send(_)
                            | ComposeCommand::CheckSent(_)
                            | ComposeCommand::Inspect { .. }
                            | ComposeCommand::LoadDraft { .. }
                            | ComposeCommand::SaveDraft { .. }
                            | ComposeCommand::DeleteDraft { .. }
                    )
                    | Command::Unread(_)
            );
            assert_eq!(text.contains(&req), has_req, "{cmd:?} → {text}");
            // …and carries the error, except where the failure has another meaning.
            let carries = text.contains("Internal(\"working on it\")") || text.contains(&shown);
            match cmd {
                Command::Schedule { action, .. } => {
                    assert_eq!(&action, &&Box::new(failure(cmd, error.clone())))
                }
                Command::OpenUrl(url) | Command::Contact(ContactCommand::CheckOpener { url }) => assert_eq!(
                    action,
                    Action::Details(DetailsAction::OpenerChecked { url: url.clone(), found: false })
                ),
                // The cache is a help, never a fault: no contacts read is the answer.
                Command::LoadCachedContacts => assert_eq!(action, Action::CachedContacts(Vec::new())),
                // No completions is the answer; the prompt stays as typed.
                Command::Compose(ComposeCommand::Complete { .. }) => {
                    assert!(text.contains("candidates: []"), "{text}")
                }
                _ => assert!(carries, "{cmd:?} → {text}"),
            }
        }
    }

    #[test]
    fn the_answer_is_the_one_the_waiting_state_expects() {
        // Spot checks of the shape, beyond the request id: the offset of a page, the view of an
        // inbox page, the query of a search, the conversation marked read.
        let err = || ApiError::Internal("x".into());
        let s = samples();
        assert!(matches!(
            failure(&s[0], err()),
            Action::ContactsLoaded { req: 100, skip: 40, result: Err(_) }
        ));
        assert!(matches!(
            failure(&s[2], err()),
            Action::MessagesLoaded { req: 102, skip: 30, result: Err(_) }
        ));
        assert!(matches!(
            failure(&s[8], err()),
            Action::Search(SearchAction::Loaded { req: 108, ref query, skip: 0, result: Err(_) }) if query == "wei"
        ));
        assert!(matches!(
            failure(&s[10], err()),
            Action::Notify(NotificationAction::Loaded { req: 110, skip: 50, result: Err(_) })
        ));
        assert!(matches!(
            failure(&s[15], err()),
            Action::Inbox(InboxAction::Loaded {
                req: 115,
                view: InboxView::Unassigned,
                skip: 25,
                result: Err(_)
            })
        ));
        assert!(matches!(
            failure(&s[17], err()),
            Action::Inbox(InboxAction::MarkedRead { req: 117, ref conversation_id, result: Err(_) }) if conversation_id == "42"
        ));
        assert!(matches!(
            failure(&s[23], err()),
            Action::Form(FormAction::DraftLoaded { ref contact_id, result: Err(_) }) if contact_id == "con_1"
        ));
    }
}
