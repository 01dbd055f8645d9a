//! The partnership network over time: every edge with the spells it was in force,
//! for Gephi's timeline (GEXF in dynamic mode), GraphML with start and end
//! attributes, and series of days swept from the spells.
//!
//! ```
//! use chrono::{Days, NaiveDate};
//! let data = pactum::Dataset::open()?;
//! let temporal = data.temporal_network()?;
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // The network of any one day is the edges whose spells hold it.
//! assert_eq!(temporal.on(day(2024, 6, 23)).count(), data.network(day(2024, 6, 23))?.edges().count());
//! // A daily series costs one sweep over the spells, not one query per day.
//! let changes = temporal.series(day(2014, 1, 1), day(2026, 12, 31), Days::new(1));
//! assert_eq!(changes.count(), 4_748);
//! # Ok::<(), pactum::Error>(())
//! ```

use std::collections::BTreeMap;
use std::io;

use chrono::{Days, NaiveDate};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use crate::error::Result;
use crate::graph::Node;
use crate::{AgreementKind, Dataset, When};

/// A period in force: from `start` to the day before `end`, or open while `end`
/// is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Spell {
    /// The first day in force.
    pub start: NaiveDate,
    /// The first day no longer in force, if it has ended.
    pub end: Option<NaiveDate>,
}

impl Spell {
    /// Whether the spell holds at the end of `day`.
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|end| day < end)
    }
}

/// One agreement joining two actors, with the spells it was in force.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct TemporalEdge {
    /// The actor with the lower id.
    pub source: String,
    /// The other actor.
    pub target: String,
    /// The agreement's id.
    pub agreement: String,
    /// What kind of instrument it is.
    pub kind: AgreementKind,
    /// When it was in force, earliest first.
    pub spells: Vec<Spell>,
}

/// Every edge that was ever in force, with its spells: see [`Dataset::temporal_network`].
#[derive(Debug, Clone)]
pub struct TemporalNetwork {
    nodes: Vec<Node>,
    edges: Vec<TemporalEdge>,
}

/// What changed on one day of a [`TemporalNetwork::series`]: the edges that came
/// into force since the day before, and those that left it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change<'a> {
    /// The day of the step.
    pub day: NaiveDate,
    /// Edges in force at the end of `day` that were not at the previous step.
    pub added: Vec<&'a TemporalEdge>,
    /// Edges in force at the previous step that are not at the end of `day`.
    pub removed: Vec<&'a TemporalEdge>,
}

impl Dataset {
    /// The partnership network over time: the sides of every agreement that was
    /// ever in force, one edge per agreement and pair of its sides, each with the
    /// spells the agreement was in force. The same rules as [`Dataset::network`]:
    /// `network(day)` has exactly the edges whose spells hold `day`.
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    pub fn temporal_network(&self) -> Result<TemporalNetwork> {
        let mut spells: BTreeMap<String, Vec<Spell>> = BTreeMap::new();
        for spell in self.in_force_spells()? {
            spells.entry(spell.agreement).or_default().push(Spell { start: spell.start, end: spell.end });
        }
        let rows = self.side_rows(When::Ever)?;
        let mut nodes: BTreeMap<&str, Node> = BTreeMap::new();
        let mut edges = Vec::new();
        for group in rows.chunk_by(|a, b| a.agreement == b.agreement) {
            let Some(spells) = spells.get(&group[0].agreement) else { continue };
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    for side in [a, b] {
                        nodes.entry(&side.actor).or_insert_with(|| Node {
                            id: side.actor.clone(),
                            label: side.label.clone(),
                            kind: side.actor_kind,
                        });
                    }
                    edges.push(TemporalEdge {
                        source: a.actor.clone(),
                        target: b.actor.clone(),
                        agreement: a.agreement.clone(),
                        kind: a.kind,
                        spells: spells.clone(),
                    });
                }
            }
        }
        Ok(TemporalNetwork { nodes: nodes.into_values().collect(), edges })
    }
}

impl TemporalNetwork {
    /// The actors, sorted by id.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The edges, sorted by agreement and then by their actors.
    pub fn edges(&self) -> &[TemporalEdge] {
        &self.edges
    }

    /// The edges in force at the end of `day`.
    pub fn on(&self, day: NaiveDate) -> impl Iterator<Item = &TemporalEdge> {
        self.edges.iter().filter(move |e| e.spells.iter().any(|s| s.holds(day)))
    }

    /// The network from `from` to `to` (both included) every `step` days, as the
    /// changes at each step: the first step adds every edge in force on `from`.
    /// One sweep over the spells sorted once, so the cost grows with the number of
    /// spells plus the number of steps.
    pub fn series(&self, from: NaiveDate, to: NaiveDate, step: Days) -> impl Iterator<Item = Change<'_>> {
        // Each spell becomes two events: it is in force from `start` and out from `end`.
        let mut events: Vec<(NaiveDate, bool, usize)> = Vec::new();
        for (i, edge) in self.edges.iter().enumerate() {
            for spell in &edge.spells {
                events.push((spell.start, true, i));
                if let Some(end) = spell.end {
                    events.push((end, false, i));
                }
            }
        }
        events.sort_unstable();
        let mut active = vec![0u32; self.edges.len()];
        let mut next = 0;
        let mut day = Some(from).filter(|&d| d <= to);
        std::iter::from_fn(move || {
            let today = day?;
            day = today.checked_add_days(step).filter(|&d| d <= to && d > today);
            let mut was = Vec::new();
            while let Some(&(_, starts, edge)) = events.get(next).filter(|e| e.0 <= today) {
                was.push((edge, active[edge] > 0));
                if starts {
                    active[edge] += 1;
                } else {
                    active[edge] = active[edge].saturating_sub(1);
                }
                next += 1;
            }
            was.sort_unstable();
            was.dedup_by_key(|(edge, _)| *edge);
            let mut change = Change { day: today, added: Vec::new(), removed: Vec::new() };
            for (edge, before) in was {
                match (before, active[edge] > 0) {
                    (false, true) => change.added.push(&self.edges[edge]),
                    (true, false) => change.removed.push(&self.edges[edge]),
                    _ => {}
                }
            }
            Some(change)
        })
    }

    /// The network as GEXF 1.3 in dynamic mode, for Gephi's timeline: each edge
    /// carries its spells (`start` included, `end` excluded, as days), each node its
    /// label.
    pub fn to_gexf(&self) -> String {
        // Writing XML into memory cannot fail, and quick-xml writes UTF-8.
        String::from_utf8(self.write_gexf().expect("writing to memory")).expect("quick-xml writes UTF-8")
    }

    fn write_gexf(&self) -> io::Result<Vec<u8>> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("gexf")
            .with_attribute(("xmlns", "http://gexf.net/1.3"))
            .with_attribute(("version", "1.3"))
            .write_inner_content(|w| {
                w.create_element("graph")
                    .with_attribute(("mode", "dynamic"))
                    .with_attribute(("defaultedgetype", "undirected"))
                    .with_attribute(("timeformat", "date"))
                    .with_attribute(("timerepresentation", "interval"))
                    .write_inner_content(|w| {
                        w.create_element("nodes").write_inner_content(|w| {
                            for node in &self.nodes {
                                w.create_element("node")
                                    .with_attribute(("id", node.id.as_str()))
                                    .with_attribute(("label", node.label.as_str()))
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                        w.create_element("edges").write_inner_content(|w| {
                            for (i, edge) in self.edges.iter().enumerate() {
                                w.create_element("edge")
                                    .with_attribute(("id", i.to_string().as_str()))
                                    .with_attribute(("source", edge.source.as_str()))
                                    .with_attribute(("target", edge.target.as_str()))
                                    .with_attribute(("label", edge.agreement.as_str()))
                                    .with_attribute(("kind", edge.kind.as_str()))
                                    .write_inner_content(|w| {
                                        w.create_element("spells").write_inner_content(|w| {
                                            for spell in &edge.spells {
                                                let start = spell.start.to_string();
                                                let mut element =
                                                    w.create_element("spell").with_attribute(("start", start.as_str()));
                                                let end = spell.end.map(|end| end.to_string());
                                                if let Some(end) = &end {
                                                    element = element.with_attribute(("endopen", end.as_str()));
                                                }
                                                element.write_empty()?;
                                            }
                                            Ok(())
                                        })?;
                                        Ok(())
                                    })?;
                            }
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(w.into_inner())
    }

    /// The network as GraphML: one edge per spell, with the attributes
    /// `agreement`, `agreement_kind`, `start` and `end` (empty while in force);
    /// nodes carry `label` and `actor_kind`.
    pub fn to_graphml(&self) -> String {
        // Writing XML into memory cannot fail, and quick-xml writes UTF-8.
        String::from_utf8(self.write_graphml().expect("writing to memory")).expect("quick-xml writes UTF-8")
    }

    fn write_graphml(&self) -> io::Result<Vec<u8>> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("graphml")
            .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
            .write_inner_content(|w| {
                for (key, on) in [
                    ("label", "node"),
                    ("actor_kind", "node"),
                    ("agreement", "edge"),
                    ("agreement_kind", "edge"),
                    ("start", "edge"),
                    ("end", "edge"),
                ] {
                    w.create_element("key")
                        .with_attribute(("id", key))
                        .with_attribute(("for", on))
                        .with_attribute(("attr.name", key))
                        .with_attribute(("attr.type", "string"))
                        .write_empty()?;
                }
                w.create_element("graph").with_attribute(("edgedefault", "undirected")).write_inner_content(|w| {
                    for node in &self.nodes {
                        w.create_element("node").with_attribute(("id", node.id.as_str())).write_inner_content(|w| {
                            data(w, "label", &node.label)?;
                            data(w, "actor_kind", node.kind.as_str())
                        })?;
                    }
                    for edge in &self.edges {
                        for spell in &edge.spells {
                            w.create_element("edge")
                                .with_attribute(("source", edge.source.as_str()))
                                .with_attribute(("target", edge.target.as_str()))
                                .write_inner_content(|w| {
                                    data(w, "agreement", &edge.agreement)?;
                                    data(w, "agreement_kind", edge.kind.as_str())?;
                                    data(w, "start", &spell.start.to_string())?;
                                    data(w, "end", &spell.end.map(|end| end.to_string()).unwrap_or_default())
                                })?;
                        }
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(w.into_inner())
    }
}

/// A GraphML `<data>` element.
fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(quick_xml::events::BytesText::new(value))
        .map(|_| ())
}
