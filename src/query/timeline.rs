//! Dated events in order.

use rusqlite::Row;
use serde::{Deserialize, Serialize};

use super::{date_opt, fact, parse};
use crate::error::{Result, SqlResultExt};
use crate::{Dataset, EventKind, FactId, MilestoneKind, MilestoneStatus, PartialDate};

/// What a timeline entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Happening {
    /// A step in an agreement's life, or a target a source reported for it.
    Milestone(MilestoneKind, MilestoneStatus),
    /// An event.
    Event(EventKind),
}

/// One dated line of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimelineEntry {
    /// When, at the precision known; `None` sorts last.
    pub date: Option<PartialDate>,
    /// The fact of the milestone or event.
    pub fact: FactId,
    /// What happened.
    pub what: Happening,
    /// The agreement's short title, or the event's title.
    pub title: String,
    /// The agreement concerned, if any.
    pub agreement: Option<String>,
    /// The event, if this entry is one.
    pub event: Option<String>,
    /// Where, if known.
    pub place: Option<String>,
}

/// An agreement's milestones and events, ?1 the agreement.
const AGREEMENT_TIMELINE: &str = "\
    SELECT * FROM ( \
        SELECT m.date AS date, m.fact, 'milestone', m.kind, m.status, coalesce(g.short_title, g.title), \
               g.id, NULL, m.place, m.id AS seq \
        FROM milestone m JOIN agreement g ON g.id = m.agreement WHERE m.agreement = ?1 \
        UNION ALL \
        SELECT e.date, e.fact, 'event', e.kind, NULL, e.title, e.agreement, e.id, e.place, 0 \
        FROM event e WHERE e.agreement = ?1) \
    ORDER BY date IS NULL, date, seq";

/// The milestones of every agreement an actor takes part in, and the events it
/// took part in, ?1 the actor.
const ACTOR_TIMELINE: &str = "\
    SELECT * FROM ( \
        SELECT m.date AS date, m.fact, 'milestone', m.kind, m.status, coalesce(g.short_title, g.title), \
               g.id, NULL, m.place, m.id AS seq \
        FROM party p JOIN milestone m ON m.agreement = p.agreement JOIN agreement g ON g.id = m.agreement \
        WHERE p.actor = ?1 GROUP BY m.id \
        UNION ALL \
        SELECT e.date, e.fact, 'event', e.kind, NULL, e.title, e.agreement, e.id, e.place, 0 \
        FROM participant t JOIN event e ON e.id = t.event WHERE t.actor = ?1) \
    ORDER BY date IS NULL, date, seq";

fn entry(row: &Row<'_>) -> rusqlite::Result<TimelineEntry> {
    let what = if row.get::<_, String>(2)? == "milestone" {
        Happening::Milestone(parse(row, 3)?, parse(row, 4)?)
    } else {
        Happening::Event(parse(row, 3)?)
    };
    Ok(TimelineEntry {
        date: date_opt(row, 0)?,
        fact: fact(row, 1)?,
        what,
        title: row.get(5)?,
        agreement: row.get(6)?,
        event: row.get(7)?,
        place: row.get(8)?,
    })
}

impl Dataset {
    /// The milestones and events of an agreement, in date order.
    ///
    /// ```
    /// use pactum::{Happening, MilestoneKind, MilestoneStatus};
    /// let data = pactum::Dataset::open()?;
    /// let steps = data.agreement_timeline("russia-dprk-treaty-2024")?;
    /// let signed = Happening::Milestone(MilestoneKind::Signed, MilestoneStatus::Happened);
    /// let in_force = Happening::Milestone(MilestoneKind::EnteredIntoForce, MilestoneStatus::Happened);
    /// let at = |what| steps.iter().position(|e| e.what == what).unwrap();
    /// assert_eq!(steps[at(signed)].date.unwrap().to_string(), "2024-06-19");
    /// assert!(at(signed) < at(in_force));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `agreement`.
    pub fn agreement_timeline(&self, agreement: &str) -> Result<Vec<TimelineEntry>> {
        let rows = self.timeline(AGREEMENT_TIMELINE, agreement)?;
        self.nonempty_or_known(agreement, rows)
    }

    /// The milestones of every agreement an actor takes part in, and the events it
    /// took part in, in date order.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Actor`](crate::Entity::Actor) if no actor has the id `actor`.
    /// A known actor with neither agreements nor events is an empty list.
    pub fn actor_timeline(&self, actor: &str) -> Result<Vec<TimelineEntry>> {
        let rows = self.timeline(ACTOR_TIMELINE, actor)?;
        if rows.is_empty() {
            self.actor(actor)?;
        }
        Ok(rows)
    }

    fn timeline(&self, sql: &str, id: &str) -> Result<Vec<TimelineEntry>> {
        let mut stmt = self.conn.prepare_cached(sql).sql()?;
        stmt.query_map([id], entry).sql()?.collect::<rusqlite::Result<_>>().sql()
    }
}
