//! The bundled data's text, compiled into the builder so that users' data can be
//! built on it. Written by `cargo run --example bless --features build`; a test
//! checks that it lists every file of `schema/data/`.

/// Every data file, by name, in the order the build reads them.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("actors.toml", include_str!("../../schema/data/actors.toml")),
    ("actors_official.toml", include_str!("../../schema/data/actors_official.toml")),
    ("areas.toml", include_str!("../../schema/data/areas.toml")),
    ("collections.toml", include_str!("../../schema/data/collections.toml")),
    ("data9_korea_europe.toml", include_str!("../../schema/data/data9_korea_europe.toml")),
    ("eu_collections.toml", include_str!("../../schema/data/eu_collections.toml")),
    ("eu_fpa.toml", include_str!("../../schema/data/eu_fpa.toml")),
    ("eu_partnerships.toml", include_str!("../../schema/data/eu_partnerships.toml")),
    ("eu_partnerships_more.toml", include_str!("../../schema/data/eu_partnerships_more.toml")),
    ("frames.toml", include_str!("../../schema/data/frames.toml")),
    ("gaps_agreements.toml", include_str!("../../schema/data/gaps_agreements.toml")),
    ("japan_actors.toml", include_str!("../../schema/data/japan_actors.toml")),
    ("japan_defence_memoranda.toml", include_str!("../../schema/data/japan_defence_memoranda.toml")),
    ("japan_network.toml", include_str!("../../schema/data/japan_network.toml")),
    ("japan_security_agreements.toml", include_str!("../../schema/data/japan_security_agreements.toml")),
    ("japan_security_declarations.toml", include_str!("../../schema/data/japan_security_declarations.toml")),
    ("korea_actors.toml", include_str!("../../schema/data/korea_actors.toml")),
    ("korea_europe.toml", include_str!("../../schema/data/korea_europe.toml")),
    ("korea_exports.toml", include_str!("../../schema/data/korea_exports.toml")),
    ("korean_arms.toml", include_str!("../../schema/data/korean_arms.toml")),
    ("names_existing.toml", include_str!("../../schema/data/names_existing.toml")),
    ("names_japan.toml", include_str!("../../schema/data/names_japan.toml")),
    ("names_japan_collections.toml", include_str!("../../schema/data/names_japan_collections.toml")),
    ("names_korea.toml", include_str!("../../schema/data/names_korea.toml")),
    ("names_korea_collections.toml", include_str!("../../schema/data/names_korea_collections.toml")),
    ("names_poland.toml", include_str!("../../schema/data/names_poland.toml")),
    ("names_seed.toml", include_str!("../../schema/data/names_seed.toml")),
    ("names_states.toml", include_str!("../../schema/data/names_states.toml")),
    ("names_states_more.toml", include_str!("../../schema/data/names_states_more.toml")),
    ("nato_ip4.toml", include_str!("../../schema/data/nato_ip4.toml")),
    ("officials.toml", include_str!("../../schema/data/officials.toml")),
    ("rd_treaties_transfers.toml", include_str!("../../schema/data/rd_treaties_transfers.toml")),
    ("russia_dprk.toml", include_str!("../../schema/data/russia_dprk.toml")),
    ("seed_article.toml", include_str!("../../schema/data/seed_article.toml")),
    ("ua_security_agreements.toml", include_str!("../../schema/data/ua_security_agreements.toml")),
];

/// The data's release: its version and the date it is current through.
pub(crate) const RELEASE: &str = include_str!("../../schema/release.toml");

/// The numbers given to the bundled facts' keys.
pub(crate) const FACT_IDS: &str = include_str!("../../schema/fact_ids.tsv");
