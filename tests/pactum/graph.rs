//! The partnership network and the timeline picture: what they contain, and that
//! the files they write are well formed.

use chrono::NaiveDate;
use pactum::graph::Network;
use pactum::{ActorKind, AgreementKind, Dataset, When};
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::support::{day, skip};

fn seed_day_network() -> Network {
    Dataset::open().unwrap().network(day(2024, 6, 23)).unwrap()
}

fn node_ids(network: &Network) -> Vec<&str> {
    network.nodes().map(|n| n.id.as_str()).collect()
}

fn joined(network: &Network, a: &str, b: &str) -> Vec<String> {
    network
        .edges()
        .filter(|(x, y, _)| (x.id == a && y.id == b) || (x.id == b && y.id == a))
        .map(|(_, _, e)| e.agreement.clone())
        .collect()
}

/// An XML document read to its end: element names, attribute values and text.
#[derive(Default)]
struct Xml {
    root: String,
    elements: Vec<String>,
    attributes: Vec<(String, String)>,
    text: String,
}

/// Reads the whole document with quick-xml, failing on anything ill-formed:
/// mismatched or missing end tags, bad attributes, unknown entities, text outside
/// the root, or more than one root.
fn parse_xml(xml: &str) -> Xml {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut doc = Xml::default();
    let mut depth = 0usize;
    let mut roots = 0;
    let mut open = |doc: &mut Xml, name: String, depth: usize| {
        if depth == 0 {
            roots += 1;
            assert_eq!(roots, 1, "more than one root element");
            doc.root = name.clone();
        }
        doc.elements.push(name);
    };
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("ill-formed XML at {}: {e}", reader.error_position())) {
            Event::Start(e) => {
                open(&mut doc, String::from_utf8(e.name().as_ref().to_vec()).unwrap(), depth);
                attributes(&mut doc, &e);
                depth += 1;
            }
            Event::Empty(e) => {
                open(&mut doc, String::from_utf8(e.name().as_ref().to_vec()).unwrap(), depth);
                attributes(&mut doc, &e);
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                let text = t.decode().unwrap();
                assert!(depth > 0 || text.trim().is_empty(), "text outside the root element: {text:?}");
                doc.text.push_str(&text);
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().unwrap();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_else(|| panic!("unknown entity &{name};"))
                            .to_owned()
                    }
                };
                doc.text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "the document ends inside an element");
    assert_eq!(roots, 1, "no root element");
    doc
}

fn attributes(doc: &mut Xml, element: &quick_xml::events::BytesStart<'_>) {
    for attribute in element.attributes() {
        let attribute = attribute.expect("a well-formed attribute");
        let name = String::from_utf8(attribute.key.as_ref().to_vec()).unwrap();
        let value = attribute.unescape_value().expect("a well-formed attribute value").into_owned();
        doc.attributes.push((name, value));
    }
}

#[test]
fn on_the_seed_day_the_network_holds_the_eu_and_its_partners_moldova_and_norway() {
    let network = seed_day_network();
    let ids = node_ids(&network);
    for id in ["eu", "md", "no"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(joined(&network, "eu", "md"), ["eu-moldova-sdp"]);
    assert_eq!(joined(&network, "eu", "no"), ["eu-norway-sdp"]);
}

#[test]
fn south_korea_is_not_yet_the_eus_partner_on_the_seed_day_but_is_by_the_end_of_2024() {
    // South Korea is in the network through its older ties (the UK–ROK Downing
    // Street Accord, NATO's partnership programme), but not joined to the EU.
    let data = Dataset::open().unwrap();
    assert!(joined(&seed_day_network(), "eu", "kr").is_empty());
    assert_eq!(joined(&data.network(day(2024, 12, 31)).unwrap(), "eu", "kr"), ["eu-korea-sdp"]);
}

#[test]
fn on_a_day_before_any_agreement_the_network_is_empty() {
    let network = Dataset::open().unwrap().network(day(1900, 1, 1)).unwrap();
    assert_eq!(network.nodes().len(), 0);
    assert_eq!(network.edges().len(), 0);
    assert!(parse_xml(&network.to_graphml()).elements.contains(&"graph".to_string()));
}

#[test]
fn nodes_are_the_sides_of_agreements_never_signatories() {
    let data = Dataset::open().unwrap();
    let network = data.network(When::Ever).unwrap();
    assert!(network.nodes().all(|n| n.kind != ActorKind::Person), "people sign for sides; they are not sides");
    let eu = network.nodes().find(|n| n.id == "eu").unwrap();
    assert_eq!(eu.kind, ActorKind::InternationalOrganisation);
    assert_eq!(eu.label, data.actor("eu").unwrap().label());
}

#[test]
fn every_agreement_makes_one_edge_per_pair_of_its_sides() {
    let network = Dataset::open().unwrap().network(When::Ever).unwrap();
    // AUKUS joins three states: three pairs.
    let aukus: Vec<(&str, &str)> = network
        .edges()
        .filter(|(_, _, e)| e.agreement == "aukus")
        .map(|(a, b, _)| (a.id.as_str(), b.id.as_str()))
        .collect();
    assert_eq!(aukus, [("au", "gb"), ("au", "us"), ("gb", "us")]);
    let treaty = network.edges().find(|(_, _, e)| e.agreement == "russia-dprk-treaty-2024").unwrap().2;
    assert_eq!(treaty.kind, AgreementKind::Treaty);
    assert!(treaty.title.contains("Comprehensive Strategic Partnership"), "{}", treaty.title);
}

#[test]
fn the_whole_span_network_holds_every_day_network() {
    let data = Dataset::open().unwrap();
    let all = data.network(When::Ever).unwrap();
    let ids = node_ids(&all);
    for on in [day(2000, 1, 1), day(2024, 6, 23), day(2025, 6, 1)] {
        for id in node_ids(&data.network(on).unwrap()) {
            assert!(ids.contains(&id), "{id} on {on} but not in the whole-span network");
        }
    }
}

#[test]
fn dot_names_the_actors_with_their_ids_and_colours_them_by_kind() {
    let dot = seed_day_network().to_dot();
    assert!(dot.starts_with("graph pactum {"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    for id in ["eu", "md", "no"] {
        assert!(dot.contains(&format!("id=\"{id}\"")), "no node {id} in\n{dot}");
    }
    assert!(dot.contains("label=\"Moldova\""));
    assert!(dot.contains("fillcolor=\"#E69F00\""), "the EU is filled as an organisation");
    assert!(dot.contains("id=\"eu-moldova-sdp/eu/md\""), "edges carry their agreement");
    assert!(dot.contains(" -- "), "the graph is undirected");
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());
}

#[test]
fn graphml_is_well_formed_xml_with_the_actors_and_agreements_as_attributes() {
    let xml = parse_xml(&seed_day_network().to_graphml());
    assert_eq!(xml.root, "graphml");
    for key in ["actor", "label", "actor_kind", "agreement", "title", "agreement_kind"] {
        assert!(xml.attributes.contains(&("attr.name".to_string(), key.to_string())), "no key {key}");
    }
    for text in ["eu", "md", "no", "Moldova", "eu-moldova-sdp", "eu-norway-sdp", "security_and_defence_partnership"] {
        assert!(xml.text.lines().any(|l| l.trim() == text), "{text} not in the GraphML");
    }
    assert!(!xml.text.lines().any(|l| l.trim() == "eu-korea-sdp"));
}

#[test]
fn graphml_is_the_same_from_run_to_run() {
    assert_eq!(seed_day_network().to_graphml(), seed_day_network().to_graphml());
}

#[test]
fn japans_timeline_is_well_formed_svg_naming_its_agreements() {
    let data = Dataset::open().unwrap();
    let xml = parse_xml(&data.timeline_svg("jp").unwrap());
    assert_eq!(xml.root, "svg");
    assert!(xml.attributes.contains(&("xmlns".to_string(), "http://www.w3.org/2000/svg".to_string())));
    assert!(xml.text.contains("Japan"));
    for agreement in ["eu-japan-sdp", "japan-uk-raa", "gigo-convention"] {
        assert!(xml.text.contains(agreement), "{agreement} not in Japan's timeline");
    }
    assert!(xml.elements.iter().any(|e| e == "circle"), "dated milestones are marked");
}

#[test]
fn a_timeline_of_an_unknown_actor_is_an_error_not_a_picture() {
    let data = Dataset::open().unwrap();
    assert!(matches!(data.timeline_svg("atlantis"), Err(pactum::Error::NotFound { .. })));
    assert!(matches!(data.timeline_svg("<svg>\"&"), Err(pactum::Error::NotFound { .. })));
}

#[test]
fn days_far_outside_the_calendar_of_the_data_give_empty_or_whole_networks_not_errors() {
    let data = Dataset::open().unwrap();
    assert_eq!(data.network(NaiveDate::MIN).unwrap().nodes().len(), 0);
    let end_of_time = data.network(NaiveDate::MAX).unwrap();
    let today = data.network(day(2026, 12, 31)).unwrap();
    assert_eq!(node_ids(&end_of_time), node_ids(&today));
}

#[test]
#[should_panic(expected = "ill-formed XML")]
fn the_xml_check_itself_rejects_a_mismatched_end_tag() {
    parse_xml("<svg><g></svg>");
}

#[test]
#[should_panic(expected = "ends inside an element")]
fn the_xml_check_itself_rejects_an_unclosed_root() {
    parse_xml("<graphml><graph/>");
}

#[test]
#[ignore = "drives Graphviz's `dot`: cargo test --test pactum -- --ignored"]
fn graphviz_renders_the_network_as_well_formed_svg_naming_the_partners() {
    let dot = seed_day_network().to_dot();
    let child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return skip("Graphviz's `dot`", &format!("cannot be started ({e}); apt-get install graphviz")),
    };
    use std::io::Write;
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "dot -Tsvg failed");
    let svg = String::from_utf8(output.stdout).unwrap();
    parse_xml(&svg);
    for name in ["Moldova", "Norway", "European Union"] {
        assert!(svg.contains(name), "the SVG does not name {name}");
    }
}
