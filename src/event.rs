//! Dated happenings that are not agreements.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;
use crate::{FactId, PartialDate};

text_enum! {
    /// What kind of happening an event is.
    pub enum EventKind {
        /// A war or armed attack.
        ArmedConflict = "armed_conflict",
        /// A summit of leaders.
        Summit = "summit",
        /// A meeting of ministers.
        MinisterialMeeting = "ministerial_meeting",
        /// A session of a standing dialogue.
        Dialogue = "dialogue",
        /// A document published or proposed.
        Publication = "publication",
        /// An interview given to the press.
        Interview = "interview",
        /// Forces sent abroad.
        Deployment = "deployment",
        /// Anything else.
        Other = "other",
    }
}

/// A summit, war, publication, interview or other dated happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// Stable id, e.g. `russia-invades-ukraine`.
    pub id: String,
    /// The fact that the event happened when and where stated; [`Dataset::evidence`](crate::Dataset::evidence) gives
    /// its sources.
    pub fact: FactId,
    /// What kind of event.
    pub kind: EventKind,
    /// A title that names what happened.
    pub title: String,
    /// When it happened.
    pub date: PartialDate,
    /// Where, if known.
    pub place: Option<String>,
    /// The agreement it belongs to, if any.
    pub agreement: Option<String>,
    /// What happened, in a sentence or two.
    pub summary: String,
    /// The actors that took part.
    pub participants: Vec<String>,
}
