//! Actors: states, organisations, institutions, people, companies and groupings.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;
use crate::{FactId, PartialDate};

text_enum! {
    /// What an actor is.
    pub enum ActorKind {
        /// A sovereign state.
        State = "state",
        /// An international organisation (EU, NATO, UN).
        InternationalOrganisation = "international_organisation",
        /// A body of a state or organisation: a ministry, a parliament, the European Commission.
        Institution = "institution",
        /// A person, usually an official.
        Person = "person",
        /// A company.
        Company = "company",
        /// An informal group of actors, such as NATO's Indo-Pacific partners.
        Grouping = "grouping",
    }
}

text_enum! {
    /// What kind of other name an alias is.
    pub enum AliasKind {
        /// A short form: "EU", "ROK".
        Abbreviation = "abbreviation",
        /// A name the actor used to have.
        FormerName = "former_name",
        /// Another name in use.
        Alternative = "alternative",
        /// The name in the actor's own language.
        Native = "native",
    }
}

/// Another name an actor goes by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alias {
    /// The other name, e.g. `ROK` for the Republic of Korea.
    pub name: String,
    /// What kind of name it is.
    pub kind: AliasKind,
}

/// The codes that identify a state in other datasets. A code that could not
/// be verified is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Codes {
    /// ISO 3166-1 alpha-2, e.g. `JP`.
    pub iso_alpha2: Option<String>,
    /// ISO 3166-1 alpha-3, e.g. `JPN`.
    pub iso_alpha3: Option<String>,
    /// ISO 3166-1 numeric, e.g. 392.
    pub iso_numeric: Option<u16>,
    /// Correlates of War state number, e.g. 740.
    pub cow: Option<u16>,
    /// Wikidata item, e.g. `Q17`.
    pub wikidata: Option<String>,
}

/// A state, organisation, institution, person, company or grouping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Actor {
    /// Stable id: a state's lower-case ISO alpha-2 code (`jp`), otherwise kebab case (`eeas`).
    pub id: String,
    /// The fact that the actor exists as described here — kind, names, parent and
    /// codes; [`Dataset::evidence`](crate::Dataset::evidence) gives its sources.
    pub fact: FactId,
    /// What the actor is.
    pub kind: ActorKind,
    /// Full name.
    pub name: String,
    /// Common short name, if any.
    pub short_name: Option<String>,
    /// The organisation or state the actor belongs to, if any.
    pub parent: Option<String>,
    /// A line about the actor.
    pub description: Option<String>,
    /// Codes in other datasets (states only).
    pub codes: Codes,
    /// Other names.
    pub aliases: Vec<Alias>,
}

impl Actor {
    /// The short name if there is one, else the full name.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// An actor's membership of an organisation or grouping, with its dates
/// (`until` is the last day of membership).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Membership {
    /// The fact that `member` belonged to `organisation` from `since` to `until`;
    /// [`Dataset::evidence`](crate::Dataset::evidence) gives the sources for the membership and its dates.
    pub fact: FactId,
    /// The member's actor id, e.g. `fi`.
    pub member: String,
    /// The organisation's or grouping's actor id, e.g. `nato`.
    pub organisation: String,
    /// When membership began.
    pub since: Option<PartialDate>,
    /// The last day of membership, if it ended.
    pub until: Option<PartialDate>,
}

/// A post a person held (`until` is the last day in office).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Post {
    /// The fact that `person` held the post from `since` to `until`; [`Dataset::evidence`](crate::Dataset::evidence)
    /// gives the sources for the appointment and its dates.
    pub fact: FactId,
    /// The person's actor id, e.g. `josep-borrell`.
    pub person: String,
    /// The post's title.
    pub title: String,
    /// The organisation or state the post belongs to.
    pub organisation: String,
    /// When the person took office.
    pub since: Option<PartialDate>,
    /// The last day in office, if it ended.
    pub until: Option<PartialDate>,
}
