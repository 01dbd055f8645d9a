//! The data files' rows as the builder reads them: pactum's own enums and dates,
//! each row with the place in its file where it starts.

use serde::Deserialize;
use toml::Spanned;

use crate::{
    ActorKind, AgreementKind, AliasKind, CollectionStatus, Confidence, CoverageStatus, EventKind, LegalNature,
    MilestoneKind, MilestoneStatus, Obligation, PartialDate, ProvisionStatus, Role, SourceKind, SystemCategory,
};

/// One data file: every kind of row it may hold, each optional.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct DataFile {
    #[serde(default)]
    pub source: Vec<Spanned<SourceIn>>,
    #[serde(default)]
    pub area: Vec<Spanned<AreaIn>>,
    #[serde(default)]
    pub actor: Vec<Spanned<ActorIn>>,
    #[serde(default)]
    pub membership: Vec<Spanned<MembershipIn>>,
    #[serde(default)]
    pub post: Vec<Spanned<PostIn>>,
    #[serde(default)]
    pub system: Vec<Spanned<SystemIn>>,
    #[serde(default)]
    pub agreement: Vec<Spanned<AgreementIn>>,
    #[serde(default)]
    pub event: Vec<Spanned<EventIn>>,
    #[serde(default)]
    pub collection: Vec<Spanned<CollectionIn>>,
    #[serde(default)]
    pub collection_entry: Vec<Spanned<CollectionEntryIn>>,
    #[serde(default)]
    pub name: Vec<Spanned<NameIn>>,
    #[serde(default)]
    pub amend: Vec<Spanned<AmendIn>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvidenceIn {
    pub source: String,
    pub quote: String,
    pub confidence: Confidence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AlternativeIn {
    pub field: String,
    pub value: String,
    pub preferred: bool,
    pub reason: String,
    pub evidence: Vec<EvidenceIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceIn {
    pub id: String,
    pub kind: SourceKind,
    pub publisher: String,
    pub title: String,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AreaIn {
    pub id: String,
    pub parent: Option<String>,
    pub name: String,
    pub definition: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AliasIn {
    pub name: String,
    pub kind: AliasKind,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorIn {
    pub id: String,
    pub kind: ActorKind,
    pub name: String,
    pub short_name: Option<String>,
    pub parent: Option<String>,
    pub description: Option<String>,
    pub iso_alpha2: Option<String>,
    pub iso_alpha3: Option<String>,
    pub iso_numeric: Option<i64>,
    pub cow_code: Option<i64>,
    pub wikidata: Option<String>,
    #[serde(default)]
    pub aliases: Vec<AliasIn>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MembershipIn {
    pub member: String,
    pub organisation: String,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PostIn {
    pub person: String,
    pub title: String,
    pub organisation: String,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SystemIn {
    pub id: String,
    pub name: String,
    pub category: SystemCategory,
    pub maker: Option<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AgreementIn {
    pub id: String,
    pub kind: AgreementKind,
    pub legal_nature: LegalNature,
    pub title: String,
    pub short_title: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub collections: Vec<String>,
    pub parent: Option<String>,
    pub supersedes: Option<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
    #[serde(default)]
    pub party: Vec<Spanned<PartyIn>>,
    #[serde(default)]
    pub milestone: Vec<Spanned<MilestoneIn>>,
    #[serde(default)]
    pub provision: Vec<Spanned<ProvisionIn>>,
    #[serde(default)]
    pub area: Vec<Spanned<CoverageIn>>,
    #[serde(default)]
    pub item: Vec<Spanned<ItemIn>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartyIn {
    pub actor: String,
    pub role: Role,
    pub on_behalf_of: Option<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MilestoneIn {
    pub kind: MilestoneKind,
    pub status: Option<MilestoneStatus>,
    pub date: Option<PartialDate>,
    pub actor: Option<String>,
    pub place: Option<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProvisionIn {
    pub article: Option<String>,
    pub obligation: Obligation,
    pub status: Option<ProvisionStatus>,
    pub summary: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CoverageIn {
    pub area: String,
    pub status: Option<CoverageStatus>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemIn {
    pub system: String,
    pub quantity: Option<i64>,
    #[serde(default)]
    pub quantity_is_maximum: bool,
    pub value: Option<f64>,
    pub currency: Option<String>,
    pub delivery_start: Option<PartialDate>,
    pub delivery_end: Option<PartialDate>,
    pub note: Option<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventIn {
    pub id: String,
    pub kind: EventKind,
    pub title: String,
    pub date: PartialDate,
    pub place: Option<String>,
    pub agreement: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub collections: Vec<String>,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CollectionIn {
    pub id: String,
    pub title: String,
    pub definition: String,
    pub status: CollectionStatus,
    pub missing: Option<String>,
    pub complete_through: Option<PartialDate>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CollectionEntryIn {
    pub collection: String,
    pub label: String,
    pub agreement: Option<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

/// A name of an actor or a title of an agreement in one language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NameIn {
    pub actor: Option<String>,
    pub agreement: Option<String>,
    pub name: String,
    pub language: String,
    pub kind: AliasKind,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
}

/// A user's addition to a fact of the data underneath: more evidence, other
/// values with their evidence, or a value replaced, said so.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AmendIn {
    pub fact: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceIn>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeIn>,
    #[serde(default, rename = "override")]
    pub overrides: Vec<OverrideIn>,
}

/// A value of a fact replaced by a user's data, with the reason and evidence.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OverrideIn {
    pub field: String,
    pub value: String,
    pub reason: String,
    pub evidence: Vec<EvidenceIn>,
}
