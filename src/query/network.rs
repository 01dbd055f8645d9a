//! Who is partnered with whom.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::agreements::{AGREEMENT_COLUMNS, agreement_row};
use super::iso;
use crate::error::{Result, SqlResultExt};
use crate::{Actor, Agreement, Dataset};

/// An actor's partner and the agreements they share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Partner {
    /// The partner.
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
    /// With `on`, only agreements in force at the end of that day count; without,
    /// every agreement that was ever concluded.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let data = pactum::Dataset::open()?;
    /// let day = NaiveDate::from_ymd_opt(2024, 6, 23).unwrap();
    /// let eu_partners: Vec<String> = data.partners("eu", Some(day))?.into_iter().map(|p| p.actor.id).collect();
    /// assert!(eu_partners.contains(&"no".to_string()));  // Norway: SDP of 28 May 2024
    /// assert!(!eu_partners.contains(&"kr".to_string())); // South Korea: not until November
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn partners(&self, actor: &str, on: Option<NaiveDate>) -> Result<Vec<Partner>> {
        self.actor(actor)?;
        let sql = format!(
            "SELECT other.actor, group_concat(DISTINCT p.agreement) FROM party p \
             JOIN party other ON other.agreement = p.agreement AND other.actor <> p.actor \
                              AND other.role IN {SIDES} \
             WHERE p.actor = ?1 AND p.role IN {SIDES} \
               AND CASE WHEN ?2 IS NULL \
                   THEN EXISTS (SELECT 1 FROM milestone_stage s WHERE s.agreement = p.agreement AND s.stage >= 3) \
                   ELSE (SELECT max(s.stage) FROM milestone_stage s \
                         WHERE s.agreement = p.agreement AND s.date_last <= ?2) = 4 END \
             GROUP BY other.actor ORDER BY other.actor"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        let rows = stmt
            .query_map(params![actor, on.map(iso)], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .sql()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .sql()?;
        rows.into_iter()
            .map(|(id, agreements)| {
                let mut agreements: Vec<String> = agreements.split(',').map(str::to_owned).collect();
                agreements.sort();
                Ok(Partner { actor: self.actor(&id)?, agreements })
            })
            .collect()
    }

    /// The agreements in which both actors take part, in any role, by id.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let ids: Vec<String> = data.between("ru", "kp")?.into_iter().map(|a| a.id).collect();
    /// assert!(ids.contains(&"russia-dprk-treaty-2024".to_string()));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn between(&self, a: &str, b: &str) -> Result<Vec<Agreement>> {
        self.actor(a)?;
        self.actor(b)?;
        let sql = format!(
            "SELECT {AGREEMENT_COLUMNS} FROM agreement g \
             WHERE g.id IN (SELECT agreement FROM party WHERE actor = ?1) \
               AND g.id IN (SELECT agreement FROM party WHERE actor = ?2) ORDER BY g.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        stmt.query_map([a, b], agreement_row).sql()?.collect::<rusqlite::Result<_>>().sql()
    }
}
