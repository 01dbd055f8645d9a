//! The search indexes: every text of every row, and every way of naming an actor
//! or an agreement under its folded key.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, params};

use crate::query::{fold, script};

/// What a text of the full-text index is: its `field` column.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Column {
    Names,
    Body,
    Quotes,
}

impl Column {
    fn as_str(self) -> &'static str {
        match self {
            Column::Names => "names",
            Column::Body => "body",
            Column::Quotes => "quotes",
        }
    }
}

/// The texts to index, each with the row it belongs to.
#[derive(Default)]
pub(crate) struct Texts(Vec<(&'static str, String, Column, String)>);

impl Texts {
    pub fn add(&mut self, kind: &'static str, id: &str, column: Column, text: &str) {
        self.0.push((kind, id.to_owned(), column, text.to_owned()));
    }

    /// Adds every quote of evidence, under the row its fact belongs to.
    pub fn add_quotes(
        &mut self,
        conn: &Connection,
        owner: &std::collections::HashMap<i64, (&'static str, String)>,
    ) -> rusqlite::Result<()> {
        let mut quotes: BTreeMap<(&'static str, String), Vec<String>> = BTreeMap::new();
        let mut stmt = conn.prepare("SELECT fact, quote FROM evidence ORDER BY fact, source")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (fact, quote) = row?;
            if let Some((kind, id)) = owner.get(&fact) {
                quotes.entry((kind, id.clone())).or_default().push(quote);
            }
        }
        for ((kind, id), texts) in quotes {
            for text in texts {
                self.0.push((kind, id.clone(), Column::Quotes, text));
            }
        }
        Ok(())
    }

    /// Writes the full-text indexes: one row per text, each text of a row once, and
    /// one more row per row with its names and body together, so that a query whose
    /// words are spread over them still finds it. The trigram index holds only the
    /// texts in scripts written without spaces, the only ones searched through it.
    pub fn write(self, conn: &Connection) -> rusqlite::Result<()> {
        let texts: BTreeSet<_> = self.0.into_iter().collect();
        let mut all: BTreeMap<(&'static str, &str), Vec<&str>> = BTreeMap::new();
        let mut rowid = 0_i64;
        for (kind, id, column, text) in &texts {
            if *column != Column::Quotes {
                all.entry((kind, id)).or_default().push(text);
            }
            rowid += 1;
            let tables: &[&str] =
                if text.chars().any(script::unsegmented) { &["search", "search_trigram"] } else { &["search"] };
            for table in tables {
                conn.prepare_cached(&format!(
                    "INSERT INTO {table} (rowid, kind, ref, field, text) VALUES (?1, ?2, ?3, ?4, ?5)"
                ))?
                .execute(params![rowid, kind, id, column.as_str(), text])?;
            }
        }
        for ((kind, id), texts) in all {
            rowid += 1;
            conn.prepare_cached("INSERT INTO search (rowid, kind, ref, field, text) VALUES (?1, ?2, ?3, 'all', ?4)")?
                .execute(params![rowid, kind, id, texts.join(" · ")])?;
        }
        Ok(())
    }
}

/// Writes `search_lookup`: every way of naming an actor or an agreement, under its
/// folded key, as `Dataset::resolve` looks them up. A name with no letters or digits
/// (which the rows' checks refuse) has no key to be found by.
pub(crate) fn write_lookup(conn: &Connection) -> rusqlite::Result<()> {
    let sql = "SELECT 'actor', id, 'id', id, NULL FROM actor
        UNION ALL SELECT 'actor', id, 'iso_alpha2', iso_alpha2, NULL FROM actor WHERE iso_alpha2 IS NOT NULL
        UNION ALL SELECT 'actor', id, 'iso_alpha3', iso_alpha3, NULL FROM actor WHERE iso_alpha3 IS NOT NULL
        UNION ALL SELECT 'actor', id, 'iso_numeric', iso_numeric, NULL FROM actor WHERE iso_numeric IS NOT NULL
        UNION ALL SELECT 'actor', id, 'wikidata', wikidata, NULL FROM actor WHERE wikidata IS NOT NULL
        UNION ALL SELECT 'actor', id, 'name', name, NULL FROM actor
        UNION ALL SELECT 'actor', id, 'short_name', short_name, NULL FROM actor WHERE short_name IS NOT NULL
        UNION ALL SELECT 'actor', actor, 'alias', name, NULL FROM alias
        UNION ALL SELECT 'actor', actor, 'alias', name, language FROM name WHERE actor IS NOT NULL
        UNION ALL SELECT 'agreement', id, 'id', id, NULL FROM agreement
        UNION ALL SELECT 'agreement', id, 'title', title, NULL FROM agreement
        UNION ALL SELECT 'agreement', id, 'short_title', short_title, NULL FROM agreement WHERE short_title IS NOT NULL
        UNION ALL SELECT 'agreement', agreement, 'alias', name, language FROM name WHERE agreement IS NOT NULL";
    let mut stmt = conn.prepare(sql)?;
    let rows: Vec<(String, String, String, String, Option<String>)> = stmt
        .query_map([], |r| {
            let text = match r.get_ref(3)? {
                rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                other => other.as_str()?.to_owned(),
            };
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, text, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    for (entity, id, field, text, language) in rows {
        let key = fold::fold(&text);
        if key.is_empty() {
            continue;
        }
        conn.prepare_cached(
            "INSERT OR IGNORE INTO search_lookup (key, entity, ref, field, text, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![key, entity, id, field, text, language])?;
    }
    Ok(())
}
