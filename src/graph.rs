//! The partnership network as a graph: Graphviz DOT, GraphML and SVG pictures.
//!
//! [`Dataset::network`] builds the network of who is partnered with whom — on a
//! day, or over the dataset's whole span — as a [petgraph](https://docs.rs/petgraph/0.8)
//! graph, and writes it as Graphviz DOT ([`Network::to_dot`]) or GraphML
//! ([`Network::to_graphml`], for Gephi, yEd, Cytoscape or networkx).
//! [`Dataset::timeline_svg`] draws one actor's agreements on a year axis.
//!
//! ```
//! use chrono::NaiveDate;
//! let data = pactum::Dataset::open()?;
//! let day = NaiveDate::from_ymd_opt(2024, 6, 23).unwrap();
//! let network = data.network(day)?;
//! assert!(network.nodes().any(|n| n.id == "md"));
//! std::fs::write(std::env::temp_dir().join("pactum-network.dot"), network.to_dot())?;
//! // then: dot -Tsvg pactum-network.dot > network.svg
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The palette
//!
//! Colours come from the Okabe–Ito palette, which stays distinguishable to
//! readers with the common forms of colour blindness. Nodes are filled by actor
//! kind:
//!
//! | actor kind | colour |
//! |---|---|
//! | state | sky blue `#56B4E9` |
//! | international organisation | orange `#E69F00` |
//! | institution | yellow `#F0E442` |
//! | person | reddish purple `#CC79A7` |
//! | company | bluish green `#009E73` |
//! | grouping | grey `#999999` |
//!
//! Edges are drawn by agreement kind:
//!
//! | agreement kind | colour |
//! |---|---|
//! | security and defence partnership | blue `#0072B2` |
//! | treaty | vermilion `#D55E00` |
//! | strategic partnership agreement | reddish purple `#CC79A7` |
//! | strategic dialogue | sky blue `#56B4E9` |
//! | framework agreement | bluish green `#009E73` |
//! | procurement contract | orange `#E69F00` |
//! | joint statement | grey `#999999` |
//! | strategy, programme, regulation | black `#000000` |
//!
//! The timeline marks milestones by what they did: grey for plans and
//! negotiations, blue for conclusion (agreed, signed, ratified), green for entry
//! into force or provisional application, vermilion for an end. A milestone known
//! only to the month or year is a bar across that period, not a dot; a reported
//! target is drawn hollow.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use petgraph::dot::{Config, Dot};
use petgraph::graph::{EdgeReference, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use petgraph_graphml::GraphMl;
use serde::Serialize;
use svg::Document;
use svg::node::element::{Circle, Group, Line, Rectangle, Text, Title};

use crate::error::{Result, SqlResultExt};
use crate::{
    ActorKind, AgreementFilter, AgreementKind, Dataset, MilestoneKind, MilestoneStatus, PartialDate, Precision, When,
};

/// An actor in a [`Network`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Node {
    /// The actor's id, e.g. `md`.
    pub id: String,
    /// Its short name if it has one, else its name.
    pub label: String,
    /// What the actor is.
    pub kind: ActorKind,
}

/// One agreement joining two actors in a [`Network`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Edge {
    /// The agreement's id, e.g. `eu-moldova-sdp`.
    pub agreement: String,
    /// Its full title.
    pub title: String,
    /// What kind of instrument it is.
    pub kind: AgreementKind,
}

/// The partnership network: actors joined by the agreements they are sides of.
///
/// Nodes are sorted by actor id and edges by agreement id, so that the same
/// data always gives the same files.
#[derive(Debug, Clone)]
pub struct Network {
    graph: UnGraph<Node, Edge>,
}

impl Dataset {
    /// The partnership network: the actors that are sides (party, buyer or
    /// supplier) of agreements in force at the end of a day ([`When::On`], or a
    /// plain day), or of every agreement ever concluded ([`When::Ever`]), with one
    /// edge per agreement for each pair of its sides. Signatories and other roles
    /// are left out, as in [`Dataset::partners`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let data = pactum::Dataset::open()?;
    /// let eu_korea = |y, m, d| -> pactum::Result<Vec<String>> {
    ///     let network = data.network(NaiveDate::from_ymd_opt(y, m, d).unwrap())?;
    ///     Ok(network
    ///         .edges()
    ///         .filter(|(a, b, _)| (a.id.as_str(), b.id.as_str()) == ("eu", "kr"))
    ///         .map(|(_, _, e)| e.agreement.clone())
    ///         .collect())
    /// };
    /// // Joined since 2016 by a crisis-management framework agreement, the EU and
    /// // South Korea added a security and defence partnership in November 2024.
    /// assert_eq!(eu_korea(2024, 6, 23)?, ["eu-korea-fpa"]);
    /// assert!(eu_korea(2024, 12, 31)?.contains(&"eu-korea-sdp".to_string()));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// only for a damaged database, or one built by other means (see [`Error`](crate::Error)); never for
    /// the bundled data.
    #[cfg_attr(docsrs, doc(cfg(feature = "graph")))]
    pub fn network(&self, when: impl Into<When>) -> Result<Network> {
        let on = match when.into() {
            When::On(day) => Some(iso_day(day)),
            When::Ever => None,
        };
        let sql = "SELECT g.id, g.kind, g.title, a.id, a.kind, coalesce(a.short_name, a.name) \
                   FROM agreement g \
                   JOIN party p ON p.agreement = g.id AND p.role IN ('party', 'buyer', 'supplier') \
                   JOIN actor a ON a.id = p.actor \
                   WHERE CASE WHEN ?1 IS NULL \
                       THEN EXISTS (SELECT 1 FROM milestone m WHERE m.agreement = g.id AND m.stage >= 3) \
                       ELSE (SELECT max(m.stage) FROM milestone m \
                             WHERE m.agreement = g.id AND m.date_last <= ?1) = 4 END \
                   GROUP BY g.id, a.id ORDER BY g.id, a.id";
        let mut stmt = self.conn.prepare_cached(sql).sql()?;
        let rows: Vec<[String; 6]> = stmt
            .query_map([on], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
            .sql()?
            .collect::<rusqlite::Result<_>>()
            .sql()?;

        let mut actors: BTreeMap<&str, (ActorKind, &str)> = BTreeMap::new();
        for [.., actor, kind, label] in &rows {
            actors.insert(actor, (kind.parse()?, label));
        }
        let mut graph = UnGraph::with_capacity(actors.len(), rows.len());
        let index: BTreeMap<&str, NodeIndex> = actors
            .iter()
            .map(|(&id, &(kind, label))| {
                (id, graph.add_node(Node { id: id.to_owned(), label: label.to_owned(), kind }))
            })
            .collect();
        // Rows come grouped by agreement with its sides in id order.
        for group in rows.chunk_by(|a, b| a[0] == b[0]) {
            let [agreement, kind, title, ..] = &group[0];
            let kind: AgreementKind = kind.parse()?;
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    let edge = Edge { agreement: agreement.clone(), title: title.clone(), kind };
                    graph.add_edge(index[a[3].as_str()], index[b[3].as_str()], edge);
                }
            }
        }
        Ok(Network { graph })
    }

    /// An SVG picture of an actor's agreements: one row per agreement it takes
    /// part in (in any role), ordered by first milestone, with a mark for each
    /// dated milestone on a year axis. Hovering a mark shows its date and kind.
    ///
    /// ```
    /// let data = pactum::Dataset::open()?;
    /// let svg = data.timeline_svg("kp")?;
    /// assert!(svg.starts_with("<svg"));
    /// assert!(svg.contains("russia-dprk-treaty-2024"));
    /// assert!(matches!(data.timeline_svg("atlantis"), Err(pactum::Error::NotFound { .. })));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`](crate::Error::NotFound) with [`Entity::Actor`](crate::Entity::Actor) if no actor has the id `actor`.
    #[cfg_attr(docsrs, doc(cfg(feature = "graph")))]
    pub fn timeline_svg(&self, actor: &str) -> Result<String> {
        let who = self.actor(actor)?;
        let mut rows = Vec::new();
        for agreement in self.agreements(AgreementFilter::new().party(actor))? {
            let marks: Vec<Mark> = self
                .milestones(&agreement.id)?
                .into_iter()
                .filter_map(|m| Some(Mark { date: m.date?, kind: m.kind, status: m.status, place: m.place }))
                .collect();
            rows.push(TimelineRow { id: agreement.id.clone(), label: agreement.label().to_owned(), marks });
        }
        // Undated agreements go last; ties keep the id order `agreements` gives.
        rows.sort_by_key(|r| r.marks.iter().map(|m| m.date.first_day()).min().unwrap_or(NaiveDate::MAX));
        Ok(draw_timeline(&format!("Agreements of {} ({})", who.label(), who.id), &rows))
    }
}

impl Network {
    /// The actors, sorted by id.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = &Node> {
        self.graph.raw_nodes().iter().map(|n| &n.weight)
    }

    /// The edges with the actors they join (the lower id first), sorted by agreement.
    pub fn edges(&self) -> impl ExactSizeIterator<Item = (&Node, &Node, &Edge)> {
        self.graph.edge_references().map(|e| (&self.graph[e.source()], &self.graph[e.target()], e.weight()))
    }

    /// The petgraph graph itself (petgraph 0.8), for algorithms: centrality,
    /// components, shortest paths.
    pub fn graph(&self) -> &UnGraph<Node, Edge> {
        &self.graph
    }

    /// The network in Graphviz's DOT language, coloured by the
    /// [palette](self#the-palette). Each node's `id` attribute is the actor's id,
    /// which Graphviz carries into SVG output; each edge's tooltip is the
    /// agreement's title.
    ///
    /// ```
    /// let dot = pactum::Dataset::open()?.network(pactum::When::Ever)?.to_dot();
    /// assert!(dot.starts_with("graph pactum {"));
    /// assert!(dot.contains(r#"id="kp""#));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn to_dot(&self) -> String {
        let edge = |g: &UnGraph<Node, Edge>, e: EdgeReference<'_, Edge>| {
            let (a, b) = (&g[e.source()].id, &g[e.target()].id);
            let e = e.weight();
            format!(
                "id={}, class=\"{}\", color=\"{}\", tooltip={}",
                // One edge per agreement and pair, so this names each edge once.
                dot_quote(&format!("{}/{a}/{b}", e.agreement)),
                e.kind,
                agreement_colour(e.kind),
                dot_quote(&e.title)
            )
        };
        let node = |_, (_, n): (NodeIndex, &Node)| {
            format!(
                "id={}, label={}, class=\"{}\", fillcolor=\"{}\"",
                dot_quote(&n.id),
                dot_quote(&n.label),
                n.kind,
                actor_colour(n.kind)
            )
        };
        let config = [Config::NodeNoLabel, Config::EdgeNoLabel, Config::GraphContentOnly];
        let body = Dot::with_attr_getters(&self.graph, &config, &edge, &node);
        format!(
            "graph pactum {{\n    overlap=false\n    node [style=filled, fontname=\"Helvetica\", fontsize=10]\n    \
             edge [penwidth=1.5]\n{body:?}}}\n"
        )
    }

    /// The network as GraphML. Nodes carry the attributes `actor` (id), `label`
    /// and `actor_kind`; edges `agreement` (id), `title` and `agreement_kind`
    /// (distinct names, because GraphML keys share one namespace).
    ///
    /// ```
    /// let graphml = pactum::Dataset::open()?.network(pactum::When::Ever)?.to_graphml();
    /// assert!(graphml.contains(r#"<data key="agreement">russia-dprk-treaty-2024</data>"#));
    /// # Ok::<(), pactum::Error>(())
    /// ```
    pub fn to_graphml(&self) -> String {
        let graphml = GraphMl::new(&self.graph)
            .pretty_print(true)
            .export_node_weights(Box::new(|n: &Node| {
                vec![
                    ("actor".into(), xml_text(&n.id).into()),
                    ("label".into(), xml_text(&n.label).into()),
                    ("actor_kind".into(), n.kind.as_str().into()),
                ]
            }))
            .export_edge_weights(Box::new(|e: &Edge| {
                vec![
                    ("agreement".into(), xml_text(&e.agreement).into()),
                    ("title".into(), xml_text(&e.title).into()),
                    ("agreement_kind".into(), e.kind.as_str().into()),
                ]
            }));
        let mut out = Vec::new();
        // Writing to memory cannot fail, and `xml_text` removed the only thing that
        // could make the XML writer refuse.
        if graphml.to_writer(&mut out).is_err() {
            return String::new();
        }
        sort_keys(&String::from_utf8_lossy(&out))
    }
}

/// petgraph-graphml declares its `<key>`s in hash order; sorting them keeps the
/// file the same from run to run. With pretty printing each key is one line.
fn sort_keys(xml: &str) -> String {
    let lines: Vec<&str> = xml.lines().collect();
    let is_key = |line: &str| line.trim_start().starts_with("<key ");
    let Some(first) = lines.iter().position(|l| is_key(l)) else { return xml.to_owned() };
    let count = lines[first..].iter().take_while(|l| is_key(l)).count();
    let mut keys = lines[first..first + count].to_vec();
    keys.sort_unstable();
    let mut out: Vec<&str> = lines[..first].to_vec();
    out.extend(keys);
    out.extend(&lines[first + count..]);
    out.join("\n") + "\n"
}

/// A day as the ISO text the schema's `*_last` columns hold, clamped to the years
/// the schema can store so that text comparison stays date comparison.
fn iso_day(day: NaiveDate) -> String {
    match day.year() {
        ..0 => "0000-01-01".to_owned(),
        10000.. => "9999-12-31".to_owned(),
        _ => day.format("%Y-%m-%d").to_string(),
    }
}

/// A DOT quoted string.
fn dot_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text with the characters XML 1.0 cannot hold removed: data from a user's own
/// file may contain them, and XML writers refuse or emit broken files.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

fn actor_colour(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "#56B4E9",
        ActorKind::InternationalOrganisation => "#E69F00",
        ActorKind::Institution => "#F0E442",
        ActorKind::Person => "#CC79A7",
        ActorKind::Company => "#009E73",
        ActorKind::Grouping => "#999999",
    }
}

fn agreement_colour(kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::SecurityAndDefencePartnership => "#0072B2",
        AgreementKind::Treaty => "#D55E00",
        AgreementKind::StrategicPartnershipAgreement => "#CC79A7",
        AgreementKind::StrategicDialogue => "#56B4E9",
        AgreementKind::FrameworkAgreement => "#009E73",
        AgreementKind::ProcurementContract => "#E69F00",
        AgreementKind::JointStatement => "#999999",
        AgreementKind::Strategy | AgreementKind::Programme | AgreementKind::Regulation => "#000000",
    }
}

fn milestone_colour(kind: MilestoneKind) -> &'static str {
    match kind {
        MilestoneKind::IntentionAnnounced | MilestoneKind::NegotiationsLaunched | MilestoneKind::NotInForce => {
            "#999999"
        }
        MilestoneKind::NegotiationsConcluded
        | MilestoneKind::Agreed
        | MilestoneKind::Adopted
        | MilestoneKind::Signed
        | MilestoneKind::Ratified => "#0072B2",
        MilestoneKind::ProvisionallyApplied | MilestoneKind::EnteredIntoForce | MilestoneKind::InForceBy => "#009E73",
        MilestoneKind::Superseded | MilestoneKind::Terminated | MilestoneKind::Expired => "#D55E00",
    }
}

struct TimelineRow {
    id: String,
    label: String,
    marks: Vec<Mark>,
}

struct Mark {
    date: PartialDate,
    kind: MilestoneKind,
    status: MilestoneStatus,
    place: Option<String>,
}

// The timeline's geometry, in SVG user units (pixels).
const LABEL_WIDTH: f64 = 380.0;
const YEAR_WIDTH: f64 = 40.0;
const ROW_HEIGHT: f64 = 22.0;
const TOP: f64 = 56.0;
const MARGIN: f64 = 16.0;
const LABEL_CHARS: usize = 56;

/// Lays out the timeline. Only numbers and fixed words go into attributes; text
/// from the data goes into text nodes, which the svg crate escapes.
fn draw_timeline(heading: &str, rows: &[TimelineRow]) -> String {
    let dates = rows.iter().flat_map(|r| &r.marks).map(|m| m.date);
    let first = dates.clone().map(|d| d.first_day().year()).min();
    let last = dates.map(|d| d.last_day().year()).max();
    let (first, last) = match (first, last) {
        (Some(first), Some(last)) => (first, last),
        _ => (2000, 2000),
    };
    let years = f64::from(last - first + 1);
    let x = |day: NaiveDate| {
        let length = if day.leap_year() { 366.0 } else { 365.0 };
        LABEL_WIDTH + (f64::from(day.year() - first) + f64::from(day.ordinal0()) / length) * YEAR_WIDTH
    };
    let plot_right = LABEL_WIDTH + years * YEAR_WIDTH;
    let width = plot_right + MARGIN;
    let bottom = TOP + ROW_HEIGHT * rows.len().max(1) as f64;
    let height = bottom + 48.0;

    let mut doc = Document::new()
        .set("width", width)
        .set("height", height)
        .set("viewBox", (0, 0, width, height))
        .set("font-family", "Helvetica, Arial, sans-serif")
        .set("font-size", 11)
        .add(Rectangle::new().set("width", width).set("height", height).set("fill", "white"))
        .add(
            Text::new(xml_text(heading)).set("x", MARGIN).set("y", 22).set("font-size", 15).set("font-weight", "bold"),
        );

    // The year axis: a gridline a year, a label every year or, on long spans, every fifth.
    let step = if years > 20.0 { 5 } else { 1 };
    let mut axis = Group::new().set("class", "axis");
    for year in first..=last + 1 {
        let at = LABEL_WIDTH + f64::from(year - first) * YEAR_WIDTH;
        axis = axis.add(
            Line::new()
                .set("x1", at)
                .set("x2", at)
                .set("y1", TOP - 6.0)
                .set("y2", bottom)
                .set("stroke", if year % step == 0 { "#bbbbbb" } else { "#eeeeee" }),
        );
        if year % step == 0 && year <= last {
            axis = axis.add(Text::new(year.to_string()).set("x", at + 2.0).set("y", TOP - 10.0).set("fill", "#555555"));
        }
    }
    doc = doc.add(axis);

    if rows.is_empty() {
        doc = doc.add(Text::new("no agreements").set("x", MARGIN).set("y", TOP + 15.0));
    }
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW_HEIGHT * i as f64 + ROW_HEIGHT / 2.0;
        let mut group =
            Group::new().set("class", "agreement").add(Title::new(xml_text(&format!("{}: {}", row.id, row.label))));
        if i % 2 == 1 {
            group = group.add(
                Rectangle::new()
                    .set("x", 0)
                    .set("y", y - ROW_HEIGHT / 2.0)
                    .set("width", width)
                    .set("height", ROW_HEIGHT)
                    .set("fill", "#f6f6f6"),
            );
        }
        group = group.add(Text::new(xml_text(&shorten(&row.label))).set("x", MARGIN).set("y", y + 4.0));
        let spans: Vec<f64> = row.marks.iter().flat_map(|m| [x(m.date.first_day()), x(m.date.last_day())]).collect();
        if let (Some(start), Some(end)) =
            (spans.iter().copied().reduce(f64::min), spans.iter().copied().reduce(f64::max))
        {
            group = group
                .add(Line::new().set("x1", start).set("x2", end).set("y1", y).set("y2", y).set("stroke", "#cccccc"));
        }
        for mark in &row.marks {
            group = group.add(draw_mark(mark, y, &x));
        }
        if row.marks.is_empty() {
            group = group.add(
                Text::new("no dated milestones").set("x", LABEL_WIDTH + 4.0).set("y", y + 4.0).set("fill", "#999999"),
            );
        }
        doc = doc.add(group);
    }
    doc.add(legend(bottom + 28.0)).to_string()
}

/// A dot for a day, a bar across the period for a month or a year; hollow for a
/// reported target.
fn draw_mark(mark: &Mark, y: f64, x: &impl Fn(NaiveDate) -> f64) -> Group {
    let colour = milestone_colour(mark.kind);
    let (fill, dash) = match mark.status {
        MilestoneStatus::Happened => (colour, "none"),
        MilestoneStatus::ReportedTarget => ("white", "2,2"),
    };
    let mut tip = format!("{} {}", mark.date, mark.kind.as_str().replace('_', " "));
    if mark.status == MilestoneStatus::ReportedTarget {
        tip.push_str(" (reported target)");
    }
    if let Some(place) = &mark.place {
        let _ = write!(tip, ", {place}");
    }
    let group = Group::new().set("class", "milestone").add(Title::new(xml_text(&tip)));
    match mark.date.precision() {
        Precision::Day => group.add(
            Circle::new()
                .set("cx", x(mark.date.first_day()))
                .set("cy", y)
                .set("r", 4.5)
                .set("fill", fill)
                .set("stroke", colour)
                .set("stroke-width", 1.5)
                .set("stroke-dasharray", dash),
        ),
        Precision::Month | Precision::Year => {
            let start = x(mark.date.first_day());
            let end = x(mark.date.last_day()).max(start + 3.0);
            group.add(
                Rectangle::new()
                    .set("x", start)
                    .set("y", y - 4.0)
                    .set("width", end - start)
                    .set("height", 8)
                    .set("fill", fill)
                    .set("fill-opacity", 0.6)
                    .set("stroke", colour)
                    .set("stroke-dasharray", dash),
            )
        }
    }
}

fn legend(y: f64) -> Group {
    let entries = [
        ("planned, negotiated", "#999999"),
        ("agreed, signed, ratified", "#0072B2"),
        ("in force", "#009E73"),
        ("ended", "#D55E00"),
    ];
    let mut group = Group::new().set("class", "legend");
    let mut at = MARGIN;
    for (label, colour) in entries {
        group = group
            .add(Circle::new().set("cx", at + 5.0).set("cy", y - 4.0).set("r", 4.5).set("fill", colour))
            .add(Text::new(label).set("x", at + 14.0).set("y", y));
        at += 14.0 + 7.0 * label.len() as f64 + 18.0;
    }
    group.add(
        Text::new("dot: day known; bar: only month or year known; hollow: reported target")
            .set("x", at)
            .set("y", y)
            .set("fill", "#555555"),
    )
}

/// A label cut to fit the label column; the full title stays in the tooltip.
fn shorten(label: &str) -> String {
    match label.char_indices().nth(LABEL_CHARS) {
        Some((cut, _)) => format!("{}…", &label[..cut]),
        None => label.to_owned(),
    }
}
