//! Collections, their members and their enumerating lists.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Row};

use super::{date_opt, parse};
use crate::error::{Error, Result, SqlResultExt};
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

    /// The date the data is current to: the latest date through which any collection
    /// is declared complete (its `complete_through`), at the precision given. `None`
    /// if no collection gives one.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let latest = data.collections()?.into_iter().filter_map(|c| c.complete_through).max_by_key(|d| d.last_day());
    /// assert_eq!(data.as_of()?.map(|d| d.last_day()), latest.map(|d| d.last_day()));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn as_of(&self) -> Result<Option<PartialDate>> {
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
    Error::NotFound { kind: "collection", id: collection.to_owned(), listing: "collections" }
}
