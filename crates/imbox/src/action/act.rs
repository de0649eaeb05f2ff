//! Acting on conversations (resolve, snooze, assign, labels, priority, unread), one at a time or
//! several marked in the inbox, through keys, menus and the `:` command line; and the results.
//! A key and the command for the same thing send the same action.

use super::RequestId;
use imbox_api::ApiError;
use imbox_model::{Agent, ConversationAction, Priority};

/// What acting on conversations can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum ActAction {
    /// Resolve; reopen when already resolved (`x`).
    ToggleResolved,
    /// Resolve (`:resolve`).
    Resolve,
    /// Reopen (`:reopen`).
    Reopen,
    /// Mark pending (`:pending`).
    Pending,
    /// The status menu: open, pending, resolved, snooze… (`S`).
    StatusMenu,
    /// The snooze menu: the presets and a typed time (`z`).
    SnoozeMenu,
    /// Snooze until a typed time (`:snooze 2h`; the presets are such texts too), read at the
    /// state's now and zone.
    #[strum(to_string = "snooze")]
    Snooze(String),
    /// The assign menu: me, an agent, a team, unassign (`A`).
    AssignMenu,
    /// Assign to me (`m`).
    AssignMe,
    /// The agent picker.
    AgentPicker,
    /// The team picker.
    TeamPicker,
    /// Assign to this agent.
    #[strum(to_string = "assign_agent")]
    AssignAgent(u64),
    /// Assign to this team.
    #[strum(to_string = "assign_team")]
    AssignTeam(u64),
    /// Remove the assignee (`:unassign`).
    Unassign,
    /// The labels picker (`t`).
    LabelsPicker,
    /// Add and remove labels, keeping the others (`:label +vip -billing`).
    #[strum(to_string = "edit_labels")]
    EditLabels {
        /// Labels to add.
        add: Vec<String>,
        /// Labels to remove.
        remove: Vec<String>,
    },
    /// The priority picker (`!`).
    PriorityPicker,
    /// Set the priority; none clears it (`:priority high`).
    #[strum(to_string = "priority")]
    SetPriority(Option<Priority>),
    /// Mark unread (`U`).
    MarkUnread,
    /// Mark or unmark the inbox row and move down (`Space`).
    ToggleMark,
    /// Mark from the anchor to the cursor (`V`).
    MarkRange,
    /// Mark every loaded row of the view; again, unmark all (`a`).
    MarkAll,
    /// Move in the open menu (negative: up).
    #[strum(to_string = "menu_move.{0}")]
    MenuMove(isize),
    /// Check or uncheck the item under the cursor (labels picker: `Space`).
    MenuToggle,
    /// Choose the item under the cursor; in the labels picker, save the checked set (`Enter`).
    MenuApply,
    /// Close the menu (`Esc`).
    MenuClose,
    /// Choose the item with this number, counted from 1 (`1`–`9`).
    #[strum(to_string = "menu_pick.{0}")]
    MenuPick(usize),
    /// Yes to the question in the status line (`y`).
    ConfirmYes,
    /// No to it (`n`, `Esc`).
    ConfirmNo,
    /// A request acting on conversations finished.
    Done {
        /// The request this answers.
        req: RequestId,
        /// Success, or why not.
        result: Result<(), ApiError>,
    },
    /// The profile (who "me" is) arrived.
    ProfileLoaded {
        /// The request this answers.
        req: RequestId,
        /// The agent or the error.
        result: Result<Agent, ApiError>,
    },
    /// The account's agents arrived.
    AgentsLoaded {
        /// The request this answers.
        req: RequestId,
        /// The agents or the error.
        result: Result<Vec<Agent>, ApiError>,
    },
    /// A conversation's labels arrived (for the labels picker).
    LabelsLoaded {
        /// The request this answers.
        req: RequestId,
        /// The labels or the error.
        result: Result<Vec<String>, ApiError>,
    },
}

impl ActAction {
    /// Whether this is a result from the worker (not an intent).
    pub fn is_result(&self) -> bool {
        matches!(
            self,
            ActAction::Done { .. }
                | ActAction::ProfileLoaded { .. }
                | ActAction::AgentsLoaded { .. }
                | ActAction::LabelsLoaded { .. }
        )
    }
}

/// A [`ConversationAction`] in words, for notices and questions ("resolve", "assign to Dana").
pub fn verb(action: &ConversationAction) -> &'static str {
    use imbox_model::ConversationStatus as S;
    match action {
        ConversationAction::Status { status: S::Open, .. } => "reopen",
        ConversationAction::Status { status: S::Resolved, .. } => "resolve",
        ConversationAction::Status { status: S::Pending, .. } => "mark pending",
        ConversationAction::Status { status: S::Snoozed, .. } => "snooze",
        ConversationAction::AssignAgent(Some(_)) => "assign",
        ConversationAction::AssignAgent(None) => "unassign",
        ConversationAction::AssignTeam(Some(_)) => "assign to a team",
        ConversationAction::AssignTeam(None) => "remove the team of",
        ConversationAction::SetLabels(_) | ConversationAction::EditLabels { .. } => "label",
        ConversationAction::Priority(_) => "set the priority of",
        ConversationAction::MarkUnread => "mark unread",
    }
}

/// The `:` command line.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum CmdLineAction {
    /// Open it (`:`).
    Open,
    /// Open it holding this text (the snooze menu's "other…").
    #[strum(to_string = "open_with")]
    OpenWith(String),
    /// An edit of the line (typing, deleting, moving the cursor).
    #[strum(to_string = "edit.{0}")]
    Edit(super::line::LineEdit),
    /// Complete the word under the cursor; again, the next candidate (`Tab`).
    Complete,
    /// The previous candidate (`Shift-Tab`).
    CompleteBack,
    /// An older line of the history (`↑`).
    HistoryPrev,
    /// A newer line of the history (`↓`).
    HistoryNext,
    /// Run the line (`Enter`).
    Submit,
    /// Close it (`Esc`).
    Cancel,
}
