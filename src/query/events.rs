//! Events and who took part in them.

use rusqlite::{OptionalExtension, Row};

use super::{fact, parse};
use crate::error::{Entity, Error, Result, SqlResultExt};
use crate::{Dataset, Event};

const EVENT_COLUMNS: &str = event_columns!();

fn event_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: r.get(0)?,
        fact: fact(r, 1)?,
        kind: parse(r, 2)?,
        title: r.get(3)?,
        date: parse(r, 4)?,
        place: r.get(5)?,
        agreement: r.get(6)?,
        summary: r.get(7)?,
        participants: Vec::new(),
    })
}

impl Dataset {
    /// The event with this id, with its participants.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let invasion = data.event("russia-invades-ukraine")?;
    /// assert_eq!(invasion.date.to_string(), "2022-02-24");
    /// assert!(invasion.participants.contains(&"ru".to_string()));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Event`](crate::Entity::Event) if no event has the id `id`.
    pub fn event(&self, id: &str) -> Result<Event> {
        let sql = concat!("SELECT ", event_columns!(), " FROM event e WHERE e.id = ?1");
        let event = self.conn.prepare_cached(sql).sql()?.query_row([id], event_row).optional().sql()?;
        let mut event = event.ok_or_else(|| Error::NotFound { entity: Entity::Event, id: id.to_owned() })?;
        event.participants = self.participants(id)?;
        Ok(event)
    }

    /// Every event, in date order, with its participants.
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn events(&self) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM event e ORDER BY e.date, e.id");
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let mut events = stmt.query_map([], event_row).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        for event in &mut events {
            event.participants = self.participants(&event.id)?;
        }
        Ok(events)
    }

    fn participants(&self, event: &str) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT actor FROM participant WHERE event = ?1 ORDER BY actor").sql()?;
        stmt.query_map([event], |r| r.get(0)).sql()?.collect::<rusqlite::Result<_>>().sql()
    }
}
