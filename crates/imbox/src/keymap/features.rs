//! Which backend capability each action needs. A key whose feature the active backend lacks
//! answers with a status-bar note instead of doing nothing, and the help leaves it out.

use crate::action::ActAction;
use crate::action::Action;
use crate::action::ComposeAction;
use crate::action::DetailsAction;
use crate::action::FormAction;
use crate::action::InboxAction;
use crate::action::NotificationAction;
use crate::action::SearchAction;
use imbox_api::Capabilities;

/// A feature an action needs: its name for messages, and how to tell whether a backend has it.
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    /// How the status bar names it ("editing contacts").
    pub name: &'static str,
    /// Whether a backend with these capabilities has it.
    pub available: fn(&Capabilities) -> bool,
}

const EDIT: Feature = Feature { name: "editing contacts", available: |c| c.contact_edit };
const CHANNELS: Feature = Feature { name: "the channel filter", available: |c| c.channel_filter };
const NOTIFICATIONS: Feature = Feature { name: "notifications", available: |c| c.notifications };
const SEARCH: Feature =
    Feature { name: "contact search or lookup", available: |c| c.contact_search || c.lookup };
const UPLOAD: Feature = Feature { name: "file upload", available: |c| c.contact_files };
const ACT: Feature = Feature { name: "conversation actions", available: |c| c.conversation_actions };
const BULK: Feature = Feature { name: "bulk actions", available: |c| c.bulk_actions };
const MARK_ALL: Feature =
    Feature { name: "marking all notifications read", available: |c| c.mark_all_notifications_read };
const DISMISS: Feature = Feature { name: "dismissing notifications", available: |c| c.dismiss_notifications };
/// The name the status bar gives replying; also how the state recognises it for the reason.
pub const REPLYING: &str = "replying";
const REPLY: Feature = Feature { name: REPLYING, available: |c| c.reply };
const NOTES: Feature = Feature { name: "private notes", available: |c| c.private_notes };
const REPLY_TO: Feature = Feature { name: "replying to a message", available: |c| c.reply && c.reply_to };
const CANNED: Feature = Feature { name: "canned responses", available: |c| c.canned_responses };
const ATTACH: Feature = Feature { name: "attachments", available: |c| c.reply_attachments };
// The SMS/RCS inbox is one list, newest activity first: no views, status or filters (the
// state refuses these actions there too, with the same names: state/inbox/ops.rs).
const VIEWS: Feature = Feature { name: "inbox views (Mine, Unassigned, All)", available: |c| c.inbox_views };
const STATUS: Feature = Feature { name: "the status filter", available: |c| c.inbox_views };
const FILTERS: Feature = Feature { name: "inbox filters", available: |c| c.inbox_views };

/// The feature `action` needs, if it needs one.
pub fn required(action: &Action) -> Option<Feature> {
    Some(match action {
        Action::Form(FormAction::Open) => EDIT,
        Action::Form(FormAction::Upload) => UPLOAD,
        Action::CycleChannelFilter => CHANNELS,
        Action::Notify(NotificationAction::Toggle) => NOTIFICATIONS,
        Action::Notify(NotificationAction::Dismiss | NotificationAction::AskDismissAll) => DISMISS,
        Action::Notify(NotificationAction::MarkAllRead) => MARK_ALL,
        Action::Search(SearchAction::Open) => SEARCH,
        Action::Compose(ComposeAction::Reply | ComposeAction::Retry) => REPLY,
        Action::Compose(ComposeAction::Note | ComposeAction::ToggleNote) => NOTES,
        Action::Compose(ComposeAction::Canned) => CANNED,
        Action::Compose(ComposeAction::Attach | ComposeAction::DropAttachment) => ATTACH,
        Action::Compose(ComposeAction::ReplyToMessage) => REPLY_TO,
        Action::Inbox(InboxAction::SetView(_) | InboxAction::NextView | InboxAction::PrevView) => VIEWS,
        Action::Inbox(InboxAction::CycleStatus) => STATUS,
        Action::Inbox(InboxAction::OpenFilters) => FILTERS,
        Action::Details(DetailsAction::Open) => return None,
        Action::Act(ActAction::ToggleMark | ActAction::MarkRange | ActAction::MarkAll) => BULK,
        Action::Act(a) if !a.is_result() && !is_menu_key(a) => ACT,
        _ => return None,
    })
}

/// Keys inside an open menu or question: they need nothing more than what opened it.
fn is_menu_key(a: &ActAction) -> bool {
    use ActAction::*;
    matches!(a, MenuMove(_) | MenuToggle | MenuApply | MenuClose | MenuPick(_) | ConfirmYes | ConfirmNo)
}

/// Whether `action` can run on a backend with `caps`.
pub fn allowed(action: &Action, caps: &Capabilities) -> bool {
    required(action).is_none_or(|f| (f.available)(caps))
}

/// `action` itself when the backend has its feature, else the action that says it is missing.
pub fn gate(action: Action, caps: &Capabilities) -> Action {
    match required(&action) {
        Some(f) if !(f.available)(caps) => Action::Unavailable(f.name),
        _ => action,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_features_become_a_note_and_present_ones_pass() {
        let none = Capabilities::default();
        let edit = Action::Form(FormAction::Open);
        assert_eq!(gate(edit.clone(), &none), Action::Unavailable("editing contacts"));
        let caps = Capabilities { contact_edit: true, ..Capabilities::default() };
        assert_eq!(gate(edit, &caps), Action::Form(FormAction::Open));
        assert_eq!(gate(Action::Down, &none), Action::Down, "navigation needs nothing");
        let lookup_only = Capabilities { lookup: true, ..Capabilities::default() };
        assert!(allowed(&Action::Search(SearchAction::Open), &lookup_only));
        let one_list = Capabilities { conversation_views: true, lookup: true, ..Capabilities::default() };
        let status = Action::Inbox(InboxAction::CycleStatus);
        assert_eq!(gate(status.clone(), &one_list), Action::Unavailable("the status filter"));
        assert!(!allowed(&Action::Inbox(InboxAction::OpenFilters), &one_list));
        assert!(allowed(&Action::Inbox(InboxAction::OpenQuery), &one_list), "/ opens the lookup there");
        assert!(allowed(&status, &Capabilities { inbox_views: true, ..one_list }));
    }
}
