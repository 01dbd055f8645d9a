//! Actors, their aliases, memberships and posts.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{date_opt, fact, iso, parse};
use crate::error::{Entity, Error, Result, SqlResultExt};
use crate::{Actor, ActorKind, Alias, Codes, Dataset, FactId, Membership, Post};

pub(super) const ACTOR_COLUMNS: &str = actor_columns!();

/// An actor's or an agreement's other names: its aliases, then its names in other
/// languages by language. `?1` is the actor's or agreement's id; the first column
/// names whose they are.
macro_rules! aliases_where {
    ($alias:literal, $name:literal) => {
        concat!(
            "SELECT actor AS owner, name, kind, NULL AS language, NULL AS fact, 0 AS tagged FROM alias WHERE ",
            $alias,
            " UNION ALL SELECT coalesce(actor, agreement), name, kind, language, fact, 1 FROM name WHERE ",
            $name,
            " ORDER BY owner, tagged, language, name"
        )
    };
}
pub(super) const ALIASES_OF_ACTOR: &str = aliases_where!("actor = ?1", "actor = ?1");
/// Agreements have no aliases of their own, only names in other languages.
pub(super) const ALIASES_OF_AGREEMENT: &str =
    "SELECT agreement, name, kind, language, fact FROM name WHERE agreement = ?1 ORDER BY language, name";
const ALL_ALIASES: &str = aliases_where!("1", "actor IS NOT NULL");

/// Reads a row of one of the alias statements above, without its owner column.
pub(super) fn alias_row(row: &Row<'_>) -> rusqlite::Result<Alias> {
    Ok(Alias {
        name: row.get(1)?,
        kind: parse(row, 2)?,
        language: row.get(3)?,
        fact: row.get::<_, Option<i64>>(4)?.map(FactId),
    })
}

pub(super) fn actor_row(row: &Row<'_>) -> rusqlite::Result<Actor> {
    Ok(Actor {
        id: row.get(0)?,
        fact: fact(row, 1)?,
        kind: parse(row, 2)?,
        name: row.get(3)?,
        short_name: row.get(4)?,
        parent: row.get(5)?,
        description: row.get(6)?,
        codes: Codes {
            iso_alpha2: row.get(7)?,
            iso_alpha3: row.get(8)?,
            iso_numeric: row.get(9)?,
            cow: row.get(10)?,
            wikidata: row.get(11)?,
        },
        aliases: Vec::new(),
    })
}

fn membership_row(row: &Row<'_>) -> rusqlite::Result<Membership> {
    Ok(Membership {
        fact: fact(row, 0)?,
        member: row.get(1)?,
        organisation: row.get(2)?,
        since: date_opt(row, 3)?,
        until: date_opt(row, 4)?,
    })
}

fn post_row(row: &Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post {
        fact: fact(row, 0)?,
        person: row.get(1)?,
        title: row.get(2)?,
        organisation: row.get(3)?,
        since: date_opt(row, 4)?,
        until: date_opt(row, 5)?,
    })
}

/// "Held on `day`" for a validity period whose dates may be partial: it must
/// certainly have begun (its last possible start is on or before the day) and
/// must not possibly have ended (its earliest possible end, the ISO prefix, is on
/// or after the day).
const VALID_ON: &str = "valid_from_last <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)";

impl Dataset {
    /// The actor with this id.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let eu = data.actor("eu")?;
    /// assert_eq!(eu.name, "European Union");
    /// assert!(matches!(data.actor("atlantis"), Err(pactum::Error::NotFound { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Actor`](crate::Entity::Actor) if no actor has the id `id`.
    pub fn actor(&self, id: &str) -> Result<Actor> {
        let sql = concat!("SELECT ", actor_columns!(), " FROM actor a WHERE a.id = ?1");
        let actor = self.conn.prepare_cached(sql).sql()?.query_row([id], actor_row).optional().sql()?;
        let mut actor = actor.ok_or_else(|| Error::NotFound { entity: Entity::Actor, id: id.to_owned() })?;
        actor.aliases = self.aliases(&actor.id)?;
        Ok(actor)
    }

    /// The state with this code: ISO 3166-1 alpha-2 (`KR`), alpha-3 (`KOR`) or
    /// numeric (`410`), in any case, or a Wikidata id (`Q884`) of any actor.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// assert_eq!(data.actor_by_code("KOR")?.id, "kr");
    /// assert_eq!(data.actor_by_code("pl")?.id, "pl");
    /// assert!(matches!(data.actor_by_code("K-9"), Err(pactum::Error::InvalidCode { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCode`](crate::Error::InvalidCode) if `code` has none of the shapes above;
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::ActorCode`](crate::Entity::ActorCode) if no actor has it.
    pub fn actor_by_code(&self, code: &str) -> Result<Actor> {
        macro_rules! by {
            ($column:literal) => {
                concat!("SELECT ", actor_columns!(), " FROM actor a WHERE a.", $column, " = ?1")
            };
        }
        let upper = code.to_ascii_uppercase();
        let (sql, numeric) = match upper.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => (by!("iso_alpha2"), false),
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_alphabetic()) => (by!("iso_alpha3"), false),
            [b'Q', rest @ ..] if !rest.is_empty() && rest.len() < 12 && rest.iter().all(u8::is_ascii_digit) => {
                (by!("wikidata"), false)
            }
            digits if !digits.is_empty() && digits.len() <= 3 && digits.iter().all(u8::is_ascii_digit) => {
                (by!("iso_numeric"), true)
            }
            _ => return Err(Error::InvalidCode { input: code.to_owned() }),
        };
        let key: rusqlite::types::Value = if numeric {
            // Checked above: one to three digits.
            rusqlite::types::Value::Integer(upper.parse().unwrap_or_default())
        } else {
            rusqlite::types::Value::Text(upper)
        };
        let actor = self.conn.prepare_cached(sql).sql()?.query_row([key], actor_row).optional().sql()?;
        let mut actor = actor.ok_or_else(|| Error::NotFound { entity: Entity::ActorCode, id: code.to_owned() })?;
        actor.aliases = self.aliases(&actor.id)?;
        Ok(actor)
    }

    /// Every actor, by id.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// assert!(data.actors()?.iter().any(|a| a.id == "eu"));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn actors(&self) -> Result<Vec<Actor>> {
        self.actors_where(None)
    }

    /// The actors of one kind, by id.
    ///
    /// ```
    /// use pactum::ActorKind;
    /// let data = pactum::Dataset::open()?;
    /// let states = data.actors_of_kind(ActorKind::State)?;
    /// assert!(states.iter().all(|a| a.kind == ActorKind::State));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn actors_of_kind(&self, kind: ActorKind) -> Result<Vec<Actor>> {
        self.actors_where(Some(kind))
    }

    fn actors_where(&self, kind: Option<ActorKind>) -> Result<Vec<Actor>> {
        let sql = format!("SELECT {ACTOR_COLUMNS} FROM actor a WHERE ?1 IS NULL OR a.kind = ?1 ORDER BY a.id");
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let actors = stmt
            .query_map([kind.map(ActorKind::as_str)], actor_row)
            .sql()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .sql()?;
        self.with_aliases(actors)
    }

    /// The actors that are sides of an agreement (see [`SIDES`](super::lifecycle::SIDES)), by id.
    pub(super) fn side_actors(&self) -> Result<Vec<Actor>> {
        let sql = format!(
            "SELECT {ACTOR_COLUMNS} FROM actor a WHERE a.id IN (SELECT actor FROM party WHERE role IN {}) ORDER BY a.id",
            super::lifecycle::SIDES
        );
        let mut stmt = self.conn.prepare(&sql).sql()?;
        let actors = stmt.query_map([], actor_row).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        self.with_aliases(actors)
    }

    /// Actors with their aliases, read all at once.
    fn with_aliases(&self, mut actors: Vec<Actor>) -> Result<Vec<Actor>> {
        let mut aliases: HashMap<String, Vec<Alias>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(ALL_ALIASES).sql()?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, alias_row(r)?))).sql()?;
        for row in rows {
            let (actor, alias) = row.sql()?;
            aliases.entry(actor).or_default().push(alias);
        }
        for actor in &mut actors {
            actor.aliases = aliases.remove(&actor.id).unwrap_or_default();
        }
        Ok(actors)
    }

    fn aliases(&self, actor: &str) -> Result<Vec<Alias>> {
        let mut stmt = self.conn.prepare_cached(ALIASES_OF_ACTOR).sql()?;
        let rows = stmt.query_map([actor], alias_row).sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// The memberships of an actor, or of an organisation's members when
    /// `actor` is an organisation, oldest first.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Actor`](crate::Entity::Actor) if no actor has the id `actor`.
    /// A known actor without memberships is an empty list.
    pub fn memberships(&self, actor: &str) -> Result<Vec<Membership>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT fact, member, organisation, valid_from, valid_to FROM membership \
                 WHERE member = ?1 OR organisation = ?1 ORDER BY valid_from, member",
            )
            .sql()?;
        let rows: Vec<_> = stmt.query_map([actor], membership_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        if rows.is_empty() {
            self.actor(actor)?;
        }
        Ok(rows)
    }

    /// The members of an organisation on a day.
    ///
    /// Membership counts only when the data shows it certainly held on that day:
    /// a membership known to begin "in 1995" counts from 31 December 1995.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let data = pactum::Dataset::open()?;
    /// let day = NaiveDate::from_ymd_opt(2024, 6, 23).unwrap();
    /// let members = data.members_of("eu", day)?;
    /// assert_eq!(members.len(), 27);
    /// assert!(members.iter().all(|m| m.id != "gb"));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Actor`](crate::Entity::Actor) if no actor has the id `organisation`.
    /// A known actor without members on that day is an empty list.
    pub fn members_of(&self, organisation: &str, on: NaiveDate) -> Result<Vec<Actor>> {
        let sql = format!(
            "SELECT {ACTOR_COLUMNS} FROM membership m JOIN actor a ON a.id = m.member \
             WHERE m.organisation = ?1 AND {VALID_ON} ORDER BY a.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let rows: Vec<_> =
            stmt.query_map(params![organisation, iso(on)], actor_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        if rows.is_empty() {
            self.actor(organisation)?;
        }
        Ok(rows)
    }

    /// The posts a person held, earliest first.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Actor`](crate::Entity::Actor) if no actor has the id `person`.
    /// A known actor without posts is an empty list.
    pub fn posts(&self, person: &str) -> Result<Vec<Post>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT fact, person, title, organisation, valid_from, valid_to FROM post \
                 WHERE person = ?1 ORDER BY valid_from",
            )
            .sql()?;
        let rows: Vec<_> = stmt.query_map([person], post_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        if rows.is_empty() {
            self.actor(person)?;
        }
        Ok(rows)
    }

    /// Who held posts in an organisation (or state) on a day, such as the EU's High
    /// Representative. Filter the result by [`Post::title`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let data = pactum::Dataset::open()?;
    /// let day = NaiveDate::from_ymd_opt(2024, 11, 1).unwrap();
    /// let holders = data.office_holders("eu", day)?;
    /// assert!(holders.iter().any(|p| p.person == "josep-borrell" && p.title.starts_with("High Representative")));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Actor`](crate::Entity::Actor) if no actor has the id `organisation`.
    /// A known actor without office holders on that day is an empty list.
    pub fn office_holders(&self, organisation: &str, on: NaiveDate) -> Result<Vec<Post>> {
        let sql = format!(
            "SELECT fact, person, title, organisation, valid_from, valid_to FROM post \
             WHERE organisation = ?1 AND {VALID_ON} ORDER BY title, person"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let rows: Vec<_> =
            stmt.query_map(params![organisation, iso(on)], post_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        if rows.is_empty() {
            self.actor(organisation)?;
        }
        Ok(rows)
    }
}
