//! Who is partnered with whom.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::actors::{ACTOR_COLUMNS, ACTOR_WIDTH, actor_row};
use super::agreements::agreement_row;
use super::iso;
use crate::error::{Result, SqlResultExt};
use crate::{Actor, Agreement, Dataset, When};

/// An actor's partner and the agreements they share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Partner {
    /// The partner, with its aliases.
    pub actor: Actor,
    /// The ids of the agreements they share, by id.
    pub agreements: Vec<String>,
}

/// The roles that make an actor a side of an agreement (see [`Role::is_side`](crate::Role::is_side)).
const SIDES: &str = "('party', 'buyer', 'supplier')";

impl Dataset {
    /// The actors that share an agreement with `actor` as another side (party,
    /// buyer or supplier), by id.
    ///
    /// With [`When::On`] (or a plain day), only agreements in force at the end of
    /// that day count; with [`When::Ever`], every agreement that was ever concluded.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let data = pactum::Dataset::open()?;
    /// let day = NaiveDate::from_ymd_opt(2024, 6, 23).unwrap();
    /// let eu_partners: Vec<String> = data.partners("eu", day)?.into_iter().map(|p| p.actor.id).collect();
    /// assert!(eu_partners.contains(&"no".to_string()));  // Norway: SDP of 28 May 2024
    /// assert!(eu_partners.contains(&"kr".to_string())); // South Korea: crisis-management agreement, since 2016
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) if no actor has the id `actor`.
    /// A known actor without partners is an empty list.
    pub fn partners(&self, actor: &str, when: impl Into<When>) -> Result<Vec<Partner>> {
        let on = match when.into() {
            When::On(day) => Some(iso(day)),
            When::Ever => None,
        };
        let sql = format!(
            "SELECT {ACTOR_COLUMNS}, group_concat(DISTINCT p.agreement) FROM party p \
             JOIN party other ON other.agreement = p.agreement AND other.actor <> p.actor \
                              AND other.role IN {SIDES} \
             JOIN actor a ON a.id = other.actor \
             WHERE p.actor = ?1 AND p.role IN {SIDES} \
               AND CASE WHEN ?2 IS NULL \
                   THEN EXISTS (SELECT 1 FROM milestone m WHERE m.agreement = p.agreement AND m.stage >= 3) \
                   ELSE (SELECT max(m.stage) FROM milestone m \
                         WHERE m.agreement = p.agreement AND m.date_last <= ?2) = 4 END \
             GROUP BY a.id ORDER BY a.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let rows = stmt
            .query_map(params![actor, on], |r| {
                let agreements: String = r.get(ACTOR_WIDTH)?;
                let mut agreements: Vec<String> = agreements.split(',').map(str::to_owned).collect();
                agreements.sort();
                Ok(Partner { actor: actor_row(r)?, agreements })
            })
            .sql()?;
        let mut partners: Vec<Partner> = rows.collect::<rusqlite::Result<_>>().sql()?;
        if partners.is_empty() {
            self.actor(actor)?;
        }
        let mut aliases = self.aliases_of(partners.iter().map(|p| p.actor.id.as_str()))?;
        for partner in &mut partners {
            partner.actor.aliases = aliases.remove(&partner.actor.id).unwrap_or_default();
        }
        Ok(partners)
    }

    /// The agreements in which both actors take part, in any role, by id.
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) if no actor has the id `a`, or
    /// none has the id `b`.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let ids: Vec<String> = data.between("ru", "kp")?.into_iter().map(|a| a.id).collect();
    /// assert!(ids.contains(&"russia-dprk-treaty-2024".to_string()));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn between(&self, a: &str, b: &str) -> Result<Vec<Agreement>> {
        // Walk the agreements of whichever actor has fewer, and look the other up in
        // each: the cost follows the smaller side, however large the other is.
        let rows: Option<(i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT (SELECT party_rows FROM actor WHERE id = ?1), (SELECT party_rows FROM actor WHERE id = ?2)",
            )
            .sql()?
            .query_row([a, b], |r| Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?)))
            .sql()?;
        let Some((rows_a, rows_b)) = rows else {
            self.actor(a)?;
            self.actor(b)?;
            return Ok(Vec::new());
        };
        let (small, large) = if rows_a <= rows_b { (a, b) } else { (b, a) };
        let sql = concat!(
            "SELECT ",
            agreement_columns!(),
            " FROM agreement g WHERE g.id IN ( \
                 SELECT p.agreement FROM party p WHERE p.actor = ?1 \
                 AND EXISTS (SELECT 1 FROM party q WHERE q.agreement = p.agreement AND q.actor = ?2)) \
             ORDER BY g.id"
        );
        let mut stmt = self.conn.prepare_cached(sql).sql()?;
        stmt.query_map([small, large], agreement_row).sql()?.collect::<rusqlite::Result<_>>().sql()
    }
}
