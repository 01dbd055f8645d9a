//! What one query may cost: wall-clock time per statement, what raw SQL may
//! return, the length of values and statements, and a handle to cancel a query
//! from another thread.

use std::cell::Cell;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::limits::Limit as SqliteLimit;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, SqlResultExt};

/// What one query on a [`Dataset`](crate::Dataset) may cost. Every handle starts
/// with [`Budget::default()`]; change it with
/// [`Dataset::set_budget`](crate::Dataset::set_budget). Going over any part of it
/// stops the query with [`Error::OverBudget`], which names the part; no row is
/// ever dropped silently.
///
/// The defaults suit a service that runs SQL typed by strangers, as
/// [Datasette](https://docs.datasette.io/en/stable/settings.html) does: one
/// second per raw statement, and results that fit comfortably in memory. Typed
/// queries get a far wider time budget, which none of them comes near even on a
/// million agreements.
///
/// ```
/// use std::time::Duration;
/// let mut data = pactum::Dataset::open()?;
/// let mut budget = pactum::Budget::default();
/// budget.sql_time = Duration::from_secs(5);
/// budget.rows = 1_000_000;
/// data.set_budget(budget)?;
/// assert_eq!(data.budget().sql_time, Duration::from_secs(5));
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Budget {
    /// Wall-clock time one raw SQL statement ([`Dataset::query_raw`](crate::Dataset::query_raw))
    /// may run. Default: 1 s, Datasette's `sql_time_limit_ms`.
    pub sql_time: Duration,
    /// Wall-clock time one statement of a typed query (or of
    /// [`Dataset::verify`](crate::Dataset::verify)) may run. Default: 10 minutes, a
    /// safety net rather than a service's limit: on a million agreements, on a busy
    /// two-core machine, the slowest typed queries (the network over all time,
    /// exporting the evidence table) take about 20 s, and `verify` about 4 minutes.
    pub query_time: Duration,
    /// Rows one raw query may return. Default: 100,000.
    pub rows: u64,
    /// Bytes one raw query's result may take in memory: each value's text or
    /// blob, plus the size of a [`Value`](crate::raw::Value). Default: 64 MiB.
    pub bytes: u64,
    /// Bytes in one string or blob, anywhere in a statement, whether computed
    /// (`randomblob`, `printf`, `group_concat`, …) or read from a file (SQLite's
    /// `SQLITE_LIMIT_LENGTH`). Default: 2 MiB, "a few million bytes" as SQLite
    /// advises for untrusted input; pactum's own longest value is a few kilobytes.
    pub value_length: u32,
    /// Bytes in one SQL statement (SQLite's `SQLITE_LIMIT_SQL_LENGTH`).
    /// Default: 100,000, SQLite's advice for untrusted input.
    pub sql_length: u32,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            sql_time: Duration::from_secs(1),
            query_time: Duration::from_secs(600),
            rows: 100_000,
            bytes: 64 << 20,
            value_length: 2 << 20,
            sql_length: 100_000,
        }
    }
}

/// The part of a [`Budget`] a query went over, with the amount it allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Limit {
    /// [`Budget::sql_time`].
    SqlTime(Duration),
    /// [`Budget::query_time`].
    QueryTime(Duration),
    /// [`Budget::rows`].
    Rows(u64),
    /// [`Budget::bytes`].
    Bytes(u64),
    /// [`Budget::value_length`].
    ValueLength(u32),
    /// [`Budget::sql_length`].
    SqlLength(u32),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::SqlTime(t) => write!(f, "{t:?} per raw SQL statement (Budget::sql_time)"),
            Limit::QueryTime(t) => write!(f, "{t:?} per statement of a typed query (Budget::query_time)"),
            Limit::Rows(n) => write!(f, "{n} rows per raw query (Budget::rows)"),
            Limit::Bytes(n) => write!(f, "{n} bytes per raw query result (Budget::bytes)"),
            Limit::ValueLength(n) => write!(f, "{n} bytes per string or blob (Budget::value_length)"),
            Limit::SqlLength(n) => write!(f, "{n} bytes per SQL statement (Budget::sql_length)"),
        }
    }
}

/// Stops the query running on a [`Dataset`](crate::Dataset) from any thread; get
/// one with [`Dataset::cancel_handle`](crate::Dataset::cancel_handle). The query
/// fails with [`Error::Cancelled`]; queries started after the call run normally.
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let cancel = data.cancel_handle();
/// let worker = std::thread::spawn(move || cancel.cancel());
/// worker.join().unwrap();
/// // Nothing was running when it was called, so this query runs.
/// assert!(data.query_raw("SELECT count(*) FROM evidence", &[]).is_ok());
///
/// let forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
/// let cancel = data.cancel_handle();
/// let canceller = std::thread::spawn(move || {
///     std::thread::sleep(std::time::Duration::from_millis(50));
///     cancel.cancel();
/// });
/// assert!(matches!(data.query_raw(forever, &[]), Err(pactum::Error::Cancelled)));
/// canceller.join().unwrap();
/// # Ok::<(), pactum::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CancelHandle(Arc<Clock>);

impl CancelHandle {
    /// Stops the statement running on the handle, if any, at SQLite's next check
    /// (within microseconds).
    pub fn cancel(&self) {
        self.0.cancels.fetch_add(1, Relaxed);
    }
}

/// How often SQLite's progress handler runs, in virtual machine instructions: a
/// few microseconds apart, so that a time limit or a cancel takes effect within
/// microseconds while the check itself (reading the clock) costs well under 1%.
const CHECK_EVERY: i32 = 1_000;

/// The clock shared by a handle's progress handler, its statement tracer and its
/// cancel handles.
#[derive(Debug)]
struct Clock {
    epoch: Instant,
    /// When the running statement began, in nanoseconds since `epoch`.
    started: AtomicU64,
    /// The nanoseconds the running statement may take.
    allowed: AtomicU64,
    /// Whether the running statement is raw SQL, whose time is `sql_time`.
    raw: AtomicBool,
    /// How many times a cancel handle was used, and how many of those uses
    /// came before the running statement began.
    cancels: AtomicU64,
    cancels_seen: AtomicU64,
    value_length: AtomicU32,
}

impl Clock {
    fn now(&self) -> u64 {
        self.epoch.elapsed().as_nanos().try_into().unwrap_or(u64::MAX)
    }

    /// Starts the running statement's clock, forgetting earlier cancels.
    fn start(&self) {
        self.started.store(self.now(), Relaxed);
        self.cancels_seen.store(self.cancels.load(Relaxed), Relaxed);
    }

    /// Why the running statement must stop now, if it must.
    fn overrun(&self) -> Option<Stop> {
        if self.cancels.load(Relaxed) != self.cancels_seen.load(Relaxed) {
            return Some(Stop::Cancelled);
        }
        let allowed = self.allowed.load(Relaxed);
        if self.now().saturating_sub(self.started.load(Relaxed)) <= allowed {
            return None;
        }
        let allowed = Duration::from_nanos(allowed);
        Some(Stop::Over(if self.raw.load(Relaxed) { Limit::SqlTime(allowed) } else { Limit::QueryTime(allowed) }))
    }
}

/// Why SQLite was told to stop a statement.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Cancelled,
    Over(Limit),
}

thread_local! {
    // SQLite reports an interrupted statement and a too-long value with bare
    // codes; the handler and tracer of the handle running on this thread (the
    // one that gets the error) leave here what the error should say.
    static STOPPED: Cell<Option<Stop>> = const { Cell::new(None) };
    static VALUE_LENGTH: Cell<u32> = const { Cell::new(0) };
}

/// The error for a statement SQLite interrupted.
pub(crate) fn interrupted() -> Error {
    match STOPPED.take() {
        Some(Stop::Over(limit)) => Error::OverBudget { limit },
        Some(Stop::Cancelled) | None => Error::Cancelled,
    }
}

/// The error for a string or blob longer than the value length allows.
pub(crate) fn too_big() -> Error {
    Error::OverBudget { limit: Limit::ValueLength(VALUE_LENGTH.get()) }
}

/// A handle's budget and the machinery that enforces it.
#[derive(Debug)]
pub(crate) struct Meter {
    budget: Budget,
    clock: Arc<Clock>,
}

impl Meter {
    /// Installs the default budget's enforcement on `conn`.
    pub(crate) fn install(conn: &mut Connection) -> Result<Meter> {
        let budget = Budget::default();
        let clock = Arc::new(Clock {
            epoch: Instant::now(),
            started: AtomicU64::new(0),
            allowed: AtomicU64::new(nanos(budget.query_time)),
            raw: AtomicBool::new(false),
            cancels: AtomicU64::new(0),
            cancels_seen: AtomicU64::new(0),
            value_length: AtomicU32::new(budget.value_length),
        });
        let handler = Arc::clone(&clock);
        conn.progress_handler(
            CHECK_EVERY,
            Some(move || match handler.overrun() {
                Some(stop) => {
                    STOPPED.set(Some(stop));
                    true
                }
                None => false,
            }),
        )
        .sql()?;
        // Every statement, typed or raw, starts its own clock when SQLite first
        // runs it. A statement run while another is running (SQLite marks its
        // text with "-- ") counts against the outer one's time instead.
        let tracer = Arc::clone(&clock);
        conn.trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(_, sql) = event {
                    VALUE_LENGTH.set(tracer.value_length.load(Relaxed));
                    if !sql.starts_with("-- ") {
                        tracer.start();
                    }
                }
            }),
        )
        .sql()?;
        let meter = Meter { budget, clock };
        meter.apply_limits(conn)?;
        Ok(meter)
    }

    pub(crate) fn budget(&self) -> Budget {
        self.budget
    }

    pub(crate) fn set(&mut self, conn: &Connection, budget: Budget) -> Result<()> {
        self.budget = budget;
        self.clock.allowed.store(nanos(budget.query_time), Relaxed);
        self.clock.value_length.store(budget.value_length, Relaxed);
        self.apply_limits(conn)
    }

    fn apply_limits(&self, conn: &Connection) -> Result<()> {
        // Both at most i32::MAX, which is also SQLite's own ceiling.
        let clamp = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        conn.set_limit(SqliteLimit::SQLITE_LIMIT_LENGTH, clamp(self.budget.value_length)).sql()?;
        conn.set_limit(SqliteLimit::SQLITE_LIMIT_SQL_LENGTH, clamp(self.budget.sql_length)).sql()?;
        Ok(())
    }

    pub(crate) fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(Arc::clone(&self.clock))
    }

    /// Runs raw SQL under the raw budget: its clock starts now, before SQLite
    /// parses the statement, and runs on `sql_time`.
    pub(crate) fn raw<T>(&self, sql: &str, run: impl FnOnce(Tally) -> Result<T>) -> Result<T> {
        let length = self.budget.sql_length;
        if sql.len() > length as usize {
            return Err(Error::OverBudget { limit: Limit::SqlLength(length) });
        }
        self.clock.allowed.store(nanos(self.budget.sql_time), Relaxed);
        self.clock.raw.store(true, Relaxed);
        VALUE_LENGTH.set(self.budget.value_length);
        self.clock.start();
        let result = run(Tally { budget: self.budget, rows: 0, bytes: 0 });
        self.clock.raw.store(false, Relaxed);
        self.clock.allowed.store(nanos(self.budget.query_time), Relaxed);
        result
    }
}

/// Counts what a raw query returns against its budget.
pub(crate) struct Tally {
    budget: Budget,
    rows: u64,
    bytes: u64,
}

impl Tally {
    /// No limit on rows or bytes, for pactum's own statements.
    pub(crate) fn unlimited() -> Tally {
        Tally { budget: Budget { rows: u64::MAX, bytes: u64::MAX, ..Budget::default() }, rows: 0, bytes: 0 }
    }

    /// Counts one more row of `bytes` bytes.
    pub(crate) fn row(&mut self, bytes: usize) -> Result<()> {
        self.rows += 1;
        self.bytes = self.bytes.saturating_add(bytes as u64);
        if self.rows > self.budget.rows {
            return Err(Error::OverBudget { limit: Limit::Rows(self.budget.rows) });
        }
        if self.bytes > self.budget.bytes {
            return Err(Error::OverBudget { limit: Limit::Bytes(self.budget.bytes) });
        }
        Ok(())
    }
}

fn nanos(time: Duration) -> u64 {
    time.as_nanos().try_into().unwrap_or(u64::MAX)
}

impl crate::Dataset {
    /// Changes this handle's budget, for the queries it runs from now on.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] only if SQLite refuses to set a limit, which it does not
    /// for any value a [`Budget`] holds.
    ///
    /// ```
    /// use std::time::Duration;
    /// use pactum::{Budget, Error, Limit};
    /// let mut data = pactum::Dataset::open()?;
    /// let mut budget = Budget::default();
    /// budget.rows = 10;
    /// data.set_budget(budget)?;
    /// let err = data.query_raw("SELECT id FROM actor", &[]).unwrap_err();
    /// assert!(matches!(err, Error::OverBudget { limit: Limit::Rows(10) }));
    /// assert!(err.to_string().contains("Budget::rows"));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn set_budget(&mut self, budget: Budget) -> Result<()> {
        self.meter.set(&self.conn, budget)
    }

    /// This handle's budget: [`Budget::default()`] unless changed with
    /// [`Dataset::set_budget`](crate::Dataset::set_budget).
    pub fn budget(&self) -> Budget {
        self.meter.budget()
    }

    /// A handle that stops this handle's running query from another thread.
    pub fn cancel_handle(&self) -> CancelHandle {
        self.meter.cancel_handle()
    }
}
