#!/usr/bin/env python3
"""Prints criterion's results as Markdown tables, with the ratios that matter.

Run after `cargo bench`:  python3 benches/report.py
Reads target/criterion/<group>/<function>/new/estimates.json (median, in ns).
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def median(path):
    with open(path / "new" / "estimates.json") as f:
        return json.load(f)["median"]["point_estimate"]


def show(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def families():
    print("| family | pactum | hand-written SQL | in-memory | pactum / SQL | pactum / memory |")
    print("|---|---:|---:|---:|---:|---:|")
    for group in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in ("scale", "report")):
        runs = {f.name: median(f) for f in group.iterdir() if (f / "new").exists()}
        if "pactum" not in runs:
            continue
        p, s, m = runs.get("pactum"), runs.get("sql"), runs.get("memory")
        print(
            f"| {group.name} | {show(p)} | {show(s) if s else '–'} | {show(m) if m else '–'} | "
            f"{p / s:.2f}× | " if s else f"| {group.name} | {show(p)} | – | – | – | ",
            end="",
        )
        print(f"{p / m:.0f}× |" if m else "– |")


def scale():
    group = root / "scale"
    if not group.exists():
        return
    rows = {}
    for family in group.iterdir():
        if not family.is_dir() or family.name == "report":
            continue
        for size in family.iterdir():
            if (size / "new").exists():
                rows.setdefault(family.name, {})[int(size.name)] = median(size)
    sizes = sorted({n for r in rows.values() for n in r})
    print("\n| family | " + " | ".join(f"10^{len(str(n)) - 1}" for n in sizes) + " | largest / smallest |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    for name, r in sorted(rows.items()):
        cells = [show(r[n]) if n in r else "–" for n in sizes]
        ratio = r[sizes[-1]] / r[sizes[0]] if sizes[0] in r and sizes[-1] in r else float("nan")
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f}× |")


if __name__ == "__main__":
    if not root.exists():
        sys.exit("no criterion results: run `cargo bench` first")
    families()
    scale()
