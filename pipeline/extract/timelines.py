"""Timelines: when an activity happens or must be done (RECORD.md, "Timelines").

Reads, in the canonical text:
- quarters, Roman, Arabic or in words: `Quý III/2020`, `Quí IV-2025`,
  `Quý II - III năm 2023`, `Quý I, II năm 2016`, `quý ba năm 2023` → period of
  whole months;
- months and month ranges: `tháng 5/2022`, `Tháng 6 - 7/2022`,
  `tháng 10- 11 năm 2022`, `vào tháng 12 năm 2010`, `tuần thứ 2 của tháng
  7/2020` (the month: ISO has no week of a month);
- parts of a year: `6 tháng đầu năm 2023` → 2023-01..2023-06, `6 tháng cuối
  năm 2024` → 2024-07..2024-12 (also 3 and 9 tháng, `nửa đầu năm`); `vào cuối
  năm 2019` → 2019..2019 (the year is the precision printed). These only after
  `vào` / `trong`, a label, a deadline cue, or alone in a table cell: in prose
  they name a report's or plan's span (`Kết quả … 6 tháng đầu năm 2023`);
- ranges of two points: `từ Quý II năm 2024 đến hết Quý III năm 2024`,
  `từ ngày 01/6/2022 đến ngày 30/6/2022`, `từ ngày 15/3 đến ngày 30/4/2023`
  (the first date takes the year the phrase prints on the second; a range
  from December to January takes the year before);
- deadlines: `trước ngày 20/5/2022`, `chậm nhất ngày 20/5/2022`,
  `trước ngày 30 tháng 11 năm 2012`, `hoàn thành trước tháng 5 năm 2022`,
  `Đến hết năm 2025:`, `Phấn đấu đến năm 2025,`, `đến ngày 31/12/2025`,
  `đến cuối năm 2022` → start null, end the boundary named;
- ongoing: `thường xuyên trong năm 2023` (2023..2023), `… và những năm tiếp
  theo` / `(2026 trở đi)` (end null), `từ ngày 01 tháng 7 năm 2025` (end null),
  `(xuyên suốt 2025 - 2035)`;
- years and year spans only where they are a time slot: after a label
  (`Thời gian thực hiện: năm 2023`), in a table cell of their own (`Năm
  2025 - 2026`, `Năm 2016` — a wide table is read a cell a line, so a line
  holding only the expression, capitalised as a cell is, is a slot), in
  parentheses closing a task (`(2025 - 2026)`);
- recurring (`định kỳ hằng quý`, `định kỳ quý, 6 tháng, năm`, `Thời gian:
  hằng quý`, a cell `Hằng năm`, `chậm nhất ngày 05 của các tháng 3, 6, 9, 12`,
  `chậm nhất ngày 15 của tháng cuối quý`, `trước ngày 15 hằng tháng`, `trước
  ngày 01/6 và 15/11 hằng năm`) and relative (`trước 05 ngày làm việc`, `trong
  thời hạn 10 ngày làm việc kể từ …`) phrases, start/end null.

Avoids: dates of cited documents (`số 12/KH-UBND ngày 20/5/2022`, skipped
here as well as through `skip`), the issue date (`ngày  tháng 3 năm 2022`),
a bare `năm 2022` or `giai đoạn 2021-2025` outside a time slot (the plan's
own period, `Chỉ số CCHC năm 2021`, `dự toán ngân sách năm 2024`), quarters
and months that name what is reported or budgeted (`báo cáo Quý I/2023`),
`từ năm 2020 đến nay` (the past), a heading in capitals (`NĂM 2023`), the
span that figures cover (`đánh giá kết quả thực hiện … từ ngày 01/01/2022
đến ngày 31/12/2022`, `Số liệu báo cáo tính từ …`, `tính đến ngày …`: what
is assessed, RECORD.md), standards (`ISO 9001:2015`).

Readings where RECORD.md is silent:
- Year-less dates (`trước ngày 30/9`) keep kind `deadline` with start and end
  null: ISO needs a year, and guessing it from the plan's year is wrong as soon
  as a deadline falls in the next year, so no year is borrowed from context
  (only from the other end of the same range). `trong Quý I` without a year
  gives nothing dated for the same reason.
- A deadline's end is the boundary printed: a day, a month, a year; for a
  quarter, its last month. `đến ngày X` / `đến cuối năm Y` is reaching a point,
  a deadline; a plain `đến năm 2025` is one only at the head of a clause
  followed by `,` or `:` (elsewhere it names a programme: `… đến năm 2025,
  định hướng đến năm 2030`).
- `cuối năm 2024` is read at the precision printed, the year: period
  2024..2024 after `vào` / `trong`, deadline with `trước` / `đến`.
- Past activities (`báo cáo … trước ngày 30 tháng 11 năm 2012`, recalled in a
  later letter) stay timelines, as the dev gold keeps them.
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
    day_month: Optional[tuple[int, int]] = None  # a year-less date: (day, month)
    part: bool = False   # a part of a year: `cuối năm 2024`, `6 tháng đầu năm 2023`


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
def _assessed() -> re.Pattern:
    """What is assessed or counted, then the span it covers (`kết quả thực hiện … từ`)."""
    words = "|".join(_words()["assessed_left"])
    return re.compile(rf"(?<!\w)(?:{words})(?:\s+[^\s.;:()]+){{0,8}}?\s+(?:tính\s+)?(?:từ|đến)(?:\s+hết)?\s*$"
                      rf"|(?<!\w)tính\s+(?:từ|đến)(?:\s+hết)?\s*$", FLAGS)


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
ONE_YEAR = re.compile(
    rf"(?:(?P<part>(?:cuối|đầu|giữa)\s+)?(?P<lead>năm)\s+)?(?<![\d/.,:])(?P<y>{YEAR})(?![\d/]|[.,]\d)", FLAGS)
# "6 tháng đầu năm 2023", "9 tháng đầu năm 2023", "6 tháng cuối năm 2024", "nửa đầu năm 2024"
PART_OF_YEAR = re.compile(
    rf"(?:(?P<n>\d{{1,2}}|sáu|chín|ba)\s+tháng|(?P<half>nửa))\s+(?P<side>đầu|cuối)\s+năm\s+(?P<y>{YEAR})(?!\d)", FLAGS)
NUMBER_WORDS = {"ba": 3, "sáu": 6, "chín": 9}
JOINER = re.compile(r"^\s*(?:-|–|—|đến(?:\s+hết)?|tới)\s*$", FLAGS)
# the cited document's số, then its date; on a scan `ngày` may be damaged (`1028/QĐ-UBND tigàv 5
# tháng 4 năm 2023`): a short word that is no time word, and the day
REF_BEFORE = re.compile(r"(?:\d[\w.\-]*/[\w./\-]*[A-ZĐ][\w./\-]*"
                        r"(?:\s+(?!(?:trước|đến|từ|vào|hết|sau|trong|tới)\s)[^\W\d]{2,6}\s+\d{1,2})?|\bsố)\s*,?\s*$")
BLANK_DAY = re.compile(r"ngày\s*(?:\d{1,2})?\s*$", FLAGS)
TO_NOW = re.compile(r"^\s*(?:đến|tới)\s+nay\b", FLAGS)
CLAUSE_START_TO = re.compile(
    r"(?:^|\n|[;:]|[a-zđ]\)|[-+•])\s*(?:(?:phấn\s+đấu|mục\s+tiêu)\s*:?\s*)?(?P<cue>đến|tới)\s*$", FLAGS)
TO_POINT = re.compile(r"(?<!\w)(?:đến|tới)(?:\s+hết)?(?:\s+(?:ngày|hết\s+ngày))?\s*$", FLAGS)
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
            yield Atom(m.start(), m.end(), None, None, "date", day_month=(int(d), int(mo)))


def _quarter_atoms(text: str) -> Iterable[Atom]:
    for m in QUARTER.finditer(text):
        q1 = QUARTER_NUMBERS[m["q1"].lower()]
        q2 = QUARTER_NUMBERS[m["q2"].lower()] if m["q2"] else q1
        if q2 >= q1:
            yield Atom(m.start(), m.end(), _month(m["y"], 3 * q1 - 2), _month(m["y"], 3 * q2), "quarter",
                       is_range=q2 > q1)


def _part_of_year_atoms(text: str) -> Iterable[Atom]:
    """`6 tháng đầu năm 2023` → 2023-01..2023-06; `6 tháng cuối năm 2024` → 2024-07..2024-12."""
    for m in PART_OF_YEAR.finditer(text):
        n = 6 if m["half"] else int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
        if not 1 <= n <= 12:
            continue
        first, last = (1, n) if m["side"].lower() == "đầu" else (13 - n, 12)
        yield Atom(m.start(), m.end(), _month(m["y"], first), _month(m["y"], last), "month", is_range=n > 1,
                   part=True)


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
        yield Atom(m.start(), m.end(), m["y"], m["y"], "year", bare=not m["lead"], part=bool(m["part"]))


def _atoms(text: str, taken: list[tuple[int, int]]) -> list[Atom]:
    """Time expressions, most specific first, never two over the same text."""
    found: list[Atom] = []
    for source in (_date_atoms, _quarter_atoms, _part_of_year_atoms, _month_atoms, _year_atoms):
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
        if prev and JOINER.match(text[prev.end:atom.start]):
            prev = out[-1] = _borrow_year(prev, atom)
        if prev and _joinable(prev, atom) and JOINER.match(text[prev.end:atom.start]):
            out[-1] = replace(prev, end=atom.end, last=atom.last, is_range=True,
                              bare=prev.bare and atom.bare, grain=max(prev.grain, atom.grain, key=_grain_rank))
        else:
            out.append(atom)
    return out


def _borrow_year(a: Atom, b: Atom) -> Atom:
    """A year-less first date of a range takes its year from the second (`15/3 đến 30/4/2023`):
    the range printed is one phrase, so this is no guess from context."""
    if a.first or not a.day_month or b.grain != "date" or not b.first:
        return a
    day, month = a.day_month
    year = int(b.first[:4]) - (1 if month > int(b.first[5:7]) else 0)
    iso = f"{year}-{month:02d}-{day:02d}"
    return replace(a, first=iso, last=iso)


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
    if _assessed().search(left):  # "kết quả … từ ngày 01/01/2022 đến …", "số liệu tính đến …"
        return None
    if m := _left("deadline_left").search(left) or _point_after_to(left, atom):
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


def _point_after_to(left: str, atom: Atom) -> Optional[re.Match]:
    """`đến ngày 31/12/2025`, `đến cuối năm 2022`: a point reached by, a deadline. A plain year
    after `đến` is left to the clause rule: `Chương trình … đến năm 2025` names a programme."""
    if atom.grain == "year" and not atom.part:
        return None
    return TO_POINT.search(left)


def _is_slot(text: str, left: str, right: str, atom: Atom) -> bool:
    """Whether an expression without a cue is itself a time slot."""
    if _left("label_left").search(left) or _left("label_left").search(IN_OR_AT.sub("", left)):
        return True
    if _is_own_line(text, atom):
        return True
    if atom.grain == "date":
        return bool(_left("event_left").search(left))
    if atom.part:  # "6 tháng đầu năm 2023" in prose names a report's or plan's span
        return bool(IN_OR_AT.search(left))
    if atom.grain == "year":
        return _in_parentheses(left, right) or _is_cell(text, atom)
    if atom.grain == "month" and BLANK_DAY.search(left):
        return False
    return bool(IN_OR_AT.search(left)) or not _naming_left().search(left)


def _is_own_line(text: str, atom: Atom) -> bool:
    """A line that holds only the expression, capitalised as a cell is (`Quý I/2017`, `Năm 2016`,
    `Năm 2016 - 2017`): a table's time column read a cell a line. Prose wrapped onto a new line
    goes on in lower case; a heading in capitals (`NĂM 2023`) is left to `_is_cell`."""
    line_start = text.rfind("\n", 0, atom.start) + 1
    line_end = text.find("\n", atom.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:atom.start].strip() or text[atom.end:line_end].strip(" \t;"):
        return False
    words = text[atom.start:atom.end]
    opens_cell = words[0].isupper() or words[0].isdigit() and atom.part  # "6 tháng đầu năm 2022"
    return opens_cell and not words.isupper() and not (atom.bare and not atom.is_range)


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
