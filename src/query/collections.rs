//! Collections, their members and their enumerating lists.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Row};

use super::{date_opt, parse};
use crate::error::{Entity, Error, Result, SqlResultExt};
use crate::{Collection, CollectionEntry, Dataset, FactId, PartialDate};

/// Each collection's agreement ids and event ids.
type Members = BTreeMap<String, (Vec<String>, Vec<String>)>;

const COLLECTION_COLUMNS: &str = "c.id, c.fact, c.title, c.definition, c.status, c.missing, c.complete_through";

fn collection_row(r: &Row<'_>) -> rusqlite::Result<Collection> {
    Ok(Collection {
        id: r.get(0)?,
        fact: r.get::<_, Option<i64>>(1)?.map(FactId),
        title: r.get(2)?,
        definition: r.get(3)?,
        status: parse(r, 4)?,
        missing: r.get(5)?,
        complete_through: date_opt(r, 6)?,
        agreements: Vec::new(),
        events: Vec::new(),
    })
}

impl Dataset {
    /// Every collection, by id, with its members: the scope the data declares.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// for c in data.collections()? {
    ///     println!("{}: {} ({}, through {:?})", c.id, c.title, c.status, c.complete_through);
    /// }
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn collections(&self) -> Result<Vec<Collection>> {
        let sql = format!("SELECT {COLLECTION_COLUMNS} FROM collection c ORDER BY c.id");
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let mut collections: Vec<Collection> =
            stmt.query_map([], collection_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        let mut members = self.members(None)?;
        for c in &mut collections {
            if let Some((agreements, events)) = members.remove(&c.id) {
                (c.agreements, c.events) = (agreements, events);
            }
        }
        Ok(collections)
    }

    /// The collection with this id, with its members.
    pub fn collection(&self, id: &str) -> Result<Collection> {
        let sql = format!("SELECT {COLLECTION_COLUMNS} FROM collection c WHERE c.id = ?1");
        let found = self.conn.prepare_cached(&sql).sql()?.query_row([id], collection_row).optional().sql()?;
        let mut collection = found.ok_or_else(|| not_found(id))?;
        if let Some((agreements, events)) = self.members(Some(id))?.remove(id) {
            (collection.agreements, collection.events) = (agreements, events);
        }
        Ok(collection)
    }

    /// A collection's enumerating list, in the order of its source, each entry with
    /// the agreement that answers it.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// for collection in data.collections()? {
    ///     for entry in data.collection_entries(&collection.id)? {
    ///         println!("{}: {} -> {:?}", collection.id, entry.label, entry.agreement);
    ///     }
    /// }
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn collection_entries(&self, collection: &str) -> Result<Vec<CollectionEntry>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT fact, collection, label, agreement FROM collection_entry WHERE collection = ?1 ORDER BY id",
            )
            .sql()?;
        let rows: Vec<CollectionEntry> = stmt
            .query_map([collection], |r| {
                Ok(CollectionEntry {
                    fact: FactId(r.get(0)?),
                    collection: r.get(1)?,
                    label: r.get(2)?,
                    agreement: r.get(3)?,
                })
            })
            .sql()?
            .collect::<rusqlite::Result<_>>()
            .sql()?;
        if rows.is_empty() {
            self.collection(collection)?;
        }
        Ok(rows)
    }

    /// The ids of the collections an agreement belongs to.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let ids = data.collections_of("eu-japan-sdp")?;
    /// assert!(ids.iter().all(|id| data.collection(id).is_ok()));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn collections_of(&self, agreement: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT collection FROM collection_member WHERE agreement = ?1 ORDER BY collection")
            .sql()?;
        let rows = stmt.query_map([agreement], |r| r.get(0)).sql()?.collect::<rusqlite::Result<_>>().sql()?;
        self.nonempty_or_known(agreement, rows)
    }

    /// The date the data is current through: its release's, or, in a database built
    /// without a release of its own, the latest date through which any collection is
    /// declared complete (its `complete_through`). `None` if neither is given. No
    /// collection is complete through a later date than the release.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let latest = data.collections()?.into_iter().filter_map(|c| c.complete_through).max_by_key(|d| d.last_day());
    /// let as_of = data.as_of()?.unwrap();
    /// assert!(latest.unwrap().last_day() <= as_of.last_day());
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn as_of(&self) -> Result<Option<PartialDate>> {
        let released: Option<PartialDate> = self
            .conn
            .prepare_cached("SELECT current_through FROM release WHERE current_through IS NOT NULL")
            .sql()?
            .query_map([], |r| parse(r, 0))
            .sql()?
            .next()
            .transpose()
            .sql()?;
        if released.is_some() {
            return Ok(released);
        }
        self.conn
            .prepare_cached(
                "SELECT complete_through FROM collection WHERE complete_through IS NOT NULL \
                 ORDER BY complete_through_last DESC, length(complete_through) DESC LIMIT 1",
            )
            .sql()?
            .query_map([], |r| parse(r, 0))
            .sql()?
            .next()
            .transpose()
            .sql()
    }

    /// The version of the data: its own release, in semver (patch for corrections,
    /// minor for additions, major for removed ids or ids whose meaning changed), as
    /// `schema/CHANGELOG.md` lists them. `None` for a database built without one.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let version = data.data_version()?.unwrap();
    /// assert!(version.major >= 2);
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn data_version(&self) -> Result<Option<semver::Version>> {
        let text: Option<String> = self
            .conn
            .prepare_cached("SELECT version FROM release WHERE version IS NOT NULL")
            .sql()?
            .query_map([], |r| r.get(0))
            .sql()?
            .next()
            .transpose()
            .sql()?;
        text.map(|t| {
            semver::Version::parse(&t).map_err(|_| crate::Error::UnknownValue { kind: "data version", value: t })
        })
        .transpose()
    }

    /// The agreement and event ids of one collection (or of all), by collection.
    fn members(&self, only: Option<&str>) -> Result<Members> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT collection, agreement, event FROM collection_member \
                 WHERE ?1 IS NULL OR collection = ?1 ORDER BY collection, agreement, event",
            )
            .sql()?;
        let rows = stmt
            .query_map([only], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get(2)?)))
            .sql()?;
        let mut members = Members::new();
        for row in rows {
            let (collection, agreement, event): (String, Option<String>, Option<String>) = row.sql()?;
            let (agreements, events) = members.entry(collection).or_default();
            agreements.extend(agreement);
            events.extend(event);
        }
        Ok(members)
    }
}

fn not_found(collection: &str) -> Error {
    Error::NotFound { entity: Entity::Collection, id: collection.to_owned() }
}
