//! The as-of answers from memory: each agreement's stages, in-force intervals and
//! sides, read once from the image and kept, so that `status`, `in_force` and
//! `partners` cost a lookup instead of a query.
//!
//! An image never changes once built, so what is read from it stays true: handles
//! opened on the same image (the bundled one above all) share one index, and a
//! handle on a user's file keeps its own. Nothing is read when a handle opens;
//! each part is read by the first query that needs it, under that query's budget.
//! The parts answer exactly as the SQL of [`lifecycle`](super::lifecycle) does, a
//! differential test holds them to it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rusqlite::Connection;

use super::agreements::{AGREEMENT_COLUMNS, agreement_row};
use super::lifecycle::{EVER_CONCLUDED, SIDES, in_force_on};
use super::words::Words;
use super::{DayKey, day_key};
use crate::error::{Result, SqlResultExt};
use crate::{Actor, Agreement, Dataset, Status, When};

/// Where a handle finds its index: shared by every handle on the same image, or
/// its own for a file.
pub(crate) struct Slot {
    image: Option<&'static [u8]>,
    index: OnceLock<Arc<Index>>,
}

impl Slot {
    /// The index of an image, shared with every other handle on it.
    pub(crate) fn shared(image: &'static [u8]) -> Slot {
        Slot { image: Some(image), index: OnceLock::new() }
    }

    /// An index of the handle's own.
    pub(crate) fn own() -> Slot {
        Slot { image: None, index: OnceLock::new() }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| self.image.map_or_else(Arc::default, of_image))
    }
}

impl fmt::Debug for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read = self.index.get().is_some_and(|index| index.lifecycles.get().is_some());
        f.debug_struct("Slot").field("shared", &self.image.is_some()).field("read", &read).finish()
    }
}

/// The index of an image, by the image's address and length: a `'static` image
/// is never freed nor changed, so they name it for the life of the program.
fn of_image(image: &'static [u8]) -> Arc<Index> {
    /// An image's address and length, and its index.
    type Shared = ((usize, usize), Arc<Index>);
    static SHARED: Mutex<Vec<Shared>> = Mutex::new(Vec::new());
    let key = (image.as_ptr() as usize, image.len());
    let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, index)) = shared.iter().find(|(k, _)| *k == key) {
        return Arc::clone(index);
    }
    let index = Arc::<Index>::default();
    shared.push((key, Arc::clone(&index)));
    index
}

/// The parts of an index, each read when first needed.
#[derive(Default)]
struct Index {
    lifecycles: OnceLock<Lifecycles>,
    /// The rows of the agreements ever in force, by agreement number.
    agreements: OnceLock<Vec<Option<Agreement>>>,
    /// The rows of the actors that are sides, with their aliases, by actor number.
    actors: OnceLock<Vec<Option<Actor>>>,
    /// The texts of the words index and their words, if they can answer as FTS5 does.
    words: OnceLock<Option<Words>>,
}

/// Every agreement id the lifecycle and side rules mention, numbered in id order
/// (SQLite's text order), with what those rules read of each.
struct Lifecycles {
    agreements: Vec<Box<str>>,
    agreement_numbers: HashMap<Box<str>, u32>,
    lives: Vec<Life>,
    /// The actors that are sides of an agreement, numbered in id order.
    actors: Vec<Box<str>>,
    /// Each actor's agreements as a side, by number, ascending.
    sides_of: HashMap<Box<str>, Vec<u32>>,
}

#[derive(Default)]
struct Life {
    /// Whether the agreement has a row of its own (the id may come from elsewhere
    /// in a damaged file).
    known: bool,
    /// The stages reached, with the day each was reached (`stage_reached`).
    stages: Vec<(i64, Box<str>)>,
    /// Its periods in force (`in_force_interval`): first day, first day after.
    intervals: Vec<(Box<str>, Option<Box<str>>)>,
    /// Whether it was ever concluded.
    concluded: bool,
    /// Its sides, by actor number, ascending.
    sides: Vec<u32>,
}

impl Life {
    fn counts(&self, when: When, day: &DayKey) -> bool {
        match when {
            When::On(_) => self.in_force(day),
            When::Ever => self.concluded,
        }
    }

    fn in_force(&self, day: &DayKey) -> bool {
        self.intervals.iter().any(|(start, end)| in_force_on(start, end.as_deref(), day))
    }
}

impl Lifecycles {
    fn read(conn: &Connection) -> Result<Lifecycles> {
        let mut lives: HashMap<Box<str>, Life> = HashMap::new();
        for id in rows(conn, "SELECT id FROM agreement", [], |r| r.get::<_, String>(0))? {
            lives.entry(id.into()).or_default().known = true;
        }
        let stages = "SELECT agreement, stage, since FROM stage_reached WHERE since IS NOT NULL";
        for (id, stage, since) in
            rows(conn, stages, [], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?)))?
        {
            lives.entry(id.into()).or_default().stages.push((stage, since.into()));
        }
        let intervals = "SELECT agreement, start, \"end\" FROM in_force_interval";
        let read = |r: &rusqlite::Row<'_>| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        };
        for (id, start, end) in rows(conn, intervals, [], read)? {
            lives.entry(id.into()).or_default().intervals.push((start.into(), end.map(Into::into)));
        }
        for id in rows(conn, EVER_CONCLUDED, [Option::<String>::None], |r| r.get::<_, String>(0))? {
            lives.entry(id.into()).or_default().concluded = true;
        }
        let sides = format!("SELECT DISTINCT agreement, actor FROM party WHERE role IN {SIDES}");
        let sides = rows(conn, &sides, [], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut actors: Vec<Box<str>> = sides.iter().map(|(_, actor)| actor.as_str().into()).collect();
        actors.sort_unstable();
        actors.dedup();
        for (agreement, _) in &sides {
            lives.entry(agreement.as_str().into()).or_default();
        }
        let mut agreements: Vec<Box<str>> = lives.keys().cloned().collect();
        agreements.sort_unstable();
        let agreement_numbers: HashMap<Box<str>, u32> =
            agreements.iter().enumerate().map(|(i, id)| (id.clone(), i as u32)).collect();
        let mut numbered: Vec<Life> = agreements.iter().map(|id| lives.remove(id).unwrap_or_default()).collect();
        let actor_numbers: HashMap<&str, u32> = actors.iter().enumerate().map(|(i, a)| (&**a, i as u32)).collect();
        let mut sides_of: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (agreement, actor) in &sides {
            let number = agreement_numbers[agreement.as_str()];
            numbered[number as usize].sides.push(actor_numbers[actor.as_str()]);
            sides_of.entry(actor.as_str().into()).or_default().push(number);
        }
        for life in &mut numbered {
            life.sides.sort_unstable();
        }
        for agreements in sides_of.values_mut() {
            agreements.sort_unstable();
        }
        Ok(Lifecycles { agreements, agreement_numbers, lives: numbered, actors, sides_of })
    }
}

/// Every row of a statement, read by `read`.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql).sql()?;
    let rows = stmt.query_map(params, read).sql()?;
    rows.collect::<rusqlite::Result<_>>().sql()
}

/// A part of the index, read by `read` if no handle has read it yet.
fn part<T>(cell: &OnceLock<T>, read: impl FnOnce() -> Result<T>) -> Result<&T> {
    if let Some(done) = cell.get() {
        return Ok(done);
    }
    let read = read()?;
    // Another handle may have read it meanwhile; either copy is the same.
    Ok(cell.get_or_init(|| read))
}

impl Dataset {
    /// The words index in memory, or `None` where FTS5 must answer.
    pub(crate) fn words(&self) -> Result<Option<&Words>> {
        part(&self.index.index().words, || Words::read(&self.conn)).map(Option::as_ref)
    }

    fn lifecycles(&self) -> Result<&Lifecycles> {
        part(&self.index.index().lifecycles, || Lifecycles::read(&self.conn))
    }

    /// An agreement's status at the end of `day`, or `None` for an unknown id: the
    /// highest stage it had reached by then, as [`Dataset::status`] defines it.
    pub(super) fn indexed_status(&self, agreement: &str, day: chrono::NaiveDate) -> Result<Option<Status>> {
        let lifecycles = self.lifecycles()?;
        let Some(life) = lifecycles.agreement_numbers.get(agreement).map(|&n| &lifecycles.lives[n as usize]) else {
            return Ok(None);
        };
        if !life.known {
            return Ok(None);
        }
        let day = day_key(day);
        let reached = life.stages.iter().filter(|(_, since)| since.as_bytes() <= day.as_slice()).map(|(s, _)| *s);
        Ok(Some(Status::from_stage(reached.max().unwrap_or(0))))
    }

    /// The agreements in force at the end of `day`, by id.
    pub(super) fn indexed_in_force(&self, day: chrono::NaiveDate) -> Result<Vec<Agreement>> {
        let lifecycles = self.lifecycles()?;
        let rows = self.agreement_rows()?;
        let day = day_key(day);
        let found = lifecycles.lives.iter().zip(rows).filter(|(life, _)| life.in_force(&day));
        Ok(found.filter_map(|(_, row)| row.clone()).collect())
    }

    /// The rows of the agreements ever in force, by agreement number.
    fn agreement_rows(&self) -> Result<&[Option<Agreement>]> {
        let lifecycles = self.lifecycles()?;
        let rows = part(&self.index.index().agreements, || {
            let sql = format!(
                "SELECT {AGREEMENT_COLUMNS} FROM agreement g WHERE g.id IN (SELECT agreement FROM in_force_interval)"
            );
            let mut stmt = self.conn.prepare(&sql).sql()?;
            let mut rows: Vec<Option<Agreement>> = vec![None; lifecycles.agreements.len()];
            for row in stmt.query_map([], agreement_row).sql()? {
                let row = row.sql()?;
                if let Some(&n) = lifecycles.agreement_numbers.get(row.id.as_str()) {
                    rows[n as usize] = Some(row);
                }
            }
            Ok(rows)
        })?;
        Ok(rows)
    }

    /// The rows of the actors that are sides, with their aliases, by actor number.
    fn side_rows_of_actors(&self) -> Result<&[Option<Actor>]> {
        let lifecycles = self.lifecycles()?;
        let rows = part(&self.index.index().actors, || {
            let mut rows: Vec<Option<Actor>> = vec![None; lifecycles.actors.len()];
            for row in self.side_actors()? {
                if let Ok(n) = lifecycles.actors.binary_search_by(|id| (**id).cmp(row.id.as_str())) {
                    rows[n] = Some(row);
                }
            }
            Ok(rows)
        })?;
        Ok(rows)
    }

    /// The sides of the agreements in force at the end of `day`, as
    /// [`Dataset::network`](crate::Dataset::network) reads them: by agreement id, its
    /// sides in id order; an agreement or a side without a row of its own (only in a
    /// damaged file) left out, as the SQL's joins leave it out.
    #[cfg(feature = "graph")]
    pub(super) fn indexed_side_rows(&self, day: chrono::NaiveDate) -> Result<Vec<super::network::SideRow>> {
        let lifecycles = self.lifecycles()?;
        let (agreements, actors) = (self.agreement_rows()?, self.side_rows_of_actors()?);
        let day = day_key(day);
        let mut rows = Vec::new();
        for (life, agreement) in lifecycles.lives.iter().zip(agreements) {
            let Some(g) = agreement.as_ref().filter(|_| life.in_force(&day)) else { continue };
            for actor in life.sides.iter().filter_map(|&side| actors[side as usize].as_ref()) {
                rows.push(super::network::SideRow {
                    agreement: g.id.clone(),
                    kind: g.kind,
                    title: g.title.clone(),
                    actor: actor.id.clone(),
                    actor_kind: actor.kind,
                    label: actor.short_name.clone().unwrap_or_else(|| actor.name.clone()),
                });
            }
        }
        Ok(rows)
    }

    /// The partners of `actor` for `when`, each with the agreements they share, by
    /// id; empty for an actor that is no side of any agreement that counts.
    pub(super) fn indexed_partners(&self, actor: &str, when: When) -> Result<Vec<(Actor, Vec<String>)>> {
        let lifecycles = self.lifecycles()?;
        let Some(agreements) = lifecycles.sides_of.get(actor) else {
            return Ok(Vec::new());
        };
        let day = match when {
            When::On(day) => day_key(day),
            When::Ever => day_key(chrono::NaiveDate::MIN),
        };
        let mut shared: Vec<(u32, u32)> = Vec::new();
        for &agreement in agreements {
            let life = &lifecycles.lives[agreement as usize];
            if life.counts(when, &day) {
                let others = life.sides.iter().filter(|&&side| &*lifecycles.actors[side as usize] != actor);
                shared.extend(others.map(|&side| (side, agreement)));
            }
        }
        if shared.is_empty() {
            return Ok(Vec::new());
        }
        shared.sort_unstable();
        let rows = self.side_rows_of_actors()?;
        let mut partners = Vec::new();
        for group in shared.chunk_by(|a, b| a.0 == b.0) {
            // A side without a row of its own (only in a damaged file) is no partner,
            // as the join with `actor` has it.
            if let Some(partner) = &rows[group[0].0 as usize] {
                let agreements = group.iter().map(|&(_, g)| lifecycles.agreements[g as usize].to_string()).collect();
                partners.push((partner.clone(), agreements));
            }
        }
        Ok(partners)
    }
}

#[cfg(all(test, feature = "bundled"))]
mod tests {
    use crate::Dataset;

    fn index_of(data: &Dataset) -> *const super::Index {
        data.index.index() as *const _
    }

    #[test]
    fn handles_on_the_bundled_image_share_one_index() {
        let (a, b) = (Dataset::open().unwrap(), Dataset::open_image(Dataset::bundled_image()).unwrap());
        assert_eq!(index_of(&a), index_of(&b));
        let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        a.status("eu-japan-sdp", day).unwrap();
        assert!(b.index.index().lifecycles.get().is_some(), "b sees what a read");
    }

    #[test]
    fn opening_reads_nothing() {
        let data = Dataset::open().unwrap();
        assert!(data.index.index.get().is_none());
        assert!(format!("{data:?}").contains("read"));
    }

    #[test]
    fn a_handle_on_an_image_of_its_own_has_its_own_index() {
        let copy: &'static [u8] = Box::leak(Dataset::bundled_image().to_vec().into_boxed_slice());
        let (a, b) = (Dataset::open().unwrap(), Dataset::open_image(copy).unwrap());
        assert_ne!(index_of(&a), index_of(&b));
        let own = super::Slot::own();
        assert!(!std::ptr::eq(own.index(), super::Slot::own().index()));
    }
}
