#!/usr/bin/env python3
"""The same SQL as pactum's query families, through Python's sqlite3 module.

What an analyst would otherwise use: open the exported database file and run the
queries by hand. Prints the median time per query family, to compare with
`cargo bench --bench queries` (see BENCHMARKS.md).

    python3 benches/python_sqlite.py [DATABASE]   # default: src/pactum.sqlite3

The image compiled into pactum and src/pactum.sqlite3 are the same bytes; any
file written with `Dataset::bundled_image()` is too.
"""
import pathlib
import sqlite3
import statistics
import sys
import time

ON = "2025-01-01"
AGREEMENT = "g.id, g.fact, g.kind, g.legal_nature, g.title, g.short_title, g.summary, g.parent, g.supersedes"
ACTOR = ("a.id, a.fact, a.kind, a.name, a.short_name, a.parent, a.description, a.iso_alpha2, a.iso_alpha3, "
         "a.iso_numeric, a.cow_code, a.wikidata")


def lookup_agreement(c):
    return c.execute(f"SELECT {AGREEMENT} FROM agreement g WHERE g.id = ?", ("eu-japan-sdp",)).fetchone()


def lookup_actor_by_code(c):
    actor = c.execute(f"SELECT {ACTOR} FROM actor a WHERE a.iso_alpha3 = ?", ("KOR",)).fetchone()
    aliases = c.execute("SELECT name, kind FROM alias WHERE actor = ? ORDER BY name", (actor[0],)).fetchall()
    return actor, aliases


def partners(c):
    rows = c.execute(
        f"SELECT {ACTOR}, group_concat(DISTINCT p.agreement) FROM party p "
        "JOIN party other ON other.agreement = p.agreement AND other.actor <> p.actor "
        "AND other.role IN ('party', 'buyer', 'supplier') JOIN actor a ON a.id = other.actor "
        "WHERE p.actor = ?1 AND p.role IN ('party', 'buyer', 'supplier') "
        "AND CASE WHEN ?2 IS NULL "
        "THEN EXISTS (SELECT 1 FROM milestone m WHERE m.agreement = p.agreement AND m.stage >= 3) "
        "ELSE (SELECT max(m.stage) FROM milestone m WHERE m.agreement = p.agreement AND m.date_last <= ?2) = 4 END "
        "GROUP BY a.id ORDER BY a.id",
        ("jp", ON),
    ).fetchall()
    ids = "[" + ",".join(f'"{r[0]}"' for r in rows) + "]"
    aliases = c.execute(
        "SELECT actor, name, kind FROM alias WHERE actor IN (SELECT value FROM json_each(?)) ORDER BY actor, name",
        (ids,),
    ).fetchall()
    return rows, aliases


def between(c):
    a, b = c.execute(
        "SELECT (SELECT party_rows FROM actor WHERE id = ?1), (SELECT party_rows FROM actor WHERE id = ?2)",
        ("jp", "gb"),
    ).fetchone()
    small, large = ("jp", "gb") if a <= b else ("gb", "jp")
    return c.execute(
        f"SELECT {AGREEMENT} FROM agreement g WHERE g.id IN (SELECT p.agreement FROM party p WHERE p.actor = ?1 "
        "AND EXISTS (SELECT 1 FROM party q WHERE q.agreement = p.agreement AND q.actor = ?2)) ORDER BY g.id",
        (small, large),
    ).fetchall()


def status(c):
    return c.execute(
        "SELECT (SELECT max(stage) FROM milestone WHERE agreement = ?1 AND date_last <= ?2) FROM agreement WHERE id = ?1",
        ("russia-dprk-treaty-2024", ON),
    ).fetchone()


def in_force(c):
    return c.execute(
        f"SELECT {AGREEMENT} FROM agreement g WHERE g.id IN (SELECT m.agreement FROM milestone m "
        "WHERE m.date_last <= ? GROUP BY m.agreement HAVING max(m.stage) = 4) ORDER BY g.id",
        (ON,),
    ).fetchall()


def area(c):
    return c.execute(
        "WITH RECURSIVE within(id) AS (SELECT ? UNION SELECT area.id FROM area JOIN within ON area.parent = within.id) "
        f"SELECT {AGREEMENT} FROM agreement g WHERE g.id IN (SELECT c.agreement FROM coverage c "
        "WHERE c.area IN (SELECT id FROM within) AND c.status = 'in_text') ORDER BY g.id",
        ("defence-industry",),
    ).fetchall()


def timeline(c):
    return c.execute(
        "SELECT * FROM (SELECT m.date AS date, m.fact, 'milestone', m.kind, m.status, "
        "coalesce(g.short_title, g.title), g.id, NULL, m.place, m.id AS seq "
        "FROM party p JOIN milestone m ON m.agreement = p.agreement JOIN agreement g ON g.id = m.agreement "
        "WHERE p.actor = ?1 GROUP BY m.id UNION ALL "
        "SELECT e.date, e.fact, 'event', e.kind, NULL, e.title, e.agreement, e.id, e.place, 0 "
        "FROM participant t JOIN event e ON e.id = t.event WHERE t.actor = ?1) "
        "ORDER BY date IS NULL, date, seq",
        ("kr",),
    ).fetchall()


def search(c):
    # What pactum does: each row's best matching text, then snippets for those alone.
    seen, best = set(), []
    for text, kind, ref in c.execute(
        "SELECT rowid, kind, ref FROM search WHERE search MATCH ? "
        "ORDER BY kind = 'source', bm25(search) * CASE field WHEN 'names' THEN 10.0 "
        "WHEN 'body' THEN 4.0 WHEN 'quotes' THEN 1.0 ELSE 0.5 END, kind, ref",
        ("howitzer*",),
    ):
        if (kind, ref) not in seen:
            seen.add((kind, ref))
            best.append((text, kind, ref))
    wanted = "[" + ",".join(str(text) for text, _, _ in best) + "]"
    snippets = dict(
        c.execute(
            "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?2)) "
            "THEN snippet(search, 3, '[', ']', '…', 12) END FROM search WHERE search MATCH ?1",
            ("howitzer*", wanted),
        )
    )
    return [(kind, ref, snippets[text]) for text, kind, ref in best]


def open_db(path):
    c = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    c.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    c.close()


FAMILIES = [lookup_agreement, lookup_actor_by_code, partners, between, status, in_force, area, timeline, search]


def measure(fn, budget=1.0):
    """Median time per call in µs, over batches filling about `budget` seconds."""
    fn()
    start, n = time.perf_counter(), 0
    while time.perf_counter() - start < 0.05:
        fn()
        n += 1
    batch = max(1, n // 5)
    times = []
    deadline = time.perf_counter() + budget
    while time.perf_counter() < deadline or len(times) < 5:
        t = time.perf_counter()
        for _ in range(batch):
            fn()
        times.append((time.perf_counter() - t) / batch)
    return statistics.median(times) * 1e6


def main():
    path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent / "src" / "pactum.sqlite3")
    print(f"Python {sys.version.split()[0]}, sqlite3 {sqlite3.sqlite_version}, {path}")
    print(f"{'open':<22} {measure(lambda: open_db(path)):10.2f} µs")
    c = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    for fn in FAMILIES:
        print(f"{fn.__name__:<22} {measure(lambda: fn(c)):10.2f} µs")


if __name__ == "__main__":
    main()
