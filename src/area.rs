//! The controlled vocabulary of cooperation areas.

use serde::{Deserialize, Serialize};

/// A cooperation area, such as `maritime-security` or `fimi`.
///
/// Areas form a hierarchy: `defence-rnd` sits under `defence-industry`, and a
/// query for an area includes its sub-areas. Slugs are stable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Area {
    /// Stable slug, e.g. `maritime-security`.
    pub id: String,
    /// The broader area, if any.
    pub parent: Option<String>,
    /// The name to show, e.g. `Maritime security`.
    pub name: String,
    /// What the area covers.
    pub definition: String,
}
