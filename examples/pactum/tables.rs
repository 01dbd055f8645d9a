//! The tables several subcommands print: agreements, areas and other names.

use pactum::{Agreement, Alias, Area};

use crate::render::{Section, opt};

/// An actor's or agreement's other names, with their languages.
pub fn alias_table(aliases: &[Alias]) -> Section {
    let mut table = Section::new("aliases", &["name", "kind", "language", "fact"]);
    for alias in aliases {
        let fact = alias.fact.map(|f| f.0.to_string()).unwrap_or_default();
        table.row([alias.name.clone(), alias.kind.to_string(), opt(&alias.language), fact]);
    }
    table
}

/// Agreements, one a row.
pub fn agreement_table(agreements: &[Agreement]) -> Section {
    let mut table = Section::new("agreements", &["id", "kind", "legal_nature", "title", "fact"]);
    for g in agreements {
        table.row([
            g.id.clone(),
            g.kind.to_string(),
            g.legal_nature.to_string(),
            g.label().to_owned(),
            g.fact.0.to_string(),
        ]);
    }
    table
}

/// Cooperation areas, one a row, under a title of the caller's.
pub fn area_table(key: &'static str, areas: &[Area]) -> Section {
    let mut table = Section::new(key, &["id", "name", "parent"]);
    for a in areas {
        table.row([a.id.clone(), a.name.clone(), opt(&a.parent)]);
    }
    table
}
