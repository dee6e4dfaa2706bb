"""Timelines: when an activity happens or must be done (RECORD.md, "Timelines").

Reads, in the canonical text:
- quarters, Roman, Arabic or in words: `Quý III/2020`, `Quí IV-2025`,
  `Quý II - III năm 2023`, `quý ba năm 2023` → period of whole months;
- months and month ranges: `tháng 5/2022`, `Tháng 6 - 7/2022`,
  `tháng 10- 11 năm 2022`, `vào tháng 12 năm 2010`;
- ranges of two points: `từ Quý II năm 2024 đến hết Quý III năm 2024`,
  `từ ngày 01/6/2022 đến ngày 30/6/2022`;
- deadlines: `trước ngày 20/5/2022`, `chậm nhất ngày 20/5/2022`,
  `trước ngày 30 tháng 11 năm 2012`, `hoàn thành trước tháng 5 năm 2022`,
  `Đến hết năm 2025:` → start null, end the boundary named;
- ongoing: `thường xuyên trong năm 2023` (2023..2023), `… và những năm tiếp
  theo` / `(2026 trở đi)` (end null), `từ ngày 01 tháng 7 năm 2025` (end null),
  `(xuyên suốt 2025 - 2035)`;
- years and year spans only where they are a time slot: after a label
  (`Thời gian thực hiện: năm 2023`), in a table cell of their own (`Năm
  2025 - 2026`), in parentheses closing a task (`(2025 - 2026)`);
- recurring (`định kỳ hằng quý`, `chậm nhất ngày 05 của các tháng 3, 6, 9,
  12`, `trước ngày 01/6 và 15/11 hằng năm`) and relative (`trước 05 ngày làm
  việc`, `trong thời hạn 10 ngày làm việc kể từ …`) phrases, start/end null.

Avoids: dates of cited documents (`số 12/KH-UBND ngày 20/5/2022`, skipped
here as well as through `skip`), the issue date (`ngày  tháng 3 năm 2022`),
a bare `năm 2022` or `giai đoạn 2021-2025` outside a time slot (the plan's
own period, `Chỉ số CCHC năm 2021`, `dự toán ngân sách năm 2024`), quarters
and months that name what is reported or budgeted (`báo cáo Quý I/2023`),
`từ năm 2020 đến nay` (the past).

Year-less dates (`trước ngày 30/9`) keep kind `deadline` with start and end
null: ISO needs a year, and guessing it from the plan's year is wrong as soon
as a deadline falls in the next year, so no year is borrowed from context.
A deadline's end is the boundary printed: a day, a month, a year; for a
quarter, its last month.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

from pipeline.record import Timeline

DATA = Path(__file__).resolve().parent.parent / "data" / "timeline_words.yaml"
YEAR = r"(?:19|20)\d{2}"
QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
                   "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4}
QUARTER_NUMBER = r"(?:IV|I{1,3}|[1-4]|một|hai|ba|bốn|tư)"
LEFT_WINDOW = 120
FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Atom:
    """One time expression: its span, first and last ISO point, grain."""
    start: int
    end: int
    first: Optional[str]
    last: Optional[str]
    grain: str           # date | month | quarter | year
    bare: bool = False   # a year printed without "năm"
    is_range: bool = False


# -- word lists --------------------------------------------------------------

@cache
def _words() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@cache
def _left(name: str) -> re.Pattern:
    """A cue that ends right before the expression."""
    return re.compile(r"(?:^|(?<=[\s(:;,.\-+]))(?:" + "|".join(_words()[name]) + r")\s*:?\s*$", FLAGS)


@cache
def _right(name: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(_words()[name]) + r")\b", FLAGS)


@cache
def _phrases(name: str) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(_words()[name]) + r")(?!\w)", FLAGS)


@cache
def _naming_left() -> re.Pattern:
    words = "|".join(_words()["naming_left"])
    return re.compile(rf"(?<!\w)(?:{words})(?:\s+[^\s.;:()]+){{0,5}}\s*$", FLAGS)


# -- time expressions --------------------------------------------------------

DMY = re.compile(
    rf"(?<![\d/.])(?:ngày\s+)?(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<y>{YEAR})(?![\d/])"
    rf"|ngày\s+(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})\s*,?\s*năm\s+(?P<y2>{YEAR})(?!\d)", FLAGS)
DM = re.compile(
    r"(?<![\d/.])(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?!\d|\s*,?\s*năm\s+\d)", FLAGS)
QUARTER = re.compile(
    rf"qu[ýíyi]\s+(?P<q1>{QUARTER_NUMBER})(?:\s*(?:-|–|,|và|đến)\s*(?:qu[ýíyi]\s+)?(?P<q2>{QUARTER_NUMBER}))?\b"
    rf"\s*(?:[/\-–,]\s*)?(?:năm\s+)?(?P<y>{YEAR})(?!\d)", FLAGS)
MONTH = re.compile(
    rf"tháng\s+(?P<m1>\d{{1,2}})(?:\s*(?:-|–|đến|và|,)\s*(?:tháng\s+)?(?P<m2>\d{{1,2}}))?"
    rf"\s*(?:/|-|–|,?\s*năm)\s*(?P<y>{YEAR})(?!\d)", FLAGS)
YEAR_SPAN = re.compile(
    rf"(?:(?P<lead>giai\s+đoạn|năm|từ\s+năm)\s+)?(?<![\d/])(?P<y1>{YEAR})\s*(?:[-–—]|đến(?:\s+hết)?(?:\s+năm)?)"
    rf"\s*(?P<y2>{YEAR})(?![\d/])", FLAGS)
ONE_YEAR = re.compile(rf"(?:(?P<lead>năm)\s+)?(?<![\d/.,])(?P<y>{YEAR})(?![\d/]|[.,]\d)", FLAGS)
JOINER = re.compile(r"^\s*(?:-|–|—|đến(?:\s+hết)?|tới)\s*$", FLAGS)
REF_BEFORE = re.compile(r"(?:\d[\w.\-]*/[\w./\-]*[A-ZĐ][\w./\-]*|\bsố)\s*,?\s*$")
BLANK_DAY = re.compile(r"ngày\s*(?:\d{1,2})?\s*$", FLAGS)
TO_NOW = re.compile(r"^\s*(?:đến|tới)\s+nay\b", FLAGS)
CLAUSE_START_TO = re.compile(r"(?:^|\n|[;:]|[a-zđ]\)|[-+•])\s*(?P<cue>đến|tới)\s*$", FLAGS)
COLON_OR_COMMA = re.compile(r"^\s*[:,]")
IN_OR_AT = re.compile(r"(?<!\w)(?:trong|vào)\s*$", FLAGS)


def _month(y: str, m: int) -> Optional[str]:
    return f"{y}-{m:02d}" if 1 <= m <= 12 else None


def _date_atoms(text: str) -> Iterable[Atom]:
    for m in DMY.finditer(text):
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        d, mo = int(d), int(mo)
        if 1 <= d <= 31 and 1 <= mo <= 12:
            iso = f"{y}-{mo:02d}-{d:02d}"
            yield Atom(m.start(), m.end(), iso, iso, "date")
    for m in DM.finditer(text):
        d, mo = (m["d"], m["m"]) if m["d"] else (m["d2"], m["m2"])
        if 1 <= int(d) <= 31 and 1 <= int(mo) <= 12:
            yield Atom(m.start(), m.end(), None, None, "date")


def _quarter_atoms(text: str) -> Iterable[Atom]:
    for m in QUARTER.finditer(text):
        q1 = QUARTER_NUMBERS[m["q1"].lower()]
        q2 = QUARTER_NUMBERS[m["q2"].lower()] if m["q2"] else q1
        if q2 >= q1:
            yield Atom(m.start(), m.end(), _month(m["y"], 3 * q1 - 2), _month(m["y"], 3 * q2), "quarter",
                       is_range=q2 > q1)


def _month_atoms(text: str) -> Iterable[Atom]:
    for m in MONTH.finditer(text):
        m1 = int(m["m1"])
        m2 = int(m["m2"]) if m["m2"] else m1
        first, last = _month(m["y"], m1), _month(m["y"], m2)
        if first and last and m2 >= m1:
            yield Atom(m.start(), m.end(), first, last, "month", is_range=m2 > m1)


def _year_atoms(text: str) -> Iterable[Atom]:
    for m in YEAR_SPAN.finditer(text):
        if int(m["y2"]) > int(m["y1"]):
            bare = not m["lead"] or m["lead"].lower().startswith("giai")
            yield Atom(m.start(), m.end(), m["y1"], m["y2"], "year", bare=bare, is_range=True)
    for m in ONE_YEAR.finditer(text):
        yield Atom(m.start(), m.end(), m["y"], m["y"], "year", bare=not m["lead"])


def _atoms(text: str, taken: list[tuple[int, int]]) -> list[Atom]:
    """Time expressions, most specific first, never two over the same text."""
    found: list[Atom] = []
    for source in (_date_atoms, _quarter_atoms, _month_atoms, _year_atoms):
        for atom in source(text):
            if not _overlaps((atom.start, atom.end), taken):
                found.append(atom)
                taken.append((atom.start, atom.end))
    return _join_ranges(text, sorted(found, key=lambda a: a.start))


def _join_ranges(text: str, atoms: list[Atom]) -> list[Atom]:
    """`A đến hết B`, `A - B` → one range from A's first point to B's last."""
    out: list[Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if prev and _joinable(prev, atom) and JOINER.match(text[prev.end:atom.start]):
            out[-1] = replace(prev, end=atom.end, last=atom.last, is_range=True,
                              bare=prev.bare and atom.bare, grain=max(prev.grain, atom.grain, key=_grain_rank))
        else:
            out.append(atom)
    return out


def _joinable(a: Atom, b: Atom) -> bool:
    """Two dated points of which neither is a year, or two years."""
    if not (a.first and b.last):
        return False
    return (a.grain == "year") == (b.grain == "year")


def _grain_rank(grain: str) -> int:
    return ["year", "quarter", "month", "date"].index(grain)


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


# -- reading one expression in its context ---------------------------------

def _classify(text: str, atom: Atom) -> Optional[tuple[str, Optional[str], Optional[str], int, int]]:
    """(kind, start, end, span start, span end) for an expression, or None."""
    left = text[max(0, atom.start - LEFT_WINDOW):atom.start]
    right = text[atom.end:atom.end + LEFT_WINDOW]
    if REF_BEFORE.search(left):  # "số 12/KH-UBND ngày 20/5/2022": the cited document's date
        return None
    if m := _right("recurring_right").match(right):
        return "recurring", None, None, atom.start, atom.end + m.end()
    if m := _left("deadline_left").search(left):
        if atom.bare or atom.is_range and atom.grain == "year":
            return None
        return "deadline", None, atom.last, atom.start - len(left) + m.start(), atom.end
    if atom.first is None:
        return None
    open_end = _right("open_end_right").match(right)
    end = atom.end + open_end.end() if open_end else atom.end
    if m := _left("continuous_left").search(left):
        return "ongoing", atom.first, None if open_end else atom.last, atom.start - len(left) + m.start(), end
    if m := _left("start_left").search(left):
        if TO_NOW.match(right) or atom.bare:
            return None
        if atom.is_range:
            return "period", atom.first, atom.last, atom.start - len(left) + m.start(), atom.end
        return "ongoing", atom.first, None, atom.start - len(left) + m.start(), end
    if open_end:
        return "ongoing", atom.first, None, atom.start, end
    clause_to = CLAUSE_START_TO.search(left)
    if atom.grain == "year" and clause_to and not atom.is_range and not atom.bare and COLON_OR_COMMA.match(right):
        return "deadline", None, atom.last, atom.start - len(left) + clause_to.start("cue"), atom.end
    if _is_slot(text, left, right, atom):
        lead = IN_OR_AT.search(left)
        return "period", atom.first, atom.last, atom.start - len(left) + lead.start() if lead else atom.start, atom.end
    return None


def _is_slot(text: str, left: str, right: str, atom: Atom) -> bool:
    """Whether an expression without a cue is itself a time slot."""
    if _left("label_left").search(left) or _left("label_left").search(IN_OR_AT.sub("", left)):
        return True
    if atom.grain == "date":
        return bool(_left("event_left").search(left))
    if atom.grain == "year":
        return _in_parentheses(left, right) or _is_cell(text, atom)
    if atom.grain == "month" and BLANK_DAY.search(left):
        return False
    return bool(IN_OR_AT.search(left)) or not _naming_left().search(left)


def _in_parentheses(left: str, right: str) -> bool:
    return left.rstrip().endswith("(") and right.lstrip().startswith(")")


def _is_cell(text: str, atom: Atom) -> bool:
    """A table cell of its own: `Năm 2026`, `Năm 2025 - 2026`, blank lines around."""
    line_start = text.rfind("\n", 0, atom.start) + 1
    line_end = text.find("\n", atom.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:atom.start].strip() or text[atom.end:line_end].strip(" \t.;"):
        return False
    if atom.bare and not atom.is_range:
        return False
    if text[atom.start].isalpha() and not text[atom.start].isupper():
        return False  # "năm 2050" opening a wrapped line is prose, "Năm 2026" a cell
    before = text[:line_start].rstrip(" \t")
    after = text[line_end:].lstrip(" \t")
    return (not before or before.endswith("\n\n") or text[:line_start].endswith("\n\n")) and \
        (not after or after.startswith("\n\n") or after.startswith("\n") and not after[1:2].strip())


# -- the extractor -------------------------------------------------------------

def _phrase_items(text: str, kind: str, pattern: re.Pattern, taken: list) -> list[Timeline]:
    items = []
    for m in pattern.finditer(text):
        if not _overlaps(m.span(), taken):
            taken.append(m.span())
            items.append(Timeline(kind=kind, text=_one_line(m.group()), span=m.span()))
    return items


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def extract_timelines(text: str, skip: list[tuple[int, int]] = ()) -> list[Timeline]:
    """Every timeline of `text` outside the `skip` spans, in reading order."""
    taken = list(skip)
    items = _phrase_items(text, "recurring", _phrases("recurring_phrases"), taken)
    items += _phrase_items(text, "relative", _phrases("relative_phrases"), taken)
    for atom in _atoms(text, list(taken)):
        found = _classify(text, atom)
        if not found:
            continue
        kind, start, end, s, e = found
        if _overlaps((s, e), skip):
            continue
        items.append(Timeline(kind=kind, start=start, end=end, text=_one_line(text[s:e]), span=(s, e)))
    return sorted(items, key=lambda t: t.span)
