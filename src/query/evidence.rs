//! Sources, evidence and disagreements.

use rusqlite::{OptionalExtension, Row};

use super::{date_opt, fact, parse};
use crate::error::{Entity, Error, Result, SqlResultExt};
use crate::{Alternative, Dataset, Evidence, FactId, Source, Sourcing};

const SOURCE_COLUMNS: &str = source_columns!();

fn source_row(r: &Row<'_>) -> rusqlite::Result<Source> {
    source_at(r, 0)
}

/// Reads [`SOURCE_COLUMNS`] starting at column `at`.
fn source_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Source> {
    Ok(Source {
        id: r.get(at)?,
        kind: parse(r, at + 1)?,
        publisher: r.get(at + 2)?,
        title: r.get(at + 3)?,
        published: date_opt(r, at + 4)?,
        url: r.get(at + 5)?,
        language: r.get(at + 6)?,
        note: r.get(at + 7)?,
    })
}

impl Dataset {
    /// The evidence behind a fact: each source, its quote and its confidence,
    /// most confident first.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let treaty = data.agreement("russia-dprk-treaty-2024")?;
    /// let evidence = data.evidence(treaty.fact)?;
    /// assert!(!evidence.is_empty());
    /// assert!(evidence.iter().all(|e| !e.quote.is_empty() && !e.source.publisher.is_empty()));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Fact`](crate::Entity::Fact) if no fact has the id `fact_id`.
    pub fn evidence(&self, fact_id: FactId) -> Result<Vec<Evidence>> {
        self.known_fact(fact_id)?;
        let sql = format!(
            "SELECT e.fact, e.quote, e.confidence, {SOURCE_COLUMNS} FROM evidence e JOIN source s ON s.id = e.source \
             WHERE e.fact = ?1 \
             ORDER BY CASE e.confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, s.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let rows = stmt
            .query_map([fact_id.0], |r| {
                Ok(Evidence { fact: fact(r, 0)?, quote: r.get(1)?, confidence: parse(r, 2)?, source: source_at(r, 3)? })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// The key a fact's id stands for: its table and natural key, such as
    /// `milestone/eu-japan-sdp/signed/-` or `actor/jp`.
    ///
    /// Fact ids are stable: from data version 2.0.0 on, a fact of the bundled data
    /// keeps its id in every later release for as long as its key is the same, and an
    /// id is never given to another key, even after its fact is gone (the numbers are
    /// kept in `schema/fact_ids.tsv`). Cite a fact by its id and the data version. In
    /// a database built from your own directories, your facts get ids from 2^40 up,
    /// derived from their keys, the same in every build while the key is.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let japan = data.actor("jp")?;
    /// assert_eq!(data.fact_key(japan.fact)?, "actor/jp");
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Fact`](crate::Entity::Fact) if no fact has the id `fact_id`.
    pub fn fact_key(&self, fact_id: FactId) -> Result<String> {
        let mut stmt = self.conn.prepare_cached("SELECT key FROM fact WHERE id = ?1").sql()?;
        let key: Option<String> = stmt.query_map([fact_id.0], |r| r.get(0)).sql()?.next().transpose().sql()?;
        key.ok_or_else(|| Error::NotFound { entity: Entity::Fact, id: fact_id.0.to_string() })
    }

    /// The values sources give for a fact's disputed fields, preferred value first.
    /// Empty when no source disagrees.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Fact`](crate::Entity::Fact) if no fact has the id `fact_id`.
    pub fn alternatives(&self, fact_id: FactId) -> Result<Vec<Alternative>> {
        self.known_fact(fact_id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT fact, subject, field, value, preferred, reason FROM alternative \
                 WHERE subject = ?1 ORDER BY field, preferred DESC, id",
            )
            .sql()?;
        let rows = stmt
            .query_map([fact_id.0], |r| {
                Ok(Alternative {
                    fact: fact(r, 0)?,
                    subject: fact(r, 1)?,
                    field: r.get(2)?,
                    value: r.get(3)?,
                    preferred: r.get(4)?,
                    reason: r.get(5)?,
                })
            })
            .sql()?;
        rows.collect::<rusqlite::Result<_>>().sql()
    }

    /// The source with this id.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Source`](crate::Entity::Source) if no source has the id `id`.
    pub fn source(&self, id: &str) -> Result<Source> {
        let sql = concat!("SELECT ", source_columns!(), " FROM source s WHERE s.id = ?1");
        self.conn
            .prepare_cached(sql)
            .sql()?
            .query_row([id], source_row)
            .optional()
            .sql()?
            .ok_or_else(|| Error::NotFound { entity: Entity::Source, id: id.to_owned() })
    }

    /// Every source, by id.
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn sources(&self) -> Result<Vec<Source>> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM source s ORDER BY s.id");
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        stmt.query_map([], source_row).sql()?.collect::<rusqlite::Result<_>>().sql()
    }

    /// How many facts rest on evidence, and how many on a primary source.
    pub fn sourcing(&self) -> Result<Sourcing> {
        self.conn
            .prepare_cached(
                "SELECT count(*), \
                        count(*) FILTER (WHERE id IN (SELECT fact FROM evidence)), \
                        count(*) FILTER (WHERE id IN (SELECT e.fact FROM evidence e JOIN source s ON s.id = e.source \
                                                      WHERE s.kind IN ('official', 'company'))) \
                 FROM fact",
            )
            .sql()?
            .query_row([], |r| {
                Ok(Sourcing { facts: r.get(0)?, with_evidence: r.get(1)?, with_primary_source: r.get(2)? })
            })
            .sql()
    }

    fn known_fact(&self, fact_id: FactId) -> Result<()> {
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM fact WHERE id = ?1")
            .sql()?
            .query_row([fact_id.0], |r| r.get(0))
            .optional()
            .sql()?;
        found.map(drop).ok_or_else(|| Error::NotFound { entity: Entity::Fact, id: fact_id.0.to_string() })
    }
}
