//! Loading each kind of row: its checks, its fact and its texts for search.

use std::collections::HashMap;

use rusqlite::params;

use super::index::Column;
use super::load::{Load, here, inherit, iso, rows};
use crate::{CollectionStatus, CoverageStatus, MilestoneKind, MilestoneStatus, ProvisionStatus};

/// Declares every id of every file first, so that rows may refer to rows of any
/// file and a duplicate is reported wherever it is.
pub(crate) fn declare_ids(load: &mut Load<'_>) {
    let corpus = load.corpus;
    for (file, s) in rows(corpus, |d| &d.source) {
        load.declare("source", &s.get_ref().id, &here(file, s, format!("source {}", s.get_ref().id)));
    }
    for (file, a) in rows(corpus, |d| &d.area) {
        load.declare("area", &a.get_ref().id, &here(file, a, format!("area {}", a.get_ref().id)));
    }
    for (file, a) in rows(corpus, |d| &d.actor) {
        load.declare("actor", &a.get_ref().id, &here(file, a, format!("actor {}", a.get_ref().id)));
    }
    for (file, s) in rows(corpus, |d| &d.system) {
        load.declare("system", &s.get_ref().id, &here(file, s, format!("system {}", s.get_ref().id)));
    }
    for (file, g) in rows(corpus, |d| &d.agreement) {
        load.declare("agreement", &g.get_ref().id, &here(file, g, format!("agreement {}", g.get_ref().id)));
    }
    for (file, e) in rows(corpus, |d| &d.event) {
        load.declare("event", &e.get_ref().id, &here(file, e, format!("event {}", e.get_ref().id)));
    }
    for (file, c) in rows(corpus, |d| &d.collection) {
        load.declare("collection", &c.get_ref().id, &here(file, c, format!("collection {}", c.get_ref().id)));
    }
}

pub(crate) fn sources(load: &mut Load<'_>) {
    for (file, row) in rows(load.corpus, |d| &d.source) {
        let s = row.get_ref();
        let at = here(file, row, format!("source {}", s.id));
        if load.duplicate(&at) {
            continue;
        }
        if let Some(url) = &s.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            load.problem(&at, Some("url"), "a url starts with https:// or http://");
        }
        load.insert(
            &at,
            "INSERT INTO source (id, kind, publisher, title, published, url, language, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                s.id,
                s.kind.as_str(),
                s.publisher,
                s.title,
                iso(&s.published),
                s.url,
                s.language.as_deref().unwrap_or("en"),
                s.note
            ],
        );
        load.texts.add("source", &s.id, Column::Names, &format!("{} — {}", s.publisher, s.title));
        if let Some(note) = &s.note {
            load.texts.add("source", &s.id, Column::Body, note);
        }
    }
}

pub(crate) fn areas(load: &mut Load<'_>) {
    for (file, row) in rows(load.corpus, |d| &d.area) {
        let a = row.get_ref();
        let at = here(file, row, format!("area {}", a.id));
        if load.duplicate(&at) {
            continue;
        }
        if let Some(parent) = &a.parent {
            load.refer(&at, "parent", "area", parent);
        }
        load.insert(
            &at,
            "INSERT INTO area (id, parent, name, definition) VALUES (?1, ?2, ?3, ?4)",
            params![a.id, a.parent, a.name, a.definition],
        );
        load.texts.add("area", &a.id, Column::Names, &a.name);
        load.texts.add("area", &a.id, Column::Body, &a.definition);
    }
}

pub(crate) fn actors(load: &mut Load<'_>) {
    for (file, row) in rows(load.corpus, |d| &d.actor) {
        let a = row.get_ref();
        let at = here(file, row, format!("actor {}", a.id));
        if load.duplicate(&at) {
            continue;
        }
        if let Some(parent) = &a.parent {
            load.refer(&at, "parent", "actor", parent);
        }
        let fact = load.fact(&at, format!("actor/{}", a.id), Some(("actor", &a.id)), &a.evidence, &a.alternatives);
        load.insert(
            &at,
            "INSERT INTO actor (id, fact, kind, name, short_name, parent, description, iso_alpha2, iso_alpha3, \
             iso_numeric, cow_code, wikidata) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                a.id,
                fact,
                a.kind.as_str(),
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
        );
        load.lookable(&at, "name", &a.name);
        load.texts.add("actor", &a.id, Column::Names, &a.name);
        if let Some(short) = &a.short_name {
            load.lookable(&at, "short_name", short);
            load.texts.add("actor", &a.id, Column::Names, short);
        }
        for alias in &a.aliases {
            load.insert(
                &at,
                "INSERT INTO alias (actor, name, kind) VALUES (?1, ?2, ?3)",
                params![a.id, alias.name, alias.kind.as_str()],
            );
            load.lookable(&at, "aliases", &alias.name);
            load.texts.add("actor", &a.id, Column::Names, &alias.name);
        }
        if let Some(description) = &a.description {
            load.texts.add("actor", &a.id, Column::Body, description);
        }
    }
}

/// Systems, memberships and posts, file by file.
pub(crate) fn systems_memberships_posts(load: &mut Load<'_>) {
    let corpus = load.corpus;
    for (file, (_, data)) in corpus.data.iter().enumerate() {
        for row in &data.system {
            let s = row.get_ref();
            let at = here(file, row, format!("system {}", s.id));
            if load.duplicate(&at) {
                continue;
            }
            if let Some(maker) = &s.maker {
                load.refer(&at, "maker", "actor", maker);
            }
            // A system's facts belong to no agreement; search finds it by its name instead.
            let fact = load.fact(&at, format!("system/{}", s.id), None, &s.evidence, &s.alternatives);
            load.insert(
                &at,
                "INSERT INTO system (id, fact, name, category, maker) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.id, fact, s.name, s.category.as_str(), s.maker],
            );
        }
        for row in &data.membership {
            let m = row.get_ref();
            let at = here(file, row, format!("membership of {} in {}", m.member, m.organisation));
            load.refer(&at, "member", "actor", &m.member);
            load.refer(&at, "organisation", "actor", &m.organisation);
            period(load, &at, m.valid_from, m.valid_to);
            let key = format!("membership/{}/{}", m.member, m.organisation);
            let fact = load.fact(&at, key, Some(("actor", &m.member)), &m.evidence, &m.alternatives);
            load.insert(
                &at,
                "INSERT INTO membership (fact, member, organisation, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![fact, m.member, m.organisation, iso(&m.valid_from), iso(&m.valid_to)],
            );
        }
        for row in &data.post {
            let p = row.get_ref();
            let at = here(file, row, format!("post of {} as {}", p.person, p.title));
            load.refer(&at, "person", "actor", &p.person);
            load.refer(&at, "organisation", "actor", &p.organisation);
            period(load, &at, p.valid_from, p.valid_to);
            let key = format!("post/{}/{}/{}", p.person, p.organisation, p.title);
            let fact = load.fact(&at, key, Some(("actor", &p.person)), &p.evidence, &p.alternatives);
            load.insert(
                &at,
                "INSERT INTO post (fact, person, title, organisation, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![fact, p.person, p.title, p.organisation, iso(&p.valid_from), iso(&p.valid_to)],
            );
        }
    }
}

fn dash(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or("-")
}

/// A dated period ends on or after the day it starts.
fn period(
    load: &mut Load<'_>,
    at: &super::load::Here,
    from: Option<crate::PartialDate>,
    to: Option<crate::PartialDate>,
) {
    if let (Some(from), Some(to)) = (from, to)
        && to.last_day() < from.first_day()
    {
        load.problem(at, Some("valid_to"), format!("the period ends ({to}) before it starts ({from})"));
    }
}

/// Agreements with their parts, and events, file by file.
pub(crate) fn agreements_events(load: &mut Load<'_>) {
    let corpus = load.corpus;
    let systems: HashMap<&str, &str> =
        rows(corpus, |d| &d.system).map(|(_, s)| (s.get_ref().id.as_str(), s.get_ref().name.as_str())).collect();
    for (file, (_, data)) in corpus.data.iter().enumerate() {
        for row in &data.agreement {
            let g = row.get_ref();
            let at = here(file, row, format!("agreement {}", g.id));
            if load.duplicate(&at) {
                continue;
            }
            let owner = Some(("agreement", g.id.as_str()));
            for (field, target) in [("parent", &g.parent), ("supersedes", &g.supersedes)] {
                if let Some(target) = target {
                    load.refer(&at, field, "agreement", target);
                }
            }
            let fact = load.fact(&at, format!("agreement/{}", g.id), owner, &g.evidence, &g.alternatives);
            load.insert(
                &at,
                "INSERT INTO agreement (id, fact, kind, legal_nature, title, short_title, summary, parent, supersedes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    g.id,
                    fact,
                    g.kind.as_str(),
                    g.legal_nature.as_str(),
                    g.title,
                    g.short_title,
                    g.summary,
                    g.parent,
                    g.supersedes
                ],
            );
            join_collections(load, &at, "agreement", &g.id, &g.collections);
            load.lookable(&at, "title", &g.title);
            load.texts.add("agreement", &g.id, Column::Names, &g.title);
            if let Some(short) = &g.short_title {
                load.lookable(&at, "short_title", short);
                load.texts.add("agreement", &g.id, Column::Names, short);
            }
            load.texts.add("agreement", &g.id, Column::Body, &g.summary);
            for row in &g.party {
                let p = row.get_ref();
                let at = here(file, row, format!("agreement {}, party {}", g.id, p.actor));
                load.refer(&at, "actor", "actor", &p.actor);
                if let Some(side) = &p.on_behalf_of {
                    load.refer(&at, "on_behalf_of", "actor", side);
                }
                let key = format!("party/{}/{}/{}", g.id, p.actor, p.role);
                let fact = load.fact(&at, key, owner, inherit(&p.evidence, &g.evidence), &p.alternatives);
                load.insert(
                    &at,
                    "INSERT INTO party (fact, agreement, actor, role, on_behalf_of) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![fact, g.id, p.actor, p.role.as_str(), p.on_behalf_of],
                );
            }
            for row in &g.milestone {
                let m = row.get_ref();
                let date = iso(&m.date);
                let at = here(file, row, format!("agreement {}, milestone {} {}", g.id, m.kind, dash(&date)));
                if let Some(actor) = &m.actor {
                    load.refer(&at, "actor", "actor", actor);
                }
                if matches!(m.kind, MilestoneKind::InForceBy | MilestoneKind::NotInForce) && m.date.is_none() {
                    load.problem(
                        &at,
                        Some("kind"),
                        format!("a {} milestone needs the date its source places it on", m.kind),
                    );
                }
                let key = format!("milestone/{}/{}/{}", g.id, m.kind, m.actor.as_deref().unwrap_or("-"));
                let fact = load.fact(&at, key, owner, inherit(&m.evidence, &g.evidence), &m.alternatives);
                let status = m.status.unwrap_or(MilestoneStatus::Happened);
                load.insert(
                    &at,
                    "INSERT INTO milestone (fact, agreement, kind, status, date, actor, place, note) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![fact, g.id, m.kind.as_str(), status.as_str(), date, m.actor, m.place, m.note],
                );
                if let Some(note) = &m.note {
                    load.texts.add("agreement", &g.id, Column::Body, note);
                }
            }
            for (n, row) in g.provision.iter().enumerate() {
                let p = row.get_ref();
                let article = p.article.clone().unwrap_or_else(|| format!("#{}", n + 1));
                let at = here(file, row, format!("agreement {}, provision {article}", g.id));
                let key = format!("provision/{}/{article}", g.id);
                let fact = load.fact(&at, key, owner, inherit(&p.evidence, &g.evidence), &p.alternatives);
                let status = p.status.unwrap_or(ProvisionStatus::InText);
                load.insert(
                    &at,
                    "INSERT INTO provision (fact, agreement, article, obligation, status, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![fact, g.id, p.article, p.obligation.as_str(), status.as_str(), p.summary],
                );
                load.texts.add("agreement", &g.id, Column::Body, &p.summary);
            }
            for row in &g.area {
                let c = row.get_ref();
                let at = here(file, row, format!("agreement {}, area {}", g.id, c.area));
                load.refer(&at, "area", "area", &c.area);
                let key = format!("coverage/{}/{}", g.id, c.area);
                let fact = load.fact(&at, key, owner, inherit(&c.evidence, &g.evidence), &c.alternatives);
                let status = c.status.unwrap_or(CoverageStatus::InText);
                load.insert(
                    &at,
                    "INSERT INTO coverage (fact, agreement, area, status) VALUES (?1, ?2, ?3, ?4)",
                    params![fact, g.id, c.area, status.as_str()],
                );
            }
            let mut names = Vec::new();
            for row in &g.item {
                let i = row.get_ref();
                let at = here(file, row, format!("agreement {}, item {}", g.id, i.system));
                load.refer(&at, "system", "system", &i.system);
                if let (Some(start), Some(end)) = (i.delivery_start, i.delivery_end)
                    && end.last_day() < start.first_day()
                {
                    load.problem(
                        &at,
                        Some("delivery_end"),
                        format!("deliveries end ({end}) before they start ({start})"),
                    );
                }
                let key = format!("line_item/{}/{}", g.id, i.system);
                let fact = load.fact(&at, key, owner, inherit(&i.evidence, &g.evidence), &i.alternatives);
                load.insert(
                    &at,
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
                        iso(&i.delivery_start),
                        iso(&i.delivery_end),
                        i.note
                    ],
                );
                if let Some(note) = &i.note {
                    load.texts.add("agreement", &g.id, Column::Body, note);
                }
                // What a contract buys is what people search it by ("howitzer").
                names.extend(systems.get(i.system.as_str()).map(|name| name.to_string()));
            }
            for name in names {
                load.texts.add("agreement", &g.id, Column::Names, &name);
            }
        }
        for row in &data.event {
            let e = row.get_ref();
            let at = here(file, row, format!("event {}", e.id));
            if load.duplicate(&at) {
                continue;
            }
            if let Some(agreement) = &e.agreement {
                load.refer(&at, "agreement", "agreement", agreement);
            }
            let owner = Some(("event", e.id.as_str()));
            let fact = load.fact(&at, format!("event/{}", e.id), owner, &e.evidence, &e.alternatives);
            load.insert(
                &at,
                "INSERT INTO event (id, fact, kind, title, date, place, agreement, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![e.id, fact, e.kind.as_str(), e.title, e.date.to_string(), e.place, e.agreement, e.summary],
            );
            join_collections(load, &at, "event", &e.id, &e.collections);
            for actor in &e.participants {
                load.refer(&at, "participants", "actor", actor);
                let fact = load.fact(&at, format!("participant/{}/{actor}", e.id), owner, &e.evidence, &[]);
                load.insert(
                    &at,
                    "INSERT INTO participant (fact, event, actor) VALUES (?1, ?2, ?3)",
                    params![fact, e.id, actor],
                );
            }
            load.texts.add("event", &e.id, Column::Names, &e.title);
            load.texts.add("event", &e.id, Column::Body, &e.summary);
        }
    }
}

/// Records an agreement's or event's `collections`, each of which must be declared.
fn join_collections(load: &mut Load<'_>, at: &super::load::Here, kind: &str, id: &str, collections: &[String]) {
    if kind == "agreement" && collections.is_empty() {
        load.problem(
            at,
            Some("collections"),
            "every agreement names its collections (at least one; `context` for context)",
        );
    }
    for collection in collections {
        load.refer(at, "collections", "collection", collection);
        load.insert(
            at,
            &format!("INSERT INTO collection_member (collection, {kind}) VALUES (?1, ?2)"),
            params![collection, id],
        );
    }
}

/// Loads the collections, in id order, and their enumerating lists.
pub(crate) fn collections(load: &mut Load<'_>) {
    let corpus = load.corpus;
    let mut declared: Vec<_> = rows(corpus, |d| &d.collection).collect();
    declared.sort_by(|a, b| a.1.get_ref().id.cmp(&b.1.get_ref().id));
    let mut status: HashMap<&str, CollectionStatus> = HashMap::new();
    for (file, row) in declared {
        let c = row.get_ref();
        let at = here(file, row, format!("collection {}", c.id));
        if load.duplicate(&at) {
            continue;
        }
        status.insert(&c.id, c.status);
        let complete = c.status == CollectionStatus::Complete;
        if !complete && c.missing.is_none() {
            load.problem(&at, Some("status"), "a partial collection needs `missing`: what is known to be missing");
        }
        if complete && c.missing.is_some() {
            load.problem(
                &at,
                Some("missing"),
                "a complete collection misses nothing; drop `missing` or make it partial",
            );
        }
        if complete && c.complete_through.is_none() {
            load.problem(
                &at,
                Some("status"),
                "a complete collection needs `complete_through`: the date it is complete to",
            );
        }
        // A partial collection checked against no list states nothing a source could back.
        let fact = if c.evidence.is_empty() && !complete {
            None
        } else {
            Some(load.fact(&at, format!("collection/{}", c.id), None, &c.evidence, &c.alternatives))
        };
        load.insert(
            &at,
            "INSERT INTO collection (id, fact, title, definition, status, missing, complete_through) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![c.id, fact, c.title, c.definition, c.status.as_str(), c.missing, iso(&c.complete_through)],
        );
    }
    for (file, row) in rows(corpus, |d| &d.collection_entry) {
        let e = row.get_ref();
        let at = here(file, row, format!("collection_entry {:?} of {}", e.label, e.collection));
        load.refer(&at, "collection", "collection", &e.collection);
        match &e.agreement {
            Some(agreement) => load.refer(&at, "agreement", "agreement", agreement),
            None if status.get(e.collection.as_str()) == Some(&CollectionStatus::Complete) => load.problem(
                &at,
                None,
                "every entry of a complete collection names the agreement that answers it; \
                 add the agreement or mark the collection partial",
            ),
            None => {}
        }
        let key = format!("collection_entry/{}/{}", e.collection, e.label);
        let fact = load.fact(&at, key, None, &e.evidence, &e.alternatives);
        load.insert(
            &at,
            "INSERT INTO collection_entry (fact, collection, label, agreement) VALUES (?1, ?2, ?3, ?4)",
            params![fact, e.collection, e.label, e.agreement],
        );
    }
}

/// Loads the `[[name]]` rows: names in other languages, each a fact of its actor or
/// agreement, searchable under that row's names.
pub(crate) fn names(load: &mut Load<'_>) {
    for (file, row) in rows(load.corpus, |d| &d.name) {
        let n = row.get_ref();
        let at = here(file, row, format!("name {:?} ({})", n.name, n.language));
        let owner = match (&n.actor, &n.agreement) {
            (Some(actor), None) => {
                load.refer(&at, "actor", "actor", actor);
                ("actor", actor.as_str())
            }
            (None, Some(agreement)) => {
                load.refer(&at, "agreement", "agreement", agreement);
                ("agreement", agreement.as_str())
            }
            _ => {
                load.problem(&at, None, "give exactly one of actor and agreement");
                continue;
            }
        };
        load.lookable(&at, "name", &n.name);
        // A name is a fact about words: its evidence must show them.
        if !n.evidence.iter().any(|e| e.quote.contains(n.name.as_str())) {
            load.problem(&at, Some("evidence"), "no quote of its evidence contains the name; quote the words");
        }
        let key = format!("name/{}/{}/{}/{}", owner.0, owner.1, n.language, n.name);
        let fact = load.fact(&at, key, Some(owner), &n.evidence, &n.alternatives);
        load.insert(
            &at,
            "INSERT INTO name (fact, actor, agreement, name, language, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![fact, n.actor, n.agreement, n.name, n.language, n.kind.as_str()],
        );
        load.texts.add(owner.0, owner.1, Column::Names, &n.name);
    }
}
