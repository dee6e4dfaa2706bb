"""Plans side by side: one row per province, level or year, from the database.

Each group (`compare(db, by, filters)`) holds:
- `plans`: the documents of the group the filters keep;
- inspection coverage: the percentage targets (`Kiểm tra từ 30% số cơ quan`) and the
  counts of bodies to inspect (`10 Ủy ban nhân dân cấp xã`) of the sections about
  inspection, as median and range;
- `subjects`: the distinct named inspection subjects (by agency key);
- when inspections happen: the months (and so quarters) covered by the periods
  (`Quý III/2020`, `Tháng 6 - 7/2022`) of sections about inspection, as the number of
  plans inspecting in each month;
- the reform areas addressed, as the share of the group's plans;
- the bodies most often put in the lead (`chủ trì`), plural groups left out;
- the central documents most cited (see pipeline/citegraph.py).

A section is "about inspection" when its heading or text names `kiểm tra` (folded):
Nghị định 30/2020 plans put the schedule and the scope under headings such as
`Thời gian kiểm tra`, `Đối tượng kiểm tra`. Forms it avoids: periods of a year or more
(`giai đoạn 2021-2025`), deadlines (they say when a report is due, not when an
inspection runs), and year-only dates.

Provinces are grouped as each document names its province on its date, or, with
`new_map=True`, as the 34 provinces from 1 July 2025 (`gazetteer.new_province`, from
the `vietnamadminunits` data): Kiên Giang and An Giang fall together in An Giang.
"""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Optional

import sqlite_utils

from pipeline.citegraph import Cited, edges, most_cited
from pipeline.search import Filters
from pipeline.textfold import fold_ascii

GROUPINGS = ("province", "level", "year")
NO_VALUE = "—"
TOP = 3
INSPECTION_WORD = "kiem tra"
MAX_PERIOD_MONTHS = 12


@dataclass(frozen=True)
class Spread:
    """Median and range of some numbers; all None when there are none."""
    median: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    count: int = 0

    @classmethod
    def of(cls, values: list[float]) -> "Spread":
        if not values:
            return cls()
        return cls(statistics.median(values), min(values), max(values), len(values))


@dataclass
class GroupRow:
    group: str
    plans: int = 0
    coverage: Spread = field(default_factory=Spread)   # percentages
    bodies: Spread = field(default_factory=Spread)     # counts of bodies to inspect
    subjects: int = 0
    months: dict[int, int] = field(default_factory=dict)  # month → plans inspecting then
    quarters: dict[int, int] = field(default_factory=dict)  # quarter → plans inspecting then
    areas: dict[str, float] = field(default_factory=dict)  # area → share of plans
    leads: list[tuple[str, int]] = field(default_factory=list)
    cited: list[Cited] = field(default_factory=list)


# --- documents and their groups ------------------------------------------------------

def _documents(db: sqlite_utils.Database, filters: Filters) -> list[dict]:
    where, args = filters.sql(db)
    return list(db.query("SELECT d.id, d.province, d.level, d.issued_date FROM documents d "
                         f"WHERE 1{where} ORDER BY d.id", args))


def group_key(by: str, new_map: bool = False) -> Callable[[dict], str]:
    """The function naming a document's group."""
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}: use one of {', '.join(GROUPINGS)}")
    if by == "level":
        return lambda doc: doc["level"] or NO_VALUE
    if by == "year":
        return lambda doc: (doc["issued_date"] or "")[:4] or NO_VALUE
    return lambda doc: _province_group(doc, new_map)


def _province_group(doc: dict, new_map: bool) -> str:
    province = doc["province"]
    if not province:
        return "(trung ương)" if doc["level"] == "trung ương" else NO_VALUE
    if new_map:
        from pipeline.gazetteer import new_province  # the map loads on first use only
        return new_province(province) or province
    return province


# --- facts per document ---------------------------------------------------------------

_INSPECTION_SECTIONS = """
SELECT s.document_id, s.section_id, coalesce(s.heading, '') || ' ' || coalesce(s.text, '')
FROM sections s
"""


def _inspection_sections(db: sqlite_utils.Database) -> set[tuple[int, str]]:
    return {(doc_id, section_id) for doc_id, section_id, text
            in db.execute(_INSPECTION_SECTIONS).fetchall()
            if INSPECTION_WORD in fold_ascii(text)}


def _targets(db, about: set) -> dict[int, list[tuple[float, bool]]]:
    found: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for doc_id, section, value, is_percent in db.execute(
            "SELECT document_id, section, value, is_percent FROM targets").fetchall():
        if (doc_id, section) in about:
            found[doc_id].append((value, bool(is_percent)))
    return found


def _months(db, about: set) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for doc_id, section, start, end in db.execute(
            "SELECT document_id, section, start, \"end\" FROM timelines "
            "WHERE kind = 'period'").fetchall():
        if (doc_id, section) in about:
            found[doc_id] |= months_between(start, end)
    return found


def months_between(start: Optional[str], end: Optional[str]) -> set[int]:
    """`2020-07`..`2020-09` → {7, 8, 9}; year-only or longer than a year → set()."""
    if not start or not end or len(start) < 7 or len(end) < 7:
        return set()
    first = int(start[:4]) * 12 + int(start[5:7]) - 1
    last = int(end[:4]) * 12 + int(end[5:7]) - 1
    if not 0 <= last - first < MAX_PERIOD_MONTHS:
        return set()
    return {month % 12 + 1 for month in range(first, last + 1)}


def _children(db, sql: str) -> dict[int, list]:
    found: dict[int, list] = defaultdict(list)
    for doc_id, value in db.execute(sql).fetchall():
        found[doc_id].append(value)
    return found


def _leads(db) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, key, name in db.execute(
            "SELECT document_id, agency_key, agency_canonical FROM responsibilities "
            "WHERE role = 'chủ trì' AND is_group = 0").fetchall():
        found[doc_id].append((key, name))
    return found


@dataclass
class _Facts:
    targets: dict
    months: dict
    subjects: dict
    areas: dict
    leads: dict


def _facts(db: sqlite_utils.Database) -> _Facts:
    about = _inspection_sections(db)
    return _Facts(
        targets=_targets(db, about), months=_months(db, about),
        subjects=_children(db, "SELECT document_id, name_key FROM inspection_subjects"),
        areas=_children(db, "SELECT document_id, area FROM areas"),
        leads=_leads(db))


# --- the comparison ------------------------------------------------------------------

def compare(db: sqlite_utils.Database, by: str = "province",
            filters: Optional[Filters] = None, new_map: bool = False) -> list[GroupRow]:
    """One row per group, groups in order of their name (the unknown one last)."""
    key = group_key(by, new_map)
    groups: dict[str, list[int]] = defaultdict(list)
    for doc in _documents(db, filters or Filters()):
        groups[key(doc)].append(doc["id"])
    facts, all_edges = _facts(db), edges(db)
    order = sorted(groups, key=lambda g: (g == NO_VALUE, fold_ascii(g)))
    return [_row(name, groups[name], facts, db, all_edges) for name in order]


def _row(name: str, ids: list[int], facts: _Facts, db, all_edges) -> GroupRow:
    targets = [t for i in ids for t in facts.targets.get(i, [])]
    return GroupRow(
        group=name, plans=len(ids),
        coverage=Spread.of([v for v, percent in targets if percent]),
        bodies=Spread.of([v for v, percent in targets if not percent]),
        subjects=len({k for i in ids for k in facts.subjects.get(i, [])}),
        months=_per_plan(ids, facts.months, lambda m: m),
        quarters=_per_plan(ids, facts.months, lambda m: (m - 1) // 3 + 1),
        areas=_shares(ids, facts.areas),
        leads=_most_frequent(ids, facts.leads),
        cited=most_cited(db, TOP, central_only=True, among=set(ids), all_edges=all_edges))


def _per_plan(ids: list[int], months: dict[int, set[int]], unit) -> dict[int, int]:
    """Month (or quarter) → the number of plans inspecting in it."""
    counts = Counter(u for i in ids for u in {unit(m) for m in months.get(i, ())})
    return dict(sorted(counts.items()))


def _shares(ids: list[int], areas: dict[int, list[str]]) -> dict[str, float]:
    counts = Counter(a for i in ids for a in set(areas.get(i, [])))
    return {area: n / len(ids) for area, n in counts.most_common()}


def _most_frequent(ids: list[int], leads: dict) -> list[tuple[str, int]]:
    """Lead bodies by the number of plans leading with them (not of mentions)."""
    plans: Counter = Counter()
    names: dict[str, str] = {}
    for i in ids:
        for key, name in set(leads.get(i, [])):
            plans[key] += 1
            names.setdefault(key, name)
    ranked = sorted(plans, key=lambda k: (-plans[k], names[k]))
    return [(names[k], plans[k]) for k in ranked[:TOP]]
