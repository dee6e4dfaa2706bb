"""The comparison as text: the cells a person reads, a terminal table, and CSV.

Cells (`cells`) are short: coverage as `30% (20–50)`, quarters as `Q2:1 Q3:2`, the top
areas with their share, lead bodies and cited documents with their counts. CSV
(`write_csv`) keeps the numbers apart for a spreadsheet: one column per figure, per
month and per reform area.
"""
from __future__ import annotations

import csv
import textwrap
import unicodedata
from typing import IO

from pipeline.compare import TOP, GroupRow, Spread

HEADERS = ["group", "plans", "coverage %", "bodies to inspect", "named subjects",
           "inspection quarters", "reform areas (share of plans)", "lead bodies (plans)",
           "most cited central documents"]


def _spread_text(spread: Spread, unit: str = "") -> str:
    if spread.median is None:
        return "—"
    if spread.low == spread.high:
        return f"{spread.median:g}{unit}"
    return f"{spread.median:g}{unit} ({spread.low:g}–{spread.high:g})"


def _counts_text(counts: dict[int, int], prefix: str) -> str:
    return " ".join(f"{prefix}{k}:{v}" for k, v in counts.items()) or "—"


def cells(row: GroupRow) -> list[str]:
    """The row as the text of each column of HEADERS."""
    areas = "; ".join(f"{a} {s:.0%}" for a, s in list(row.areas.items())[:TOP]) or "—"
    leads = "; ".join(f"{name} ({n})" for name, n in row.leads) or "—"
    cited = "; ".join(f"{c.name} ({c.citing})" for c in row.cited) or "—"
    return [row.group, str(row.plans), _spread_text(row.coverage, "%"),
            _spread_text(row.bodies), str(row.subjects), _counts_text(row.quarters, "Q"),
            areas, leads, cited]


# --- terminal ----------------------------------------------------------------------------

def _width(text: str) -> int:
    """Columns on a terminal: combining marks take none (NFD input, rare)."""
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, cut at spaces (a long word stays whole)."""
    return textwrap.wrap(text, width, break_long_words=False) or [""]


def text_table(rows: list[GroupRow], wrap: int = 34) -> str:
    """A plain-text table, long cells wrapped to `wrap` columns."""
    table = [[_wrap(c, wrap) for c in HEADERS]] + [[_wrap(c, wrap) for c in cells(r)]
                                                   for r in rows]
    widths = [max(_width(line) for row in table for line in row[i]) for i in range(len(HEADERS))]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [rule]
    for n, row in enumerate(table):
        for k in range(max(len(cell) for cell in row)):
            parts = [(cell[k] if k < len(cell) else "") for cell in row]
            out.append("| " + " | ".join(p + " " * (w - _width(p))
                                         for p, w in zip(parts, widths)) + " |")
        if n == 0 or n == len(table) - 1:
            out.append(rule)
    return "\n".join(out)


# --- CSV ---------------------------------------------------------------------------------

def csv_header(rows: list[GroupRow]) -> list[str]:
    areas = sorted({a for r in rows for a in r.areas})
    return (["group", "plans", "coverage_median", "coverage_min", "coverage_max",
             "coverage_targets", "bodies_median", "bodies_min", "bodies_max",
             "named_subjects"] + [f"month_{m:02d}" for m in range(1, 13)]
            + [f"q{q}" for q in range(1, 5)] + [f"area: {a}" for a in areas]
            + ["lead_bodies", "most_cited_central"])


def csv_row(row: GroupRow, areas: list[str]) -> list:
    return ([row.group, row.plans, row.coverage.median, row.coverage.low, row.coverage.high,
             row.coverage.count, row.bodies.median, row.bodies.low, row.bodies.high,
             row.subjects] + [row.months.get(m, 0) for m in range(1, 13)]
            + [row.quarters.get(q, 0) for q in range(1, 5)]
            + [round(row.areas.get(a, 0.0), 3) for a in areas]
            + ["; ".join(f"{name} ({n})" for name, n in row.leads),
               "; ".join(f"{c.name} ({c.citing})" for c in row.cited)])


def write_csv(rows: list[GroupRow], out: IO[str]) -> None:
    header = csv_header(rows)
    areas = [h.removeprefix("area: ") for h in header if h.startswith("area: ")]
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in csv_row(row, areas)])
