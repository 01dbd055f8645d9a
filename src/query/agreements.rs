//! Agreements, their parts, their status on a day, and their areas.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{date_opt, fact, iso, parse};
use crate::error::{Error, Result, SqlResultExt};
use crate::{Agreement, AgreementKind, Area, Coverage, Dataset, LineItem, Milestone, Party, Provision, Status, System};

pub(super) const AGREEMENT_COLUMNS: &str =
    "g.id, g.fact, g.kind, g.legal_nature, g.title, g.short_title, g.summary, g.parent, g.supersedes";

pub(super) fn agreement_row(row: &Row<'_>) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        id: row.get(0)?,
        fact: fact(row, 1)?,
        kind: parse(row, 2)?,
        legal_nature: parse(row, 3)?,
        title: row.get(4)?,
        short_title: row.get(5)?,
        summary: row.get(6)?,
        parent: row.get(7)?,
        supersedes: row.get(8)?,
    })
}

pub(super) const MILESTONE_COLUMNS: &str = "m.fact, m.agreement, m.kind, m.status, m.date, m.actor, m.place, m.note";

pub(super) fn milestone_row(row: &Row<'_>) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        fact: fact(row, 0)?,
        agreement: row.get(1)?,
        kind: parse(row, 2)?,
        status: parse(row, 3)?,
        date: date_opt(row, 4)?,
        actor: row.get(5)?,
        place: row.get(6)?,
        note: row.get(7)?,
    })
}

/// The stage (see the schema's `milestone_stage` view) an agreement had reached
/// by the end of day ?2.
const STAGE_ON: &str = "(SELECT max(s.stage) FROM milestone_stage s WHERE s.agreement = g.id AND s.date_last <= ?2)";

/// Which agreements [`Dataset::agreements`] lists. Every criterion left unset
/// matches everything.
///
/// ```
/// use pactum::{AgreementFilter, AgreementKind};
/// let data = pactum::Dataset::open()?;
/// let sdps = data.agreements(&AgreementFilter::new()
///     .kind(AgreementKind::SecurityAndDefencePartnership)
///     .party("jp"))?;
/// assert_eq!(sdps[0].id, "eu-japan-sdp");
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AgreementFilter {
    /// Only agreements of this kind.
    pub kind: Option<AgreementKind>,
    /// Only agreements this actor takes part in, in any role.
    pub party: Option<String>,
    /// Only agreements covering this area or one of its sub-areas.
    pub area: Option<String>,
    /// Only agreements with this status on this day.
    pub status: Option<(Status, NaiveDate)>,
}

impl AgreementFilter {
    /// A filter that matches every agreement.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only agreements of this kind.
    pub fn kind(mut self, kind: AgreementKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Only agreements this actor takes part in.
    pub fn party(mut self, actor: impl Into<String>) -> Self {
        self.party = Some(actor.into());
        self
    }

    /// Only agreements covering this area or its sub-areas.
    pub fn area(mut self, area: impl Into<String>) -> Self {
        self.area = Some(area.into());
        self
    }

    /// Only agreements with this status on this day.
    pub fn status(mut self, status: Status, on: NaiveDate) -> Self {
        self.status = Some((status, on));
        self
    }
}

impl Dataset {
    /// The agreement with this id.
    pub fn agreement(&self, id: &str) -> Result<Agreement> {
        let sql = format!("SELECT {AGREEMENT_COLUMNS} FROM agreement g WHERE g.id = ?1");
        self.conn
            .prepare_cached(&sql)
            .sql()?
            .query_row([id], agreement_row)
            .optional()
            .sql()?
            .ok_or_else(|| Error::NotFound { kind: "agreement", id: id.to_owned(), listing: "agreements" })
    }

    /// The agreements that match a filter, by id.
    pub fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Agreement>> {
        if let Some(actor) = &filter.party {
            self.actor(actor)?;
        }
        if let Some(area) = &filter.area {
            self.area(area)?;
        }
        let sql = format!(
            "WITH RECURSIVE within(id) AS ( \
                 SELECT ?4 UNION SELECT area.id FROM area JOIN within ON area.parent = within.id) \
             SELECT {AGREEMENT_COLUMNS} FROM agreement g \
             WHERE (?1 IS NULL OR g.kind = ?1) \
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM party p WHERE p.agreement = g.id AND p.actor = ?3)) \
               AND (?4 IS NULL OR EXISTS (SELECT 1 FROM coverage c JOIN within ON c.area = within.id \
                                          WHERE c.agreement = g.id AND c.status = 'in_text')) \
               AND (?5 IS NULL OR coalesce({STAGE_ON}, 0) = ?5) \
             ORDER BY g.id"
        );
        let (stage, day) = match filter.status {
            Some((status, on)) => (Some(status.stage()), Some(iso(on))),
            None => (None, None),
        };
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let rows = stmt
            .query_map(
                params![filter.kind.map(AgreementKind::as_str), day, filter.party, filter.area, stage],
                agreement_row,
            )
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// Where an agreement stood at the end of a day, from the milestones that had
    /// certainly happened by then (a milestone known only to the month counts from
    /// the month's last day). Reported targets do not count.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::Status;
    /// let data = pactum::Dataset::open()?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(data.status("russia-dprk-treaty-2024", day(2024, 6, 18))?, Status::NotStarted);
    /// assert_eq!(data.status("russia-dprk-treaty-2024", day(2024, 6, 19))?, Status::Concluded);
    /// assert_eq!(data.status("russia-dprk-treaty-2024", day(2024, 12, 4))?, Status::InForce);
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn status(&self, agreement: &str, on: NaiveDate) -> Result<Status> {
        self.agreement(agreement)?;
        let stage: Option<i64> = self
            .conn
            .prepare_cached("SELECT max(stage) FROM milestone_stage WHERE agreement = ?1 AND date_last <= ?2")
            .sql()?
            .query_row(params![agreement, iso(on)], |r| r.get(0))
            .sql()?;
        Ok(Status::from_stage(stage.unwrap_or(0)))
    }

    /// The agreements in force (or, for instruments that take effect without
    /// entering into force, in effect) at the end of a day.
    pub fn in_force(&self, on: NaiveDate) -> Result<Vec<Agreement>> {
        self.agreements(&AgreementFilter::new().status(Status::InForce, on))
    }

    /// Who takes part in an agreement, and how.
    pub fn parties(&self, agreement: &str) -> Result<Vec<Party>> {
        self.agreement(agreement)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT fact, agreement, actor, role, on_behalf_of FROM party WHERE agreement = ?1 ORDER BY id",
            )
            .sql()?;
        let rows = stmt
            .query_map([agreement], |r| {
                Ok(Party {
                    fact: fact(r, 0)?,
                    agreement: r.get(1)?,
                    actor: r.get(2)?,
                    role: parse(r, 3)?,
                    on_behalf_of: r.get(4)?,
                })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// An agreement's milestones, in date order (undated ones last).
    pub fn milestones(&self, agreement: &str) -> Result<Vec<Milestone>> {
        self.agreement(agreement)?;
        let sql = format!(
            "SELECT {MILESTONE_COLUMNS} FROM milestone m WHERE m.agreement = ?1 \
             ORDER BY m.date IS NULL, m.date, m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        stmt.query_map([agreement], milestone_row).sql()?.collect::<rusqlite::Result<_>>().sql()
    }

    /// An agreement's provisions.
    pub fn provisions(&self, agreement: &str) -> Result<Vec<Provision>> {
        self.agreement(agreement)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT fact, agreement, article, obligation, status, summary FROM provision \
                 WHERE agreement = ?1 ORDER BY id",
            )
            .sql()?;
        let rows = stmt
            .query_map([agreement], |r| {
                Ok(Provision {
                    fact: fact(r, 0)?,
                    agreement: r.get(1)?,
                    article: r.get(2)?,
                    obligation: parse(r, 3)?,
                    status: parse(r, 4)?,
                    summary: r.get(5)?,
                })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// The areas an agreement covers, or was reported as planning to cover.
    pub fn coverage(&self, agreement: &str) -> Result<Vec<Coverage>> {
        self.agreement(agreement)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT fact, agreement, area, status FROM coverage WHERE agreement = ?1 ORDER BY id")
            .sql()?;
        let rows = stmt
            .query_map([agreement], |r| {
                Ok(Coverage { fact: fact(r, 0)?, agreement: r.get(1)?, area: r.get(2)?, status: parse(r, 3)? })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// What a procurement contract buys.
    pub fn line_items(&self, agreement: &str) -> Result<Vec<LineItem>> {
        self.agreement(agreement)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT i.fact, i.agreement, s.id, s.name, s.category, s.maker, i.quantity, \
                        i.quantity_is_maximum, i.value, i.currency, i.delivery_start, i.delivery_end, i.note \
                 FROM line_item i JOIN system s ON s.id = i.system WHERE i.agreement = ?1 ORDER BY i.id",
            )
            .sql()?;
        let rows = stmt
            .query_map([agreement], |r| {
                Ok(LineItem {
                    fact: fact(r, 0)?,
                    agreement: r.get(1)?,
                    system: System { id: r.get(2)?, name: r.get(3)?, category: parse(r, 4)?, maker: r.get(5)? },
                    quantity: r.get(6)?,
                    quantity_is_maximum: r.get(7)?,
                    value: r.get(8)?,
                    currency: r.get(9)?,
                    delivery_start: date_opt(r, 10)?,
                    delivery_end: date_opt(r, 11)?,
                    note: r.get(12)?,
                })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// The cooperation area with this slug.
    pub fn area(&self, id: &str) -> Result<Area> {
        self.conn
            .prepare_cached("SELECT id, parent, name, definition FROM area WHERE id = ?1")
            .sql()?
            .query_row([id], area_row)
            .optional()
            .sql()?
            .ok_or_else(|| Error::NotFound { kind: "area", id: id.to_owned(), listing: "areas" })
    }

    /// The whole vocabulary of cooperation areas, by slug.
    pub fn areas(&self) -> Result<Vec<Area>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, parent, name, definition FROM area ORDER BY id").sql()?;
        stmt.query_map([], area_row).sql()?.collect::<rusqlite::Result<_>>().sql()
    }

    /// The agreements whose text covers an area or any of its sub-areas.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// // `fimi` (disinformation) sits under `hybrid-threats`.
    /// let hybrid = data.agreements_in_area("hybrid-threats")?;
    /// let fimi = data.agreements_in_area("fimi")?;
    /// assert!(fimi.iter().all(|a| hybrid.contains(a)));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn agreements_in_area(&self, area: &str) -> Result<Vec<Agreement>> {
        self.agreements(&AgreementFilter::new().area(area))
    }
}

fn area_row(r: &Row<'_>) -> rusqlite::Result<Area> {
    Ok(Area { id: r.get(0)?, parent: r.get(1)?, name: r.get(2)?, definition: r.get(3)? })
}
