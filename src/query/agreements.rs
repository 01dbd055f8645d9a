//! Agreements, their parts, their status on a day, and their areas.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, ToSql};

use super::{date_opt, fact, iso, parse};
use crate::error::{Entity, Error, Result, SqlResultExt};
use crate::{Agreement, AgreementKind, Area, Coverage, Dataset, LineItem, Milestone, Party, Provision, Status, System};

pub(super) const AGREEMENT_COLUMNS: &str = agreement_columns!();

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
        aliases: Vec::new(),
    })
}

/// An agreement `g`'s status on `:day` is the stage `:stage`: the highest stage it
/// had reached by then, 0 for none.
const STATUS_IS: &str = "coalesce((SELECT max(s.stage) FROM stage_reached s \
                                   WHERE s.agreement = g.id AND s.since <= :day), 0) = :stage";

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

/// Which agreements [`Dataset::agreements`] lists, built criterion by criterion.
/// Every criterion left unset matches everything; the criteria set must all hold.
/// A kind alone converts into a filter.
///
/// ```
/// use pactum::{AgreementFilter, AgreementKind};
/// let data = pactum::Dataset::open()?;
/// let sdps = data.agreements(AgreementFilter::new()
///     .kind(AgreementKind::SecurityAndDefencePartnership)
///     .party("jp"))?;
/// assert_eq!(sdps[0].id, "eu-japan-sdp");
/// let treaties = data.agreements(AgreementKind::Treaty)?;
/// assert!(treaties.iter().all(|a| a.kind == AgreementKind::Treaty));
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreementFilter {
    kind: Option<AgreementKind>,
    party: Option<String>,
    area: Option<String>,
    status: Option<(Status, NaiveDate)>,
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

    /// Only agreements this actor takes part in, in any role.
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

/// Lets a filter be reused: `data.agreements(&filter)`.
impl From<&AgreementFilter> for AgreementFilter {
    fn from(filter: &AgreementFilter) -> Self {
        filter.clone()
    }
}

impl From<AgreementKind> for AgreementFilter {
    fn from(kind: AgreementKind) -> Self {
        Self::new().kind(kind)
    }
}

impl Dataset {
    /// The agreement with this id.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `id`.
    pub fn agreement(&self, id: &str) -> Result<Agreement> {
        let sql = concat!("SELECT ", agreement_columns!(), " FROM agreement g WHERE g.id = ?1");
        let mut agreement = self
            .conn
            .prepare_cached(sql)
            .sql()?
            .query_row([id], agreement_row)
            .optional()
            .sql()?
            .ok_or_else(|| not_found(id))?;
        let mut stmt = self.conn.prepare_cached(super::actors::ALIASES_OF_AGREEMENT).sql()?;
        agreement.aliases =
            stmt.query_map([id], super::actors::alias_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        Ok(agreement)
    }

    /// An empty list is an answer only for an agreement that exists.
    pub(super) fn nonempty_or_known<T>(&self, agreement: &str, rows: Vec<T>) -> Result<Vec<T>> {
        if rows.is_empty() {
            self.agreement(agreement)?;
        }
        Ok(rows)
    }

    /// The agreements that match a filter, by id. `AgreementFilter::new()` lists
    /// them all.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] if the filter names a party no actor has as its id, or an
    /// area that does not exist. A filter that matches nothing is an empty list.
    pub fn agreements(&self, filter: impl Into<AgreementFilter>) -> Result<Vec<Agreement>> {
        let filter = &filter.into();
        let kind = filter.kind.map(AgreementKind::as_str);
        let stage = filter.status.map(|(status, _)| status.stage());
        let day = filter.status.map(|(_, on)| iso(on));
        // Only the criteria that are set go into the SQL, so that SQLite can drive the
        // query from the most selective index instead of scanning every agreement.
        let mut with = "";
        let mut conditions = Vec::new();
        let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
        if let Some(area) = &filter.area {
            with = "WITH RECURSIVE within(id) AS ( \
                        SELECT :area UNION SELECT area.id FROM area JOIN within ON area.parent = within.id) ";
            conditions.push(
                "g.id IN (SELECT c.agreement FROM coverage c \
                          WHERE c.area IN (SELECT id FROM within) AND c.status = 'in_text')",
            );
            params.push((":area", area));
        }
        if let Some(party) = &filter.party {
            conditions.push("g.id IN (SELECT p.agreement FROM party p WHERE p.actor = :party)");
            params.push((":party", party));
        }
        if let Some(kind) = &kind {
            conditions.push("g.kind = :kind");
            params.push((":kind", kind));
        }
        if let (Some(stage), Some(day)) = (&stage, &day) {
            conditions.push(STATUS_IS);
            params.push((":day", day));
            params.push((":stage", stage));
        }
        let filter_sql =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let sql = format!("{with}SELECT {AGREEMENT_COLUMNS} FROM agreement g {filter_sql} ORDER BY g.id");
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let found: Vec<Agreement> =
            stmt.query_map(params.as_slice(), agreement_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        if found.is_empty() {
            // An empty answer may mean a misspelt id: say so rather than return nothing.
            if let Some(actor) = &filter.party {
                self.actor(actor)?;
            }
            if let Some(area) = &filter.area {
                self.area(area)?;
            }
        }
        Ok(found)
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
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `agreement`.
    pub fn status(&self, agreement: &str, on: NaiveDate) -> Result<Status> {
        self.indexed_status(agreement, on)?.ok_or_else(|| not_found(agreement))
    }

    /// The agreements in force (or, for instruments that take effect without
    /// entering into force, in effect) at the end of a day.
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn in_force(&self, on: NaiveDate) -> Result<Vec<Agreement>> {
        self.indexed_in_force(on)
    }

    /// Who takes part in an agreement, and how.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `agreement`.
    /// A known agreement without any is an empty list.
    pub fn parties(&self, agreement: &str) -> Result<Vec<Party>> {
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
        let rows = rows.collect::<rusqlite::Result<_>>().sql()?;
        self.nonempty_or_known(agreement, rows)
    }

    /// An agreement's milestones, in date order (undated ones last).
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `agreement`.
    /// A known agreement without any is an empty list.
    pub fn milestones(&self, agreement: &str) -> Result<Vec<Milestone>> {
        let sql = format!(
            "SELECT {MILESTONE_COLUMNS} FROM milestone m WHERE m.agreement = ?1 \
             ORDER BY m.date IS NULL, m.date, m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let rows = stmt.query_map([agreement], milestone_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        self.nonempty_or_known(agreement, rows)
    }

    /// An agreement's provisions.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `agreement`.
    /// A known agreement without any is an empty list.
    pub fn provisions(&self, agreement: &str) -> Result<Vec<Provision>> {
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
        let rows = rows.collect::<rusqlite::Result<_>>().sql()?;
        self.nonempty_or_known(agreement, rows)
    }

    /// The areas an agreement covers, or was reported as planning to cover.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `agreement`.
    /// A known agreement without any is an empty list.
    pub fn coverage(&self, agreement: &str) -> Result<Vec<Coverage>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT fact, agreement, area, status FROM coverage WHERE agreement = ?1 ORDER BY id")
            .sql()?;
        let rows = stmt
            .query_map([agreement], |r| {
                Ok(Coverage { fact: fact(r, 0)?, agreement: r.get(1)?, area: r.get(2)?, status: parse(r, 3)? })
            })
            .sql()?;
        let rows = rows.collect::<rusqlite::Result<_>>().sql()?;
        self.nonempty_or_known(agreement, rows)
    }

    /// What a procurement contract buys.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Agreement`](crate::Entity::Agreement) if no agreement has the id `agreement`.
    /// A known agreement without any is an empty list.
    pub fn line_items(&self, agreement: &str) -> Result<Vec<LineItem>> {
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
        let rows = rows.collect::<rusqlite::Result<_>>().sql()?;
        self.nonempty_or_known(agreement, rows)
    }

    /// The cooperation area with this slug.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Area`](crate::Entity::Area) if no area has the slug `id`.
    pub fn area(&self, id: &str) -> Result<Area> {
        self.conn
            .prepare_cached("SELECT id, parent, name, definition FROM area WHERE id = ?1")
            .sql()?
            .query_row([id], area_row)
            .optional()
            .sql()?
            .ok_or_else(|| Error::NotFound { entity: Entity::Area, id: id.to_owned() })
    }

    /// The whole vocabulary of cooperation areas, by slug.
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
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
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Area`](crate::Entity::Area) if no area has the slug `area`.
    pub fn agreements_in_area(&self, area: &str) -> Result<Vec<Agreement>> {
        self.agreements(AgreementFilter::new().area(area))
    }
}

fn not_found(agreement: &str) -> Error {
    Error::NotFound { entity: Entity::Agreement, id: agreement.to_owned() }
}

fn area_row(r: &Row<'_>) -> rusqlite::Result<Area> {
    Ok(Area { id: r.get(0)?, parent: r.get(1)?, name: r.get(2)?, definition: r.get(3)? })
}
