//! Builds the database image from `schema/`: the one way data gets into pactum.
//!
//! Deterministic: the same text gives the same bytes, so a test can compare the
//! committed image with a fresh build.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use pactum::{APPLICATION_ID, PartialDate, SCHEMA_VERSION};
use rusqlite::{Connection, params};
use serde::Deserialize;

type Res<T> = Result<T, String>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DataFile {
    #[serde(default)]
    source: Vec<SourceIn>,
    #[serde(default)]
    area: Vec<AreaIn>,
    #[serde(default)]
    actor: Vec<ActorIn>,
    #[serde(default)]
    membership: Vec<MembershipIn>,
    #[serde(default)]
    post: Vec<PostIn>,
    #[serde(default)]
    system: Vec<SystemIn>,
    #[serde(default)]
    agreement: Vec<AgreementIn>,
    #[serde(default)]
    event: Vec<EventIn>,
    #[serde(default)]
    collection: Vec<CollectionIn>,
    #[serde(default)]
    collection_entry: Vec<CollectionEntryIn>,
    #[serde(default)]
    name: Vec<NameIn>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct EvidenceIn {
    source: String,
    quote: String,
    confidence: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AlternativeIn {
    field: String,
    value: String,
    preferred: bool,
    reason: String,
    evidence: Vec<EvidenceIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceIn {
    id: String,
    kind: String,
    publisher: String,
    title: String,
    published: Option<String>,
    url: Option<String>,
    language: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaIn {
    id: String,
    parent: Option<String>,
    name: String,
    definition: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasIn {
    name: String,
    kind: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorIn {
    id: String,
    kind: String,
    name: String,
    short_name: Option<String>,
    parent: Option<String>,
    description: Option<String>,
    iso_alpha2: Option<String>,
    iso_alpha3: Option<String>,
    iso_numeric: Option<i64>,
    cow_code: Option<i64>,
    wikidata: Option<String>,
    #[serde(default)]
    aliases: Vec<AliasIn>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MembershipIn {
    member: String,
    organisation: String,
    valid_from: Option<String>,
    valid_to: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PostIn {
    person: String,
    title: String,
    organisation: String,
    valid_from: Option<String>,
    valid_to: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SystemIn {
    id: String,
    name: String,
    category: String,
    maker: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgreementIn {
    id: String,
    kind: String,
    legal_nature: String,
    title: String,
    short_title: Option<String>,
    summary: String,
    #[serde(default)]
    collections: Vec<String>,
    parent: Option<String>,
    supersedes: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
    #[serde(default)]
    party: Vec<PartyIn>,
    #[serde(default)]
    milestone: Vec<MilestoneIn>,
    #[serde(default)]
    provision: Vec<ProvisionIn>,
    #[serde(default)]
    area: Vec<CoverageIn>,
    #[serde(default)]
    item: Vec<ItemIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartyIn {
    actor: String,
    role: String,
    on_behalf_of: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestoneIn {
    kind: String,
    status: Option<String>,
    date: Option<String>,
    actor: Option<String>,
    place: Option<String>,
    note: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvisionIn {
    article: Option<String>,
    obligation: String,
    status: Option<String>,
    summary: String,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CoverageIn {
    area: String,
    status: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemIn {
    system: String,
    quantity: Option<i64>,
    #[serde(default)]
    quantity_is_maximum: bool,
    value: Option<f64>,
    currency: Option<String>,
    delivery_start: Option<String>,
    delivery_end: Option<String>,
    note: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventIn {
    id: String,
    kind: String,
    title: String,
    date: String,
    place: Option<String>,
    agreement: Option<String>,
    summary: String,
    #[serde(default)]
    collections: Vec<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectionIn {
    id: String,
    title: String,
    definition: String,
    status: String,
    missing: Option<String>,
    complete_through: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectionEntryIn {
    collection: String,
    label: String,
    agreement: Option<String>,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

/// A name of an actor or a title of an agreement in one language, with its evidence.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameIn {
    actor: Option<String>,
    agreement: Option<String>,
    name: String,
    language: String,
    kind: String,
    #[serde(default)]
    evidence: Vec<EvidenceIn>,
    #[serde(default)]
    alternatives: Vec<AlternativeIn>,
}

/// What a text of the full-text index is: its `field` column.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Names,
    Body,
    Quotes,
}

impl Column {
    fn as_str(self) -> &'static str {
        match self {
            Column::Names => "names",
            Column::Body => "body",
            Column::Quotes => "quotes",
        }
    }
}

/// Allocates fact ids and remembers which top-level row each fact belongs to,
/// so that a search hit on a quote can point at it.
struct Loader<'c> {
    conn: &'c Connection,
    next_fact: i64,
    owner: HashMap<i64, (&'static str, String)>,
}

impl Loader<'_> {
    fn fact(
        &mut self,
        table: &'static str,
        owner: (&'static str, &str),
        evidence: &[EvidenceIn],
        alternatives: &[AlternativeIn],
        what: &str,
    ) -> Res<i64> {
        if evidence.is_empty() {
            return Err(format!("{what}: no evidence; every fact needs at least one source"));
        }
        let id = self.new_fact(table, owner)?;
        self.evidence(id, evidence, what)?;
        if !alternatives.is_empty() {
            let preferred = alternatives.iter().filter(|a| a.preferred).count();
            let fields: std::collections::BTreeSet<&str> = alternatives.iter().map(|a| a.field.as_str()).collect();
            for field in fields {
                let n = alternatives.iter().filter(|a| a.field == field && a.preferred).count();
                if n != 1 {
                    return Err(format!("{what}: field {field} has {n} preferred alternatives, not exactly one"));
                }
            }
            debug_assert!(preferred >= 1);
            for alt in alternatives {
                let what = format!("{what}, alternative {}={}", alt.field, alt.value);
                if alt.evidence.is_empty() {
                    return Err(format!("{what}: no evidence"));
                }
                let fact = self.new_fact("alternative", owner)?;
                self.evidence(fact, &alt.evidence, &what)?;
                self.conn
                    .execute(
                        "INSERT INTO alternative (fact, subject, field, value, preferred, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![fact, id, alt.field, alt.value, alt.preferred, alt.reason],
                    )
                    .map_err(|e| format!("{what}: {e}"))?;
            }
        }
        Ok(id)
    }

    fn new_fact(&mut self, table: &'static str, owner: (&'static str, &str)) -> Res<i64> {
        self.next_fact += 1;
        let id = self.next_fact;
        self.conn
            .execute("INSERT INTO fact (id, tbl) VALUES (?1, ?2)", params![id, table])
            .map_err(|e| e.to_string())?;
        self.owner.insert(id, (owner.0, owner.1.to_owned()));
        Ok(id)
    }

    fn evidence(&self, fact: i64, evidence: &[EvidenceIn], what: &str) -> Res<()> {
        for e in evidence {
            if e.quote.chars().count() > 300 {
                return Err(format!("{what}: quote from {} is over 300 characters", e.source));
            }
            self.conn
                .execute(
                    "INSERT INTO evidence (fact, source, quote, confidence) VALUES (?1, ?2, ?3, ?4)",
                    params![fact, e.source, e.quote.trim(), e.confidence],
                )
                .map_err(|err| format!("{what}: evidence from {}: {err}", e.source))?;
        }
        Ok(())
    }
}

/// Checks a date's text with pactum's own parser, so the image holds only dates
/// the library reads back.
fn date(text: &Option<String>, what: &str) -> Res<()> {
    match text {
        Some(t) => t.parse::<PartialDate>().map(drop).map_err(|e| format!("{what}: {e}")),
        None => Ok(()),
    }
}

fn inherit<'a>(own: &'a [EvidenceIn], parent: &'a [EvidenceIn]) -> &'a [EvidenceIn] {
    if own.is_empty() { parent } else { own }
}

/// Reads every `schema/data/*.toml` file in name order.
fn read_data(dir: &Path) -> Res<Vec<(String, DataFile)>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
            let data = toml::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
            Ok((name, data))
        })
        .collect()
}

/// Builds the image from the schema and data under `schema_dir`.
pub fn build(schema_dir: &Path) -> Res<Vec<u8>> {
    let schema = std::fs::read_to_string(schema_dir.join("schema.sql")).map_err(|e| e.to_string())?;
    let files = read_data(&schema_dir.join("data"))?;
    let mut conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
    conn.execute_batch(&schema).map_err(|e| format!("schema.sql: {e}"))?;
    // Rows may refer to rows of later files; integrity is checked once at the end.
    conn.execute_batch("PRAGMA foreign_keys = OFF; BEGIN;").map_err(|e| e.to_string())?;
    let mut load = Loader { conn: &conn, next_fact: 0, owner: HashMap::new() };
    let mut index: Vec<(&'static str, String, Column, String)> = Vec::new();
    let collections = declared_collections(&files)?;

    for (file, data) in &files {
        for s in &data.source {
            let what = format!("{file}: source {}", s.id);
            date(&s.published, &what)?;
            conn.execute(
                "INSERT INTO source (id, kind, publisher, title, published, url, language, note) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    s.id,
                    s.kind,
                    s.publisher,
                    s.title,
                    s.published,
                    s.url,
                    s.language.as_deref().unwrap_or("en"),
                    s.note
                ],
            )
            .map_err(|e| format!("{what}: {e}"))?;
            index.push(("source", s.id.clone(), Column::Names, format!("{} — {}", s.publisher, s.title)));
            index.extend(s.note.clone().map(|note| ("source", s.id.clone(), Column::Body, note)));
        }
    }
    for (file, data) in &files {
        for a in &data.area {
            conn.execute(
                "INSERT INTO area (id, parent, name, definition) VALUES (?1, ?2, ?3, ?4)",
                params![a.id, a.parent, a.name, a.definition],
            )
            .map_err(|e| format!("{file}: area {}: {e}", a.id))?;
            index.push(("area", a.id.clone(), Column::Names, a.name.clone()));
            index.push(("area", a.id.clone(), Column::Body, a.definition.clone()));
        }
    }
    for (file, data) in &files {
        for a in &data.actor {
            let what = format!("{file}: actor {}", a.id);
            let fact = load.fact("actor", ("actor", &a.id), &a.evidence, &a.alternatives, &what)?;
            conn.execute(
                "INSERT INTO actor (id, fact, kind, name, short_name, parent, description, iso_alpha2, iso_alpha3, \
                 iso_numeric, cow_code, wikidata) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    a.id,
                    fact,
                    a.kind,
                    a.name,
                    a.short_name,
                    a.parent,
                    a.description,
                    a.iso_alpha2,
                    a.iso_alpha3,
                    a.iso_numeric,
                    a.cow_code,
                    a.wikidata
                ],
            )
            .map_err(|e| format!("{what}: {e}"))?;
            let mut names = vec![a.name.clone()];
            names.extend(a.short_name.clone());
            for alias in &a.aliases {
                conn.execute(
                    "INSERT INTO alias (actor, name, kind) VALUES (?1, ?2, ?3)",
                    params![a.id, alias.name, alias.kind],
                )
                .map_err(|e| format!("{what}: alias {}: {e}", alias.name))?;
                names.push(alias.name.clone());
            }
            index.extend(names.into_iter().map(|name| ("actor", a.id.clone(), Column::Names, name)));
            index.extend(a.description.clone().map(|d| ("actor", a.id.clone(), Column::Body, d)));
        }
    }
    for (file, data) in &files {
        for s in &data.system {
            let what = format!("{file}: system {}", s.id);
            let fact = load.fact("system", ("agreement", ""), &s.evidence, &s.alternatives, &what)?;
            // A system's facts belong to no agreement; search finds it by its name instead.
            load.owner.remove(&fact);
            conn.execute(
                "INSERT INTO system (id, fact, name, category, maker) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.id, fact, s.name, s.category, s.maker],
            )
            .map_err(|e| format!("{what}: {e}"))?;
        }
        for m in &data.membership {
            let what = format!("{file}: membership {} in {}", m.member, m.organisation);
            date(&m.valid_from, &what)?;
            date(&m.valid_to, &what)?;
            let fact = load.fact("membership", ("actor", &m.member), &m.evidence, &m.alternatives, &what)?;
            conn.execute(
                "INSERT INTO membership (fact, member, organisation, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![fact, m.member, m.organisation, m.valid_from, m.valid_to],
            )
            .map_err(|e| format!("{what}: {e}"))?;
        }
        for p in &data.post {
            let what = format!("{file}: post {} as {}", p.person, p.title);
            date(&p.valid_from, &what)?;
            date(&p.valid_to, &what)?;
            let fact = load.fact("post", ("actor", &p.person), &p.evidence, &p.alternatives, &what)?;
            conn.execute(
                "INSERT INTO post (fact, person, title, organisation, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![fact, p.person, p.title, p.organisation, p.valid_from, p.valid_to],
            )
            .map_err(|e| format!("{what}: {e}"))?;
        }
    }
    let systems: HashMap<&str, &str> =
        files.iter().flat_map(|(_, d)| &d.system).map(|s| (s.id.as_str(), s.name.as_str())).collect();
    for (file, data) in &files {
        for g in &data.agreement {
            let what = format!("{file}: agreement {}", g.id);
            let owner = ("agreement", g.id.as_str());
            let fact = load.fact("agreement", owner, &g.evidence, &g.alternatives, &what)?;
            conn.execute(
                "INSERT INTO agreement (id, fact, kind, legal_nature, title, short_title, summary, parent, supersedes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![g.id, fact, g.kind, g.legal_nature, g.title, g.short_title, g.summary, g.parent, g.supersedes],
            )
            .map_err(|e| format!("{what}: {e}"))?;
            join_collections(&conn, &collections, ("agreement", &g.id), &g.collections, &what)?;
            let mut names = vec![g.title.clone()];
            names.extend(g.short_title.clone());
            let mut text = vec![g.summary.clone()];
            for p in &g.party {
                let what = format!("{what}, party {}", p.actor);
                let fact = load.fact("party", owner, inherit(&p.evidence, &g.evidence), &p.alternatives, &what)?;
                conn.execute(
                    "INSERT INTO party (fact, agreement, actor, role, on_behalf_of) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![fact, g.id, p.actor, p.role, p.on_behalf_of],
                )
                .map_err(|e| format!("{what}: {e}"))?;
            }
            for m in &g.milestone {
                let what = format!("{what}, milestone {} {:?}", m.kind, m.date);
                date(&m.date, &what)?;
                let fact = load.fact("milestone", owner, inherit(&m.evidence, &g.evidence), &m.alternatives, &what)?;
                conn.execute(
                    "INSERT INTO milestone (fact, agreement, kind, status, date, actor, place, note) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        fact,
                        g.id,
                        m.kind,
                        m.status.as_deref().unwrap_or("happened"),
                        m.date,
                        m.actor,
                        m.place,
                        m.note
                    ],
                )
                .map_err(|e| format!("{what}: {e}"))?;
                text.extend(m.note.clone());
            }
            for p in &g.provision {
                let what = format!("{what}, provision {:?}", p.article);
                let fact = load.fact("provision", owner, inherit(&p.evidence, &g.evidence), &p.alternatives, &what)?;
                conn.execute(
                    "INSERT INTO provision (fact, agreement, article, obligation, status, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![fact, g.id, p.article, p.obligation, p.status.as_deref().unwrap_or("in_text"), p.summary],
                )
                .map_err(|e| format!("{what}: {e}"))?;
                text.push(p.summary.clone());
            }
            for c in &g.area {
                let what = format!("{what}, area {}", c.area);
                let fact = load.fact("coverage", owner, inherit(&c.evidence, &g.evidence), &c.alternatives, &what)?;
                conn.execute(
                    "INSERT INTO coverage (fact, agreement, area, status) VALUES (?1, ?2, ?3, ?4)",
                    params![fact, g.id, c.area, c.status.as_deref().unwrap_or("in_text")],
                )
                .map_err(|e| format!("{what}: {e}"))?;
            }
            for i in &g.item {
                let what = format!("{what}, item {}", i.system);
                date(&i.delivery_start, &what)?;
                date(&i.delivery_end, &what)?;
                let fact = load.fact("line_item", owner, inherit(&i.evidence, &g.evidence), &i.alternatives, &what)?;
                conn.execute(
                    "INSERT INTO line_item (fact, agreement, system, quantity, quantity_is_maximum, value, currency, \
                     delivery_start, delivery_end, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        fact,
                        g.id,
                        i.system,
                        i.quantity,
                        i.quantity_is_maximum,
                        i.value,
                        i.currency,
                        i.delivery_start,
                        i.delivery_end,
                        i.note
                    ],
                )
                .map_err(|e| format!("{what}: {e}"))?;
                text.extend(i.note.clone());
                // What a contract buys is what people search it by ("howitzer").
                names.extend(systems.get(i.system.as_str()).map(|name| name.to_string()));
            }
            index.extend(names.into_iter().map(|name| ("agreement", g.id.clone(), Column::Names, name)));
            index.extend(text.into_iter().map(|text| ("agreement", g.id.clone(), Column::Body, text)));
        }
        for e in &data.event {
            let what = format!("{file}: event {}", e.id);
            date(&Some(e.date.clone()), &what)?;
            let owner = ("event", e.id.as_str());
            let fact = load.fact("event", owner, &e.evidence, &e.alternatives, &what)?;
            conn.execute(
                "INSERT INTO event (id, fact, kind, title, date, place, agreement, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![e.id, fact, e.kind, e.title, e.date, e.place, e.agreement, e.summary],
            )
            .map_err(|err| format!("{what}: {err}"))?;
            join_collections(&conn, &collections, ("event", &e.id), &e.collections, &what)?;
            for actor in &e.participants {
                let fact = load.fact("participant", owner, &e.evidence, &[], &what)?;
                conn.execute(
                    "INSERT INTO participant (fact, event, actor) VALUES (?1, ?2, ?3)",
                    params![fact, e.id, actor],
                )
                .map_err(|err| format!("{what}, participant {actor}: {err}"))?;
            }
            index.push(("event", e.id.clone(), Column::Names, e.title.clone()));
            index.push(("event", e.id.clone(), Column::Body, e.summary.clone()));
        }
    }

    load_collections(&mut load, &files, &collections)?;
    load_names(&mut load, &files, &mut index)?;

    // Quotes are searchable too; a hit points at the row its fact belongs to.
    let mut quotes: BTreeMap<(&'static str, String), Vec<String>> = BTreeMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT fact, quote FROM evidence ORDER BY fact, source").map_err(|e| e.to_string())?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(|e| e.to_string())?;
        for row in rows {
            let (fact, quote) = row.map_err(|e| e.to_string())?;
            if let Some((kind, id)) = load.owner.get(&fact) {
                quotes.entry((kind, id.clone())).or_default().push(quote);
            }
        }
    }
    for ((kind, id), texts) in quotes {
        for text in texts {
            index.push((kind, id.clone(), Column::Quotes, text));
        }
    }
    write_index(&conn, index)?;
    write_lookup(&conn)?;
    conn.execute_batch("COMMIT; PRAGMA foreign_keys = ON;").map_err(|e| e.to_string())?;

    check_clean(&conn)?;
    conn.execute_batch(&format!(
        "INSERT INTO search(search) VALUES ('optimize'); \
         INSERT INTO search_trigram(search_trigram) VALUES ('optimize'); \
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION}; \
         PRAGMA journal_mode = DELETE; VACUUM;"
    ))
    .map_err(|e| e.to_string())?;
    check_clean(&conn)?;
    let image = conn.serialize(rusqlite::MAIN_DB).map_err(|e| e.to_string())?;
    Ok(image.to_vec())
}

/// Every `[[collection]]` of every file by id, each with the file that declares it,
/// so that rows of any file can name a collection of any other.
fn declared_collections(files: &[(String, DataFile)]) -> Res<BTreeMap<&str, (&str, &CollectionIn)>> {
    let mut declared: BTreeMap<&str, (&str, &CollectionIn)> = BTreeMap::new();
    for (file, data) in files {
        for c in &data.collection {
            if let Some((first, _)) = declared.insert(&c.id, (file, c)) {
                return Err(format!("{file}: collection {}: already declared in {first}; ids are unique", c.id));
            }
        }
    }
    Ok(declared)
}

/// Records an agreement's or event's `collections`, each of which must be declared.
fn join_collections(
    conn: &Connection,
    declared: &BTreeMap<&str, (&str, &CollectionIn)>,
    (kind, id): (&str, &str),
    collections: &[String],
    what: &str,
) -> Res<()> {
    for collection in collections {
        if !declared.contains_key(collection.as_str()) {
            return Err(format!(
                "{what}: collection {collection} is not declared; add a [[collection]] with that id to a data file"
            ));
        }
        conn.execute(
            &format!("INSERT INTO collection_member (collection, {kind}) VALUES (?1, ?2)"),
            params![collection, id],
        )
        .map_err(|e| format!("{what}: collection {collection}: {e}"))?;
    }
    Ok(())
}

/// Loads the collections and their enumerating lists, once every agreement is in.
fn load_collections(
    load: &mut Loader<'_>,
    files: &[(String, DataFile)],
    declared: &BTreeMap<&str, (&str, &CollectionIn)>,
) -> Res<()> {
    for (file, c) in declared.values() {
        let what = format!("{file}: collection {}", c.id);
        date(&c.complete_through, &what)?;
        let complete = match c.status.as_str() {
            "complete" => true,
            "partial" => false,
            other => return Err(format!("{what}: status {other:?}; a collection is \"complete\" or \"partial\"")),
        };
        if !complete && c.missing.is_none() {
            return Err(format!("{what}: a partial collection needs `missing`: what is known to be missing"));
        }
        if complete && c.missing.is_some() {
            return Err(format!("{what}: a complete collection misses nothing; drop `missing` or make it partial"));
        }
        if complete && c.complete_through.is_none() {
            return Err(format!("{what}: a complete collection needs `complete_through`: the date it is complete to"));
        }
        // A partial collection checked against no list states nothing a source could back.
        let fact = if c.evidence.is_empty() && !complete {
            None
        } else {
            let fact = load.fact("collection", ("collection", &c.id), &c.evidence, &c.alternatives, &what)?;
            load.owner.remove(&fact);
            Some(fact)
        };
        load.conn
            .execute(
                "INSERT INTO collection (id, fact, title, definition, status, missing, complete_through) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![c.id, fact, c.title, c.definition, c.status, c.missing, c.complete_through],
            )
            .map_err(|e| format!("{what}: {e}"))?;
    }
    let agreements: std::collections::BTreeSet<&str> =
        files.iter().flat_map(|(_, data)| data.agreement.iter().map(|g| g.id.as_str())).collect();
    for (file, data) in files {
        for e in &data.collection_entry {
            let what = format!("{file}: collection_entry {:?} of {}", e.label, e.collection);
            let Some((_, collection)) = declared.get(e.collection.as_str()) else {
                return Err(format!("{what}: collection {} is not declared", e.collection));
            };
            match &e.agreement {
                Some(agreement) if !agreements.contains(agreement.as_str()) => {
                    return Err(format!("{what}: agreement {agreement} is not in the data"));
                }
                None if collection.status == "complete" => {
                    return Err(format!(
                        "{what}: every entry of a complete collection names the agreement that answers it; \
                         add the agreement or mark the collection partial"
                    ));
                }
                _ => {}
            }
            let fact =
                load.fact("collection_entry", ("collection", &e.collection), &e.evidence, &e.alternatives, &what)?;
            load.owner.remove(&fact);
            load.conn
                .execute(
                    "INSERT INTO collection_entry (fact, collection, label, agreement) VALUES (?1, ?2, ?3, ?4)",
                    params![fact, e.collection, e.label, e.agreement],
                )
                .map_err(|err| format!("{what}: {err}"))?;
        }
    }
    Ok(())
}

/// Fails unless `integrity_check` says ok and `foreign_key_check` finds nothing.
fn check_clean(conn: &Connection) -> Res<()> {
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if integrity != "ok" {
        return Err(format!("integrity_check: {integrity}"));
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(|e| e.to_string())?;
    let broken: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {:?} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .map_err(|e| e.to_string())?
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    if !broken.is_empty() {
        return Err(format!("dangling references (foreign_key_check):\n{}", broken.join("\n")));
    }
    Ok(())
}

/// Loads the `[[name]]` rows: names in other languages, each a fact of its actor
/// or agreement, searchable under that row's names.
fn load_names(
    load: &mut Loader<'_>,
    files: &[(String, DataFile)],
    index: &mut Vec<(&'static str, String, Column, String)>,
) -> Res<()> {
    for (file, data) in files {
        for n in &data.name {
            let what = format!("{file}: name {:?} ({})", n.name, n.language);
            let owner = match (&n.actor, &n.agreement) {
                (Some(actor), None) => ("actor", actor.as_str()),
                (None, Some(agreement)) => ("agreement", agreement.as_str()),
                _ => return Err(format!("{what}: give exactly one of actor and agreement")),
            };
            // A name is a fact about words: its evidence must show them.
            if !n.evidence.iter().any(|e| e.quote.contains(n.name.as_str())) {
                return Err(format!("{what}: no quote of its evidence contains the name"));
            }
            let fact = load.fact("name", owner, &n.evidence, &n.alternatives, &what)?;
            load.conn
                .execute(
                    "INSERT INTO name (fact, actor, agreement, name, language, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![fact, n.actor, n.agreement, n.name, n.language, n.kind],
                )
                .map_err(|e| format!("{what}: {e}"))?;
            index.push((owner.0, owner.1.to_owned(), Column::Names, n.name.clone()));
        }
    }
    Ok(())
}

/// Writes the full-text indexes: one row per text, each text of a row once, and
/// one more row per row with its names and body together, so that a query whose
/// words are spread over them still finds it. The trigram index holds only the
/// texts in scripts written without spaces, the only ones searched through it.
fn write_index(conn: &Connection, index: Vec<(&'static str, String, Column, String)>) -> Res<()> {
    let texts: std::collections::BTreeSet<_> = index.into_iter().collect();
    let mut all: BTreeMap<(&'static str, &str), Vec<&str>> = BTreeMap::new();
    let mut rowid = 0_i64;
    for (kind, id, column, text) in &texts {
        if *column != Column::Quotes {
            all.entry((kind, id)).or_default().push(text);
        }
        rowid += 1;
        let tables: &[&str] =
            if text.chars().any(script::unsegmented) { &["search", "search_trigram"] } else { &["search"] };
        for table in tables {
            conn.execute(
                &format!("INSERT INTO {table} (rowid, kind, ref, field, text) VALUES (?1, ?2, ?3, ?4, ?5)"),
                params![rowid, kind, id, column.as_str(), text],
            )
            .map_err(|e| format!("{table}: {e}"))?;
        }
    }
    for ((kind, id), texts) in all {
        rowid += 1;
        conn.execute(
            "INSERT INTO search (rowid, kind, ref, field, text) VALUES (?1, ?2, ?3, 'all', ?4)",
            params![rowid, kind, id, texts.join(" · ")],
        )
        .map_err(|e| format!("search: {e}"))?;
    }
    Ok(())
}

#[path = "../../src/query/script.rs"]
mod script;

#[path = "../../src/query/fold.rs"]
mod fold;

/// Writes `search_lookup`: every way of naming an actor or an agreement, under its
/// folded key, as `Dataset::resolve` looks them up.
fn write_lookup(conn: &Connection) -> Res<()> {
    let sql = "SELECT 'actor', id, 'id', id, NULL FROM actor
        UNION ALL SELECT 'actor', id, 'iso_alpha2', iso_alpha2, NULL FROM actor WHERE iso_alpha2 IS NOT NULL
        UNION ALL SELECT 'actor', id, 'iso_alpha3', iso_alpha3, NULL FROM actor WHERE iso_alpha3 IS NOT NULL
        UNION ALL SELECT 'actor', id, 'iso_numeric', iso_numeric, NULL FROM actor WHERE iso_numeric IS NOT NULL
        UNION ALL SELECT 'actor', id, 'wikidata', wikidata, NULL FROM actor WHERE wikidata IS NOT NULL
        UNION ALL SELECT 'actor', id, 'name', name, NULL FROM actor
        UNION ALL SELECT 'actor', id, 'short_name', short_name, NULL FROM actor WHERE short_name IS NOT NULL
        UNION ALL SELECT 'actor', actor, 'alias', name, NULL FROM alias
        UNION ALL SELECT 'actor', actor, 'alias', name, language FROM name WHERE actor IS NOT NULL
        UNION ALL SELECT 'agreement', id, 'id', id, NULL FROM agreement
        UNION ALL SELECT 'agreement', id, 'title', title, NULL FROM agreement
        UNION ALL SELECT 'agreement', id, 'short_title', short_title, NULL FROM agreement WHERE short_title IS NOT NULL
        UNION ALL SELECT 'agreement', agreement, 'alias', name, language FROM name WHERE agreement IS NOT NULL";
    let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
    let rows: Vec<(String, String, String, String, Option<String>)> = stmt
        .query_map([], |r| {
            let text = match r.get_ref(3)? {
                rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                other => other.as_str()?.to_owned(),
            };
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, text, r.get(4)?))
        })
        .map_err(|e| e.to_string())?
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    for (entity, id, field, text, language) in rows {
        let key = fold::fold(&text);
        if key.is_empty() {
            return Err(format!("{entity} {id}: {field} {text:?} has no letters or digits to look it up by"));
        }
        conn.execute(
            "INSERT OR IGNORE INTO search_lookup (key, entity, ref, field, text, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![key, entity, id, field, text, language],
        )
        .map_err(|e| format!("search_lookup: {e}"))?;
    }
    Ok(())
}
