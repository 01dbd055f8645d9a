-- pactum schema, version 1.
--
-- Every table that states a fact carries a `fact` column: a row of the `fact`
-- table, so that one `evidence` table (with real foreign keys) can back any
-- row of any table. Dates are ISO 8601 text of year, month or day precision
-- ('2024', '2024-06', '2024-06-19'); each dated table also stores the last
-- day the date can mean (`*_last`), which is what "on or before" queries use.

PRAGMA foreign_keys = ON;

-- The data's own release, one row: its semver version and the date it is current
-- through. A user's build without a release of its own leaves both empty.
CREATE TABLE release (
    version         TEXT CHECK (version GLOB '[0-9]*.[0-9]*.[0-9]*'),
    current_through TEXT
                    CHECK (current_through GLOB '[12][0-9][0-9][0-9]' OR (current_through GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(current_through || '-01', '+0 days') IS NOT NULL) OR date(current_through, '+0 days') IS current_through)
) STRICT;

CREATE TABLE source (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN (
                    'official', 'news_agency', 'newspaper', 'broadcaster',
                    'specialist_press', 'think_tank', 'company', 'reference', 'other')),
    publisher   TEXT NOT NULL CHECK (publisher <> ''),
    title       TEXT NOT NULL CHECK (title <> ''),
    published   TEXT
                CHECK (published GLOB '[12][0-9][0-9][0-9]' OR (published GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(published || '-01', '+0 days') IS NOT NULL) OR date(published, '+0 days') IS published),
    url         TEXT CHECK (url LIKE 'http%://%'),
    language    TEXT NOT NULL DEFAULT 'en',
    note        TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE fact (
    id          INTEGER PRIMARY KEY,
    tbl         TEXT NOT NULL CHECK (tbl IN (
                    'actor', 'membership', 'post', 'agreement', 'party', 'milestone',
                    'provision', 'coverage', 'system', 'line_item', 'event', 'participant',
                    'alternative', 'collection', 'collection_entry', 'name')),
    -- The fact's table and natural key, e.g. `milestone/eu-japan-sdp/signed/-`:
    -- what its id stands for, release after release (see `schema/fact_ids.tsv`).
    key         TEXT NOT NULL UNIQUE CHECK (key GLOB tbl || '/*')
) STRICT;

CREATE TABLE evidence (
    fact        INTEGER NOT NULL REFERENCES fact(id),
    source      TEXT NOT NULL REFERENCES source(id),
    quote       TEXT NOT NULL CHECK (length(quote) BETWEEN 1 AND 400),
    confidence  TEXT NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
    PRIMARY KEY (fact, source, quote)
) STRICT, WITHOUT ROWID;
CREATE INDEX evidence_by_source ON evidence(source);

CREATE TABLE actor (
    id          TEXT PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    kind        TEXT NOT NULL CHECK (kind IN (
                    'state', 'international_organisation', 'institution', 'person',
                    'company', 'grouping')),
    name        TEXT NOT NULL CHECK (name <> ''),
    short_name  TEXT,
    parent      TEXT REFERENCES actor(id),
    description TEXT,
    iso_alpha2  TEXT CHECK (iso_alpha2 GLOB '[A-Z][A-Z]'),
    iso_alpha3  TEXT CHECK (iso_alpha3 GLOB '[A-Z][A-Z][A-Z]'),
    iso_numeric INTEGER CHECK (iso_numeric BETWEEN 1 AND 999),
    cow_code    INTEGER CHECK (cow_code BETWEEN 2 AND 999),
    wikidata    TEXT CHECK (wikidata GLOB 'Q[1-9]*'),
    party_rows  INTEGER NOT NULL DEFAULT 0,     -- kept by the trigger on party
    CHECK (kind = 'state' OR (iso_alpha2 IS NULL AND iso_alpha3 IS NULL
                              AND iso_numeric IS NULL AND cow_code IS NULL))
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX actor_by_iso2 ON actor(iso_alpha2) WHERE iso_alpha2 IS NOT NULL;
CREATE UNIQUE INDEX actor_by_iso3 ON actor(iso_alpha3) WHERE iso_alpha3 IS NOT NULL;
CREATE INDEX actor_by_kind ON actor(kind);

CREATE TABLE alias (
    actor       TEXT NOT NULL REFERENCES actor(id),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('abbreviation', 'former_name', 'alternative', 'native')),
    PRIMARY KEY (actor, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX alias_by_name ON alias(name COLLATE NOCASE);

-- Membership of a state (or body) in an organisation or grouping.
CREATE TABLE membership (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    member      TEXT NOT NULL REFERENCES actor(id),
    organisation TEXT NOT NULL REFERENCES actor(id),
    valid_from       TEXT
                CHECK (valid_from GLOB '[12][0-9][0-9][0-9]' OR (valid_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(valid_from || '-01', '+0 days') IS NOT NULL) OR date(valid_from, '+0 days') IS valid_from),
    valid_from_last  TEXT GENERATED ALWAYS AS (CASE length(valid_from)
                    WHEN 4 THEN valid_from || '-12-31'
                    WHEN 7 THEN date(valid_from || '-01', '+1 month', '-1 day')
                    ELSE valid_from END) VIRTUAL,
    valid_to         TEXT
                CHECK (valid_to GLOB '[12][0-9][0-9][0-9]' OR (valid_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(valid_to || '-01', '+0 days') IS NOT NULL) OR date(valid_to, '+0 days') IS valid_to),
    valid_to_last  TEXT GENERATED ALWAYS AS (CASE length(valid_to)
                    WHEN 4 THEN valid_to || '-12-31'
                    WHEN 7 THEN date(valid_to || '-01', '+1 month', '-1 day')
                    ELSE valid_to END) VIRTUAL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX membership_by_member ON membership(member);
CREATE INDEX membership_by_organisation ON membership(organisation);

-- A post held by a person (an office in an organisation or a state).
CREATE TABLE post (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    person      TEXT NOT NULL REFERENCES actor(id),
    title       TEXT NOT NULL CHECK (title <> ''),
    organisation TEXT NOT NULL REFERENCES actor(id),
    valid_from       TEXT
                CHECK (valid_from GLOB '[12][0-9][0-9][0-9]' OR (valid_from GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(valid_from || '-01', '+0 days') IS NOT NULL) OR date(valid_from, '+0 days') IS valid_from),
    valid_from_last  TEXT GENERATED ALWAYS AS (CASE length(valid_from)
                    WHEN 4 THEN valid_from || '-12-31'
                    WHEN 7 THEN date(valid_from || '-01', '+1 month', '-1 day')
                    ELSE valid_from END) VIRTUAL,
    valid_to         TEXT
                CHECK (valid_to GLOB '[12][0-9][0-9][0-9]' OR (valid_to GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(valid_to || '-01', '+0 days') IS NOT NULL) OR date(valid_to, '+0 days') IS valid_to),
    valid_to_last  TEXT GENERATED ALWAYS AS (CASE length(valid_to)
                    WHEN 4 THEN valid_to || '-12-31'
                    WHEN 7 THEN date(valid_to || '-01', '+1 month', '-1 day')
                    ELSE valid_to END) VIRTUAL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX post_by_person ON post(person);
CREATE INDEX post_by_organisation ON post(organisation);

CREATE TABLE area (
    id          TEXT PRIMARY KEY CHECK (id GLOB '[a-z]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    parent      TEXT REFERENCES area(id),
    name        TEXT NOT NULL CHECK (name <> ''),
    definition  TEXT NOT NULL CHECK (definition <> '')
) STRICT, WITHOUT ROWID;
CREATE INDEX area_by_parent ON area(parent);

CREATE TABLE agreement (
    id          TEXT PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    kind        TEXT NOT NULL CHECK (kind IN (
                    'security_and_defence_partnership', 'treaty', 'strategic_partnership_agreement',
                    'strategic_dialogue', 'framework_agreement', 'procurement_contract',
                    'strategy', 'joint_statement', 'programme', 'regulation')),
    legal_nature TEXT NOT NULL CHECK (legal_nature IN (
                    'binding_treaty', 'non_binding_instrument', 'commercial_contract',
                    'unilateral_policy', 'eu_legislation')),
    title       TEXT NOT NULL CHECK (title <> ''),
    short_title TEXT,
    summary     TEXT NOT NULL CHECK (summary <> ''),
    parent      TEXT REFERENCES agreement(id),
    supersedes  TEXT REFERENCES agreement(id)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_by_kind ON agreement(kind);
CREATE INDEX agreement_by_parent ON agreement(parent);

-- Who takes part in an agreement and how. A signatory is a person, and
-- `on_behalf_of` names the actor they signed for.
CREATE TABLE party (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    agreement   TEXT NOT NULL REFERENCES agreement(id),
    actor       TEXT NOT NULL REFERENCES actor(id),
    role        TEXT NOT NULL CHECK (role IN (
                    'party', 'signatory', 'supplier', 'buyer', 'author', 'witness', 'participant')),
    on_behalf_of TEXT REFERENCES actor(id),
    UNIQUE (agreement, actor, role)
) STRICT;
CREATE INDEX party_by_actor ON party(actor, agreement);

-- How many party rows name each actor, so that a query joining two actors' agreements
-- can start from the one with fewer.
CREATE TRIGGER party_rows AFTER INSERT ON party BEGIN
    UPDATE actor SET party_rows = party_rows + 1 WHERE id = NEW.actor;
END;

-- The dated lifecycle of an agreement. `reported` milestones are intentions and
-- targets as a source reported them, not things that happened. Where the day an
-- agreement entered into force cannot be found, `in_force_by` records that a source
-- says it was in force on `date`, and `not_in_force` that a source says it was not
-- (or not yet) in force on `date`.
CREATE TABLE milestone (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    agreement   TEXT NOT NULL REFERENCES agreement(id),
    kind        TEXT NOT NULL CHECK (kind IN (
                    'intention_announced', 'negotiations_launched', 'negotiations_concluded',
                    'agreed', 'adopted', 'signed', 'ratified', 'provisionally_applied',
                    'entered_into_force', 'in_force_by', 'not_in_force',
                    'superseded', 'terminated', 'expired')),
    status      TEXT NOT NULL DEFAULT 'happened' CHECK (status IN ('happened', 'reported_target')),
    date        TEXT
                CHECK (date GLOB '[12][0-9][0-9][0-9]' OR (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(date || '-01', '+0 days') IS NOT NULL) OR date(date, '+0 days') IS date),
    date_last  TEXT GENERATED ALWAYS AS (CASE length(date)
                    WHEN 4 THEN date || '-12-31'
                    WHEN 7 THEN date(date || '-01', '+1 month', '-1 day')
                    ELSE date END) VIRTUAL,
    actor       TEXT REFERENCES actor(id),
    place       TEXT,
    note        TEXT,
    stage       INTEGER CHECK (stage BETWEEN 1 AND 5),  -- set by the trigger below
    -- What a source said of a given day means nothing without the day.
    CHECK (kind NOT IN ('in_force_by', 'not_in_force') OR date IS NOT NULL)
) STRICT;
CREATE INDEX milestone_by_agreement ON milestone(agreement, date_last, stage);
CREATE INDEX milestone_by_date ON milestone(date_last, agreement, stage);

-- Provisions of an agreement, coded on ATOP's obligations where they fit.
CREATE TABLE provision (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    agreement   TEXT NOT NULL REFERENCES agreement(id),
    article     TEXT,
    obligation  TEXT NOT NULL CHECK (obligation IN (
                    'defence', 'offence', 'neutrality', 'non_aggression', 'consultation',
                    'proposal', 'other')),
    status      TEXT NOT NULL DEFAULT 'in_text' CHECK (status IN ('in_text', 'reported_proposal')),
    summary     TEXT NOT NULL CHECK (summary <> '')
) STRICT;
CREATE INDEX provision_by_agreement ON provision(agreement);

-- Which cooperation areas an agreement covers.
CREATE TABLE coverage (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    agreement   TEXT NOT NULL REFERENCES agreement(id),
    area        TEXT NOT NULL REFERENCES area(id),
    status      TEXT NOT NULL DEFAULT 'in_text' CHECK (status IN ('in_text', 'reported_plan')),
    UNIQUE (agreement, area, status)
) STRICT;
CREATE INDEX coverage_by_area ON coverage(area, agreement);

CREATE TABLE system (
    id          TEXT PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    name        TEXT NOT NULL CHECK (name <> ''),
    category    TEXT NOT NULL CHECK (category IN (
                    'main_battle_tank', 'self_propelled_howitzer', 'ammunition_resupply_vehicle',
                    'combat_aircraft', 'rocket_artillery', 'support_vehicle', 'other')),
    maker       TEXT REFERENCES actor(id)
) STRICT, WITHOUT ROWID;

-- What a procurement contract buys. Quantities and values are as stated by
-- the sources; a value the sources do not give stays NULL.
CREATE TABLE line_item (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    agreement   TEXT NOT NULL REFERENCES agreement(id),
    system      TEXT NOT NULL REFERENCES system(id),
    quantity    INTEGER CHECK (quantity > 0),
    quantity_is_maximum INTEGER NOT NULL DEFAULT 0 CHECK (quantity_is_maximum IN (0, 1)),
    value       REAL CHECK (value > 0),
    currency    TEXT CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    delivery_start TEXT
                CHECK (delivery_start GLOB '[12][0-9][0-9][0-9]' OR (delivery_start GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(delivery_start || '-01', '+0 days') IS NOT NULL) OR date(delivery_start, '+0 days') IS delivery_start),
    delivery_end TEXT
                CHECK (delivery_end GLOB '[12][0-9][0-9][0-9]' OR (delivery_end GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(delivery_end || '-01', '+0 days') IS NOT NULL) OR date(delivery_end, '+0 days') IS delivery_end),
    note        TEXT,
    CHECK ((value IS NULL) = (currency IS NULL)),
    CHECK (delivery_end IS NULL OR delivery_start IS NULL OR delivery_end >= delivery_start)
) STRICT;
CREATE INDEX line_item_by_agreement ON line_item(agreement);
CREATE INDEX line_item_by_system ON line_item(system);

-- Dated happenings that are not agreements: wars, summits, dialogues,
-- publications, interviews.
CREATE TABLE event (
    id          TEXT PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    kind        TEXT NOT NULL CHECK (kind IN (
                    'armed_conflict', 'summit', 'ministerial_meeting', 'dialogue',
                    'publication', 'interview', 'deployment', 'other')),
    title       TEXT NOT NULL CHECK (title <> ''),
    date        TEXT NOT NULL
                CHECK (date GLOB '[12][0-9][0-9][0-9]' OR (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(date || '-01', '+0 days') IS NOT NULL) OR date(date, '+0 days') IS date),
    date_last  TEXT GENERATED ALWAYS AS (CASE length(date)
                    WHEN 4 THEN date || '-12-31'
                    WHEN 7 THEN date(date || '-01', '+1 month', '-1 day')
                    ELSE date END) VIRTUAL,
    place       TEXT,
    agreement   TEXT REFERENCES agreement(id),
    summary     TEXT NOT NULL CHECK (summary <> '')
) STRICT, WITHOUT ROWID;
CREATE INDEX event_by_date ON event(date);
CREATE INDEX event_by_agreement ON event(agreement);

CREATE TABLE participant (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    event       TEXT NOT NULL REFERENCES event(id),
    actor       TEXT NOT NULL REFERENCES actor(id),
    UNIQUE (event, actor)
) STRICT;
CREATE INDEX participant_by_actor ON participant(actor, event);

-- Where sources disagree: each value any source gives for one field of one
-- row, with the one the dataset stores marked preferred and the reason.
CREATE TABLE alternative (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    subject     INTEGER NOT NULL REFERENCES fact(id),
    field       TEXT NOT NULL CHECK (field <> ''),
    value       TEXT NOT NULL CHECK (value <> ''),
    preferred   INTEGER NOT NULL CHECK (preferred IN (0, 1)),
    reason      TEXT NOT NULL CHECK (reason <> '')
) STRICT;
CREATE INDEX alternative_by_subject ON alternative(subject);

-- Collections: the declared scope of the data. Each collection defines a family of
-- agreements (and events) precisely, says whether the data holds all of it
-- (`complete`) or names what is known to be missing (`partial`), and the date through
-- which that holds. Its fact is that the enumerating lists it was checked against say
-- so; a partial collection checked against no list (such as `context`) states no
-- fact about the world and has none.
CREATE TABLE collection (
    id          TEXT PRIMARY KEY CHECK (id GLOB '[a-z]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    fact        INTEGER UNIQUE REFERENCES fact(id),
    title       TEXT NOT NULL CHECK (title <> ''),
    definition  TEXT NOT NULL CHECK (definition <> ''),
    status      TEXT NOT NULL CHECK (status IN ('complete', 'partial')),
    missing     TEXT CHECK (missing <> ''),
    complete_through TEXT
                CHECK (complete_through GLOB '[12][0-9][0-9][0-9]' OR (complete_through GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND date(complete_through || '-01', '+0 days') IS NOT NULL) OR date(complete_through, '+0 days') IS complete_through),
    complete_through_last TEXT GENERATED ALWAYS AS (CASE length(complete_through)
                    WHEN 4 THEN complete_through || '-12-31'
                    WHEN 7 THEN date(complete_through || '-01', '+1 month', '-1 day')
                    ELSE complete_through END) VIRTUAL,
    CHECK ((status = 'partial') = (missing IS NOT NULL)),
    CHECK (status = 'partial' OR (fact IS NOT NULL AND complete_through IS NOT NULL))
) STRICT, WITHOUT ROWID;

-- Which collections an agreement or an event belongs to.
CREATE TABLE collection_member (
    id          INTEGER PRIMARY KEY,
    collection  TEXT NOT NULL REFERENCES collection(id),
    agreement   TEXT REFERENCES agreement(id),
    event       TEXT REFERENCES event(id),
    CHECK ((agreement IS NULL) <> (event IS NULL)),
    UNIQUE (collection, agreement),
    UNIQUE (collection, event)
) STRICT;
CREATE INDEX collection_member_by_agreement ON collection_member(agreement, collection);
CREATE INDEX collection_member_by_event ON collection_member(event, collection);

-- A collection's enumerating list, entry by entry as its source names it, and the
-- agreement in the data that answers each entry (NULL where none does yet).
CREATE TABLE collection_entry (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    collection  TEXT NOT NULL REFERENCES collection(id),
    label       TEXT NOT NULL CHECK (label <> ''),
    agreement   TEXT REFERENCES agreement(id)
) STRICT;
CREATE INDEX collection_entry_by_collection ON collection_entry(collection);
CREATE INDEX collection_entry_by_agreement ON collection_entry(agreement);


-- How far along its lifecycle a happened milestone takes its agreement, set on
-- insert: 1 planned, 2 under negotiation, 3 concluded, 4 in force, 5 ended; NULL
-- for a reported target. Instruments that never enter into force in law
-- (non-binding instruments, unilateral policies, commercial contracts) take effect
-- when signed or adopted, and a non-binding instrument also when agreed: there is
-- no later step. `in_force_by` puts an agreement in force from its date on (it may
-- have been earlier; the data cannot say), and `not_in_force` moves no stage. An
-- agreement's status on a day is the highest stage among its milestones dated (to
-- their last possible day) on or before it.
CREATE TRIGGER milestone_stage AFTER INSERT ON milestone BEGIN
    UPDATE milestone SET stage = (
        SELECT CASE
            WHEN NEW.status <> 'happened' THEN NULL
            WHEN NEW.kind = 'intention_announced' THEN 1
            WHEN NEW.kind = 'negotiations_launched' THEN 2
            WHEN NEW.kind IN ('signed', 'adopted')
                 AND a.legal_nature IN ('non_binding_instrument', 'unilateral_policy', 'commercial_contract') THEN 4
            WHEN NEW.kind = 'agreed' AND a.legal_nature = 'non_binding_instrument' THEN 4
            WHEN NEW.kind IN ('negotiations_concluded', 'agreed', 'adopted', 'signed', 'ratified') THEN 3
            WHEN NEW.kind IN ('provisionally_applied', 'entered_into_force', 'in_force_by') THEN 4
            WHEN NEW.kind = 'not_in_force' THEN NULL
            ELSE 5
        END
        FROM agreement a WHERE a.id = NEW.agreement)
    WHERE id = NEW.id;
END;

-- Finding things the way people ask (issue 14) ---------------------------------

-- Names of actors and titles of agreements in the languages of their parties
-- (Japanese, Korean, Russian, Polish, ...): official names, short forms and
-- abbreviations, each a fact with its own evidence. `language` is an ISO 639 code:
-- 639-1 where there is one (ja, ko, ru, pl), else 639-3 (cnr).
CREATE TABLE name (
    id          INTEGER PRIMARY KEY,
    fact        INTEGER NOT NULL UNIQUE REFERENCES fact(id),
    actor       TEXT REFERENCES actor(id),
    agreement   TEXT REFERENCES agreement(id),
    name        TEXT NOT NULL CHECK (name <> ''),
    language    TEXT NOT NULL CHECK (language GLOB '[a-z][a-z]' OR language GLOB '[a-z][a-z][a-z]'),
    kind        TEXT NOT NULL CHECK (kind IN ('official', 'short', 'abbreviation', 'alternative', 'former_name')),
    CHECK ((actor IS NULL) <> (agreement IS NULL))
) STRICT;
CREATE UNIQUE INDEX name_of_actor ON name(actor, language, name) WHERE actor IS NOT NULL;
CREATE UNIQUE INDEX name_of_agreement ON name(agreement, language, name) WHERE agreement IS NOT NULL;

-- Every way of naming an actor or an agreement (id, codes, names, short names,
-- aliases, titles, names in other languages) under its folded key: lower case,
-- diacritics removed, punctuation as single spaces. Derived from the tables above
-- for Dataset::resolve.
CREATE TABLE search_lookup (
    key         TEXT NOT NULL,
    entity      TEXT NOT NULL CHECK (entity IN ('actor', 'agreement')),
    ref         TEXT NOT NULL,
    field       TEXT NOT NULL CHECK (field IN (
                    'id', 'iso_alpha2', 'iso_alpha3', 'iso_numeric', 'wikidata', 'name', 'short_name',
                    'alias', 'title', 'short_title')),
    text        TEXT NOT NULL,
    language    TEXT,
    PRIMARY KEY (key, entity, ref, field, text)
) STRICT, WITHOUT ROWID;

-- Full-text index: one row per text of an actor, agreement, event, area or
-- source (`kind`, `ref`). `field` says what the text is: `names` (a name, alias,
-- title, or what a contract buys), `body` (a summary, description, definition or
-- note) or `quotes` (an evidence quote of one of the row's facts); search weighs
-- them in that order. One more row per actor, agreement, … (`all`) holds its names
-- and body together, for queries whose words are spread over them. English words
-- are stemmed (porter): "howitzers" finds "howitzer".
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED, ref UNINDEXED, field UNINDEXED, text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- The texts in scripts written without spaces between words (Japanese, Chinese,
-- Thai) and in Korean, whose words carry their particles, by trigram: there a word
-- is a substring of a longer run. Read from `search`, not stored twice. (No
-- `remove_diacritics`: these scripts have none to remove, and SQLite before 3.45,
-- which Datasette and Python may bring, refuses the option.)
CREATE VIRTUAL TABLE search_trigram USING fts5(
    kind UNINDEXED, ref UNINDEXED, field UNINDEXED, text,
    content = 'search', tokenize = 'trigram'
);

-- Time as an axis (issue 11) -----------------------------------------------------

-- The first day each agreement reached each stage of its lifecycle: the earliest
-- last possible day (`since`) among its happened milestones of that stage, and the
-- date as the milestone gives it (`since_date`, with its precision); both NULL when
-- only undated milestones reached the stage. Kept by the trigger below as
-- milestones are inserted. An agreement's status on a day is the highest stage it
-- had reached by then, so a day's status is one lookup here.
CREATE TABLE stage_reached (
    agreement   TEXT NOT NULL REFERENCES agreement(id),
    stage       INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 5),
    since       TEXT,
    since_date  TEXT,
    PRIMARY KEY (agreement, stage)
) STRICT, WITHOUT ROWID;
CREATE INDEX stage_reached_by_stage ON stage_reached(stage, since, agreement);

CREATE TRIGGER milestone_reaches_stage AFTER UPDATE OF stage ON milestone
WHEN NEW.stage IS NOT NULL BEGIN
    INSERT INTO stage_reached (agreement, stage, since, since_date)
    VALUES (NEW.agreement, NEW.stage, NEW.date_last, NEW.date)
    ON CONFLICT (agreement, stage) DO UPDATE SET since = excluded.since, since_date = excluded.since_date
    WHERE since IS NULL OR excluded.since < since;
END;

-- Each agreement's period in force: from the first day it was in force (`start`,
-- from the milestone dated `start_date`) to the first day it had ended (`end`, from
-- `end_date`; NULL while it has not). An agreement that ended before or on the day
-- it would have entered into force has none. Every "in force on a day" answer
-- (status, filters, partners, the network, the panels) reads this.
CREATE VIEW in_force_interval AS
    SELECT s.agreement, s.since AS start, s.since_date AS start_date, e.since AS "end", e.since_date AS end_date
    FROM stage_reached s
    LEFT JOIN stage_reached e ON e.agreement = s.agreement AND e.stage = 5 AND e.since IS NOT NULL
    WHERE s.stage = 4 AND s.since IS NOT NULL AND (e.since IS NULL OR e.since > s.since);
