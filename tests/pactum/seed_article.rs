//! One test per question a reader of the seed article might ask: "EU eyes
//! security, defense partnerships with Japan and South Korea" (Nikkei Asia,
//! 23 June 2024). Each answer comes through the typed API.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use pactum::{
    AgreementFilter, AgreementKind, CoverageStatus, Dataset, EventKind, LegalNature, MilestoneKind, MilestoneStatus,
    Obligation, PartialDate, ProvisionStatus, Role, Status,
};

use crate::support::{data, day};

const ARTICLE: &str = "nikkei-2024-06-23-eu-japan-korea";

fn published() -> NaiveDate {
    day(2024, 6, 23)
}

fn ids<T>(items: impl IntoIterator<Item = T>, id: impl Fn(T) -> String) -> BTreeSet<String> {
    items.into_iter().map(id).collect()
}

fn happened(data: &Dataset, agreement: &str, kind: MilestoneKind) -> PartialDate {
    data.milestones(agreement)
        .unwrap()
        .into_iter()
        .find(|m| m.kind == kind && m.status == MilestoneStatus::Happened)
        .and_then(|m| m.date)
        .unwrap_or_else(|| panic!("{agreement} has no dated {kind}"))
}

fn cites_the_article(data: &Dataset, fact: pactum::FactId) -> bool {
    data.evidence(fact).unwrap().iter().any(|e| e.source.id == ARTICLE)
}

#[test]
fn the_article_is_a_source_with_its_publisher_title_and_date() {
    let source = data().source(ARTICLE).unwrap();
    assert_eq!(source.publisher, "Nikkei Asia");
    assert_eq!(source.title, "EU eyes security, defense partnerships with Japan and South Korea");
    assert_eq!(source.published, Some(PartialDate::from_date(published()).unwrap()));
    // Its address could not be verified, and the note says so rather than inventing one.
    assert!(source.url.is_none() && source.note.is_some());
}

#[test]
fn the_eu_sought_partnerships_with_japan_and_south_korea_and_got_both() {
    let data = data();
    for (id, partner) in [("eu-japan-sdp", "jp"), ("eu-korea-sdp", "kr")] {
        let sdp = data.agreement(id).unwrap();
        assert_eq!(sdp.kind, AgreementKind::SecurityAndDefencePartnership);
        assert_eq!(sdp.legal_nature, LegalNature::NonBindingInstrument);
        assert!(cites_the_article(&data, sdp.fact), "{id}: the article reported the EU seeking it");
        let sides = ids(data.parties(id).unwrap().into_iter().filter(|p| p.role == Role::Party), |p| p.actor);
        assert_eq!(sides, ["eu", partner].map(String::from).into());
        assert_ne!(data.status(id, published()).unwrap(), Status::InForce, "{id} was not yet concluded in June 2024");
        assert_eq!(data.status(id, day(2024, 11, 30)).unwrap(), Status::InForce);
    }
}

#[test]
fn a_senior_commission_official_is_the_articles_source() {
    let data = data();
    let report = data.event("nikkei-report-2024-06-23").unwrap();
    assert_eq!(report.kind, EventKind::Publication);
    assert!(report.participants.contains(&"european-commission".to_string()));
    let evidence = data.evidence(report.fact).unwrap();
    assert!(evidence.iter().any(|e| e.quote.starts_with("A senior European Commission official")));
}

#[test]
fn the_year_end_target_for_japan_was_reported_and_then_met() {
    let data = data();
    let milestones = data.milestones("eu-japan-sdp").unwrap();
    let target = milestones.iter().find(|m| m.status == MilestoneStatus::ReportedTarget).expect("a reported target");
    assert_eq!(target.date, Some("2024".parse().unwrap()), "\"by the end of the year\" is a year, not a day");
    assert!(cites_the_article(&data, target.fact));
    // What happened: the partnership was adopted on 1 November 2024, inside the target year.
    let adopted = happened(&data, "eu-japan-sdp", MilestoneKind::Adopted);
    assert_eq!(adopted, PartialDate::from_ymd(2024, 11, 1).unwrap());
    assert!(target.date.unwrap().contains(adopted.first_day()));
    // A reported target never counts towards status.
    assert_eq!(data.status("eu-japan-sdp", day(2024, 10, 31)).unwrap(), Status::NotStarted);
}

#[test]
fn the_korea_partnership_followed_three_days_after_japans() {
    let data = data();
    assert_eq!(happened(&data, "eu-korea-sdp", MilestoneKind::Adopted), PartialDate::from_ymd(2024, 11, 4).unwrap());
}

#[test]
fn russia_and_north_korea_signed_their_treaty_on_the_wednesday_before_the_article() {
    let data = data();
    let signed = happened(&data, "russia-dprk-treaty-2024", MilestoneKind::Signed);
    assert_eq!(signed, PartialDate::from_ymd(2024, 6, 19).unwrap());
    assert_eq!(signed.first_day().weekday(), Weekday::Wed);
    assert!(cites_the_article(&data, data.agreement("russia-dprk-treaty-2024").unwrap().fact));
    // The 18 June date of one mirror is kept, but not preferred.
    let signed_fact = data
        .milestones("russia-dprk-treaty-2024")
        .unwrap()
        .into_iter()
        .find(|m| m.kind == MilestoneKind::Signed)
        .unwrap()
        .fact;
    let dates = data.alternatives(signed_fact).unwrap();
    assert!(dates.iter().any(|a| a.value == "2024-06-19" && a.preferred));
    assert!(dates.iter().any(|a| a.value == "2024-06-18" && !a.preferred));
}

#[test]
fn the_treaty_entered_into_force_on_4_december_2024_after_both_ratified() {
    let data = data();
    assert_eq!(
        happened(&data, "russia-dprk-treaty-2024", MilestoneKind::EnteredIntoForce),
        PartialDate::from_ymd(2024, 12, 4).unwrap()
    );
    let ratified: BTreeSet<String> = data
        .milestones("russia-dprk-treaty-2024")
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == MilestoneKind::Ratified)
        .filter_map(|m| m.actor)
        .collect();
    assert_eq!(ratified, ["kp", "ru"].map(String::from).into());
    assert_eq!(data.status("russia-dprk-treaty-2024", day(2024, 12, 3)).unwrap(), Status::Concluded);
    assert_eq!(data.status("russia-dprk-treaty-2024", day(2024, 12, 4)).unwrap(), Status::InForce);
    // It replaced the 2000 treaty, which ended that day.
    assert_eq!(
        data.agreement("russia-dprk-treaty-2024").unwrap().supersedes.as_deref(),
        Some("russia-dprk-treaty-2000")
    );
    assert_eq!(data.status("russia-dprk-treaty-2000", day(2024, 12, 4)).unwrap(), Status::Ended);
}

#[test]
fn the_treaty_includes_mutual_military_support_in_article_4() {
    let data = data();
    let provisions = data.provisions("russia-dprk-treaty-2024").unwrap();
    let article4 = provisions.iter().find(|p| p.article.as_deref() == Some("Article 4")).expect("Article 4");
    assert_eq!(article4.obligation, Obligation::Defence);
    assert!(provisions.iter().any(|p| p.obligation == Obligation::Consultation));
    let covers = ids(data.coverage("russia-dprk-treaty-2024").unwrap(), |c| c.area);
    assert!(covers.contains("mutual-military-assistance"));
}

#[test]
fn when_the_article_appeared_the_eus_only_partnerships_were_with_moldova_and_norway() {
    let data = data();
    let sdp_partners: BTreeSet<String> = data
        .agreements(
            AgreementFilter::new()
                .kind(AgreementKind::SecurityAndDefencePartnership)
                .status(Status::InForce, published()),
        )
        .unwrap()
        .into_iter()
        .flat_map(|a| data.parties(&a.id).unwrap())
        .filter(|p| p.role == Role::Party && p.actor != "eu")
        .map(|p| p.actor)
        .collect();
    assert_eq!(sdp_partners, ["md", "no"].map(String::from).into());
    // Neither is an EU member, as the article says of Norway.
    let members = ids(data.members_of("eu", published()).unwrap(), |a| a.id);
    assert!(sdp_partners.is_disjoint(&members));
    assert!(cites_the_article(&data, data.agreement("eu-norway-sdp").unwrap().fact));
}

#[test]
fn japan_was_the_first_asian_partner() {
    let data = data();
    let asian = ["jp", "kr", "in", "au"];
    let before_japan = data
        .agreements(
            AgreementFilter::new()
                .kind(AgreementKind::SecurityAndDefencePartnership)
                .status(Status::InForce, day(2024, 10, 31)),
        )
        .unwrap();
    for sdp in before_japan {
        for party in data.parties(&sdp.id).unwrap() {
            assert!(!asian.contains(&party.actor.as_str()), "{} before Japan's", sdp.id);
        }
    }
}

#[test]
fn japanese_firms_in_eu_defence_rnd_was_a_reported_proposal() {
    let data = data();
    let proposal = data
        .provisions("eu-japan-sdp")
        .unwrap()
        .into_iter()
        .find(|p| p.status == ProvisionStatus::ReportedProposal)
        .expect("the R&D proposal");
    assert!(proposal.summary.contains("research and development"));
    assert!(cites_the_article(&data, proposal.fact));
}

#[test]
fn the_areas_the_eu_would_consider_are_reported_plans_and_the_partnership_covers_them() {
    let data = data();
    let coverage = data.coverage("eu-japan-sdp").unwrap();
    let planned = ids(coverage.iter().filter(|c| c.status == CoverageStatus::ReportedPlan), |c| c.area.clone());
    let in_text = ids(coverage.iter().filter(|c| c.status == CoverageStatus::InText), |c| c.area.clone());
    for area in ["space", "cybersecurity", "fimi", "maritime-security", "non-proliferation-disarmament"] {
        assert!(planned.contains(area), "the article lists {area}");
        assert!(in_text.contains(area), "the partnership as adopted covers {area}");
    }
    // Non-proliferation is in the Japan partnership, and Kishida was Japan's prime minister.
    let posts = data.posts("fumio-kishida").unwrap();
    assert!(posts.iter().any(|p| p.title == "Prime Minister of Japan" && cites_the_article(&data, p.fact)));
}

#[test]
fn poland_ordered_k2_tanks_and_k9_howitzers_after_the_invasion() {
    let data = data();
    let invasion = data.event("russia-invades-ukraine").unwrap();
    assert_eq!(invasion.date, PartialDate::from_ymd(2022, 2, 24).unwrap());
    let mut systems = BTreeSet::new();
    for contract in
        data.agreements(AgreementFilter::new().party("pl").kind(AgreementKind::ProcurementContract)).unwrap()
    {
        let signed = happened(&data, &contract.id, MilestoneKind::Signed);
        assert!(signed > invasion.date, "{} signed {signed}", contract.id);
        systems.extend(data.line_items(&contract.id).unwrap().into_iter().map(|i| i.system.id));
    }
    assert!(systems.contains("k2") && systems.contains("k9"));
    let first_k2 = data.line_items("pl-k2-contract-1-2022").unwrap();
    assert_eq!(first_k2[0].quantity, Some(180));
    let first_k9 = data.line_items("pl-k9-contract-1-2022").unwrap();
    assert_eq!(first_k9[0].quantity, Some(212));
}

#[test]
fn which_european_states_ordered_k9_howitzers() {
    let data = data();
    let mut buyers = BTreeSet::new();
    for contract in data.agreements(AgreementFilter::new().area("arms-transfers")).unwrap() {
        if data.line_items(&contract.id).unwrap().iter().any(|i| i.system.id == "k9") {
            buyers.extend(
                data.parties(&contract.id).unwrap().into_iter().filter(|p| p.role == Role::Buyer).map(|p| p.actor),
            );
        }
    }
    buyers.remove("au"); // Australia's AS9 is a K9 too, but not in Europe.
    assert_eq!(buyers, ["ee", "fi", "no", "pl", "ro"].map(String::from).into());
}

#[test]
fn romania_finland_and_estonia_buy_korean_weapons_too() {
    let data = data();
    for state in ["ro", "fi", "ee"] {
        let contracts = data.agreements(AgreementFilter::new().party(state).area("arms-transfers")).unwrap();
        assert!(!contracts.is_empty(), "{state}");
        for contract in &contracts {
            let supplier = data.parties(&contract.id).unwrap().into_iter().find(|p| p.role == Role::Supplier).unwrap();
            let korean = data.actor(&supplier.actor).unwrap().parent.as_deref() == Some("kr");
            assert!(korean, "{}: supplier {} is not South Korean", contract.id, supplier.actor);
        }
        assert!(contracts.iter().any(|c| cites_the_article(&data, c.fact)), "{state}: the article says so");
    }
}

#[test]
fn the_eu_published_its_first_defence_industrial_strategy_in_march_2024() {
    let data = data();
    let edis = data.agreement("edis").unwrap();
    assert_eq!(edis.kind, AgreementKind::Strategy);
    let adopted = happened(&data, "edis", MilestoneKind::Adopted);
    assert_eq!(adopted, PartialDate::from_ymd(2024, 3, 5).unwrap());
    assert!(cites_the_article(&data, edis.fact));
}

#[test]
fn the_july_2023_summit_agreed_a_ministerial_strategic_dialogue() {
    let data = data();
    let summit = data.event("eu-japan-summit-2023").unwrap();
    assert_eq!(summit.date, PartialDate::from_ymd(2023, 7, 13).unwrap());
    assert_eq!(happened(&data, "eu-japan-strategic-dialogue", MilestoneKind::Agreed), summit.date);
    // The first session is where the partnership was announced.
    let first = data.event("eu-japan-strategic-dialogue-1").unwrap();
    assert_eq!(first.date, PartialDate::from_ymd(2024, 11, 1).unwrap());
}

#[test]
fn the_june_2023_interview_rests_on_the_article_alone_and_says_so() {
    let data = data();
    let interview = data.event("von-der-leyen-nikkei-interview-2023").unwrap();
    assert_eq!(interview.date, "2023-06".parse().unwrap());
    let evidence = data.evidence(interview.fact).unwrap();
    assert!(evidence.iter().all(|e| e.source.id == ARTICLE && e.confidence == pactum::Confidence::Low));
    assert!(interview.participants.contains(&"ursula-von-der-leyen".to_string()));
}

#[test]
fn who_was_the_eus_high_representative_when_each_partnership_was_concluded() {
    let data = data();
    let hr = |on| {
        data.office_holders("eu", on)
            .unwrap()
            .into_iter()
            .filter(|p| p.title.starts_with("High Representative"))
            .map(|p| p.person)
            .collect::<Vec<_>>()
    };
    assert_eq!(hr(day(2024, 11, 1)), ["josep-borrell"]);
    assert_eq!(hr(day(2025, 6, 23)), ["kaja-kallas"]);
}
