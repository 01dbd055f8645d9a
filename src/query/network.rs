//! Who is partnered with whom.

use serde::{Deserialize, Serialize};

use super::agreements::agreement_row;
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
    /// let eu_partners = data.partners("eu", day)?;
    /// let shared = |id: &str| eu_partners.iter().find(|p| p.actor.id == id).map(|p| p.agreements.clone());
    /// assert!(shared("no").unwrap().contains(&"eu-norway-sdp".to_string())); // SDP of 28 May 2024
    /// // South Korea: a framework participation agreement since 2016, the SDP not until November.
    /// assert_eq!(shared("kr").unwrap(), ["eu-korea-fpa"]);
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) if no actor has the id `actor`.
    /// A known actor without partners is an empty list.
    pub fn partners(&self, actor: &str, when: impl Into<When>) -> Result<Vec<Partner>> {
        let found = self.indexed_partners(actor, when.into())?;
        if found.is_empty() {
            self.actor(actor)?;
        }
        Ok(found.into_iter().map(|(actor, agreements)| Partner { actor, agreements }).collect())
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

/// One side of one agreement that counts for a [`When`], as the network is built
/// from it.
#[cfg(feature = "graph")]
pub(crate) struct SideRow {
    pub agreement: String,
    pub kind: crate::AgreementKind,
    pub title: String,
    pub actor: String,
    pub actor_kind: crate::ActorKind,
    pub label: String,
}

#[cfg(feature = "graph")]
impl Dataset {
    /// The sides of the agreements that count for `when`, grouped by agreement with
    /// its sides in id order.
    pub(crate) fn side_rows(&self, when: When) -> Result<Vec<SideRow>> {
        use super::lifecycle::SIDES;
        if let When::On(day) = when {
            return self.indexed_side_rows(day);
        }
        let (counting, day) = super::lifecycle::counting(when);
        let sql = format!(
            "SELECT g.id, g.kind, g.title, a.id, a.kind, coalesce(a.short_name, a.name) \
             FROM agreement g \
             JOIN party p ON p.agreement = g.id AND p.role IN {SIDES} \
             JOIN actor a ON a.id = p.actor \
             WHERE g.id IN ({counting}) \
             GROUP BY g.id, a.id ORDER BY g.id, a.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).sql()?;
        stmt.query_map(rusqlite::named_params! {":day": day}, |r| {
            Ok(SideRow {
                agreement: r.get(0)?,
                kind: super::parse(r, 1)?,
                title: r.get(2)?,
                actor: r.get(3)?,
                actor_kind: super::parse(r, 4)?,
                label: r.get(5)?,
            })
        })
        .sql()?
        .collect::<rusqlite::Result<_>>()
        .sql()
    }
}
