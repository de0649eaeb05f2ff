//! For every command, the action that reports it failed.
//!
//! The worker runs each job in a task of its own; when that task panics, the command's request
//! must still be answered, or the pane waiting for it spins forever (a notification centre stuck
//! "write pending", a form stuck "saving…"). Every match here names every variant — there is no
//! wildcard arm — so a new command does not compile until it says how its failure is reported.

use crate::action::{
    Action, DetailsAction, FormAction, InboxAction, NotificationAction, ReloginAction, SearchAction,
};
use crate::command::{Command, ContactCommand, InboxCommand, NotificationCommand, SearchCommand};
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
        Command::Relogin { req, .. } => {
            Action::Relogin(ReloginAction::Checked { req: *req, result: Err(error) })
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
