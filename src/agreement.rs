//! Agreements and what hangs on them: parties, lifecycle, provisions, areas and line items.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;
use crate::{FactId, PartialDate};

text_enum! {
    /// What kind of instrument an agreement is.
    pub enum AgreementKind {
        /// An EU security and defence partnership.
        SecurityAndDefencePartnership = "security_and_defence_partnership",
        /// A treaty between states.
        Treaty = "treaty",
        /// A strategic partnership agreement.
        StrategicPartnershipAgreement = "strategic_partnership_agreement",
        /// A standing strategic dialogue.
        StrategicDialogue = "strategic_dialogue",
        /// A framework agreement, under which executive contracts follow.
        FrameworkAgreement = "framework_agreement",
        /// A contract to buy arms or equipment.
        ProcurementContract = "procurement_contract",
        /// A strategy or policy document.
        Strategy = "strategy",
        /// A joint statement or declaration.
        JointStatement = "joint_statement",
        /// A programme or funding instrument.
        Programme = "programme",
        /// A piece of legislation, such as an EU regulation.
        Regulation = "regulation",
    }
}

text_enum! {
    /// The legal nature of an agreement.
    pub enum LegalNature {
        /// Binding in international law once in force.
        BindingTreaty = "binding_treaty",
        /// A political commitment that binds no one in law.
        NonBindingInstrument = "non_binding_instrument",
        /// A contract under private or procurement law.
        CommercialContract = "commercial_contract",
        /// One actor's own policy.
        UnilateralPolicy = "unilateral_policy",
        /// Legislation of the European Union.
        EuLegislation = "eu_legislation",
    }
}

/// A security or defence agreement, contract, dialogue or strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Agreement {
    /// Stable id, e.g. `eu-japan-sdp`.
    pub id: String,
    /// The fact of the agreement itself — its kind, legal nature, title and summary.
    /// Its lifecycle, parties and contents are facts of their own, on the rows that
    /// [`Dataset::milestones`](crate::Dataset::milestones) and the like return.
    pub fact: FactId,
    /// What kind of instrument.
    pub kind: AgreementKind,
    /// Its legal nature.
    pub legal_nature: LegalNature,
    /// The full title, as its parties or publisher give it.
    pub title: String,
    /// Short title, if any.
    pub short_title: Option<String>,
    /// What it does, in a sentence or two.
    pub summary: String,
    /// The agreement it falls under (an executive contract's framework), if any.
    pub parent: Option<String>,
    /// The agreement it replaced, if any.
    pub supersedes: Option<String>,
}

impl Agreement {
    /// The short title if there is one, else the full title.
    pub fn label(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }
}

text_enum! {
    /// The part an actor plays in an agreement.
    pub enum Role {
        /// Bound by it (or, for a non-binding instrument, committed to it).
        Party = "party",
        /// Signed it on behalf of a party.
        Signatory = "signatory",
        /// Sells under it.
        Supplier = "supplier",
        /// Buys under it.
        Buyer = "buyer",
        /// Wrote or issued it (a strategy, a regulation).
        Author = "author",
        /// Witnessed its signature.
        Witness = "witness",
        /// Takes part without being bound.
        Participant = "participant",
    }
}

impl Role {
    /// Whether the role makes the actor one of the agreement's sides — a party,
    /// buyer or supplier — rather than a person acting for one.
    pub fn is_side(self) -> bool {
        matches!(self, Role::Party | Role::Buyer | Role::Supplier)
    }
}

/// An actor's part in an agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Party {
    /// The fact that `actor` takes part in `agreement` in this `role`; [`Dataset::evidence`](crate::Dataset::evidence)
    /// gives the sources that name it (the agreement's own, when no source names it apart).
    pub fact: FactId,
    /// The agreement's id, for [`Dataset::agreement`](crate::Dataset::agreement).
    pub agreement: String,
    /// The actor's id, for [`Dataset::actor`](crate::Dataset::actor).
    pub actor: String,
    /// What the actor does in the agreement: a side (party, buyer, supplier) or one
    /// acting for a side (signatory, witness); see [`Role::is_side`].
    pub role: Role,
    /// For a signatory, the actor they signed for.
    pub on_behalf_of: Option<String>,
}

text_enum! {
    /// A step in an agreement's life.
    pub enum MilestoneKind {
        /// An intention to conclude it was announced.
        IntentionAnnounced = "intention_announced",
        /// Negotiations began.
        NegotiationsLaunched = "negotiations_launched",
        /// Negotiations ended with an agreed text.
        NegotiationsConcluded = "negotiations_concluded",
        /// The sides agreed on it (e.g. at a summit).
        Agreed = "agreed",
        /// It was adopted or announced.
        Adopted = "adopted",
        /// It was signed.
        Signed = "signed",
        /// A party ratified it.
        Ratified = "ratified",
        /// It began to be applied before entering into force.
        ProvisionallyApplied = "provisionally_applied",
        /// It entered into force.
        EnteredIntoForce = "entered_into_force",
        /// A later agreement replaced it.
        Superseded = "superseded",
        /// It was ended.
        Terminated = "terminated",
        /// It ran out.
        Expired = "expired",
    }
}

text_enum! {
    /// Whether a milestone happened or was only reported as a goal.
    pub enum MilestoneStatus {
        /// It happened.
        Happened = "happened",
        /// A source reported it as an intention or target; it says nothing of the outcome.
        ReportedTarget = "reported_target",
    }
}

/// A dated step in an agreement's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Milestone {
    /// The fact that this step happened (or was reported as a target) on `date`;
    /// where sources disagree on the date, [`Dataset::alternatives`](crate::Dataset::alternatives) lists them.
    pub fact: FactId,
    /// The agreement's id, for [`Dataset::agreement`](crate::Dataset::agreement).
    pub agreement: String,
    /// Which step of the agreement's life, e.g. signed or entered into force.
    pub kind: MilestoneKind,
    /// Whether it happened or was a reported target.
    pub status: MilestoneStatus,
    /// When, at the precision known; `None` if unknown.
    pub date: Option<PartialDate>,
    /// The actor the step belongs to (who ratified, who announced), if any.
    pub actor: Option<String>,
    /// Where, if known.
    pub place: Option<String>,
    /// Anything a reader should know.
    pub note: Option<String>,
}

text_enum! {
    /// Where an agreement stands on a given day.
    ///
    /// Non-binding instruments, unilateral policies and commercial contracts never
    /// "enter into force" in law; they count as in force from their signature or
    /// adoption (and a non-binding instrument from the day it was agreed).
    pub enum Status {
        /// Nothing had happened yet on that day (or nothing dated is known).
        NotStarted = "not_started",
        /// An intention to conclude it had been announced.
        Planned = "planned",
        /// It was under negotiation.
        UnderNegotiation = "under_negotiation",
        /// It had been agreed or signed but was not yet in force.
        Concluded = "concluded",
        /// It was in force (or in effect).
        InForce = "in_force",
        /// It had ended: superseded, terminated or expired.
        Ended = "ended",
    }
}

impl Status {
    /// The stage number the schema's `milestone.stage` column gives this status.
    pub(crate) fn from_stage(stage: i64) -> Status {
        match stage {
            1 => Status::Planned,
            2 => Status::UnderNegotiation,
            3 => Status::Concluded,
            4 => Status::InForce,
            5 => Status::Ended,
            _ => Status::NotStarted,
        }
    }

    pub(crate) fn stage(self) -> i64 {
        match self {
            Status::NotStarted => 0,
            Status::Planned => 1,
            Status::UnderNegotiation => 2,
            Status::Concluded => 3,
            Status::InForce => 4,
            Status::Ended => 5,
        }
    }
}

text_enum! {
    /// The obligation a provision creates, on ATOP's scheme where it fits.
    pub enum Obligation {
        /// Help a party that is attacked.
        Defence = "defence",
        /// Join a party's attack.
        Offence = "offence",
        /// Stay out of a conflict a party is in.
        Neutrality = "neutrality",
        /// Not attack each other.
        NonAggression = "non_aggression",
        /// Consult in a crisis.
        Consultation = "consultation",
        /// A proposal for what the agreement could contain.
        Proposal = "proposal",
        /// Anything else worth recording.
        Other = "other",
    }
}

text_enum! {
    /// Whether a provision is in an agreement's text or was reported as a proposal.
    pub enum ProvisionStatus {
        /// In the text as concluded.
        InText = "in_text",
        /// A source reported it as proposed.
        ReportedProposal = "reported_proposal",
    }
}

/// A provision of an agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provision {
    /// The fact that the agreement contains (or was reported to propose) this
    /// provision; [`Dataset::evidence`](crate::Dataset::evidence) gives the text or report it rests on.
    pub fact: FactId,
    /// The agreement's id, for [`Dataset::agreement`](crate::Dataset::agreement).
    pub agreement: String,
    /// The article, if known.
    pub article: Option<String>,
    /// The obligation it creates.
    pub obligation: Obligation,
    /// In the text, or reported as proposed.
    pub status: ProvisionStatus,
    /// What it says, in a sentence.
    pub summary: String,
}

text_enum! {
    /// Whether an agreement covers an area in its text or was reported as planning to.
    pub enum CoverageStatus {
        /// The agreement as concluded covers the area.
        InText = "in_text",
        /// A source reported the area as planned or under consideration.
        ReportedPlan = "reported_plan",
    }
}

/// An agreement's coverage of a cooperation area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Coverage {
    /// The fact that the agreement covers (or was reported to plan to cover) the
    /// area; [`Dataset::evidence`](crate::Dataset::evidence) gives the passage that says so.
    pub fact: FactId,
    /// The agreement's id, for [`Dataset::agreement`](crate::Dataset::agreement).
    pub agreement: String,
    /// The area's slug.
    pub area: String,
    /// In the text, or reported as planned.
    pub status: CoverageStatus,
}

text_enum! {
    /// What kind of weapons system a system is.
    pub enum SystemCategory {
        /// A main battle tank.
        MainBattleTank = "main_battle_tank",
        /// A self-propelled howitzer.
        SelfPropelledHowitzer = "self_propelled_howitzer",
        /// An ammunition resupply vehicle.
        AmmunitionResupplyVehicle = "ammunition_resupply_vehicle",
        /// A combat aircraft.
        CombatAircraft = "combat_aircraft",
        /// A multiple rocket launcher.
        RocketArtillery = "rocket_artillery",
        /// A support vehicle.
        SupportVehicle = "support_vehicle",
        /// Anything else.
        Other = "other",
    }
}

/// A weapons system that contracts buy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct System {
    /// Stable id, e.g. `k9`.
    pub id: String,
    /// The system's name, e.g. `K9 Thunder 155 mm self-propelled howitzer`.
    pub name: String,
    /// What kind of weapons system it is.
    pub category: SystemCategory,
    /// The company that makes it, if known.
    pub maker: Option<String>,
}

/// What a procurement contract buys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LineItem {
    /// The fact that the contract buys this system, in this quantity and for this
    /// value; disputed quantities and values are [`Dataset::alternatives`](crate::Dataset::alternatives).
    pub fact: FactId,
    /// The id of the procurement contract, for [`Dataset::agreement`](crate::Dataset::agreement).
    pub agreement: String,
    /// The system bought.
    pub system: System,
    /// How many, if stated.
    pub quantity: Option<u32>,
    /// Whether `quantity` is a ceiling ("up to 1,000") rather than a firm number.
    pub quantity_is_maximum: bool,
    /// The value, if stated, in `currency`.
    pub value: Option<f64>,
    /// ISO 4217 code of `value`'s currency.
    pub currency: Option<String>,
    /// When deliveries begin, if stated.
    pub delivery_start: Option<PartialDate>,
    /// When deliveries end, if stated.
    pub delivery_end: Option<PartialDate>,
    /// Anything a reader should know.
    pub note: Option<String>,
}
