"""Targets: quantified commitments (RECORD.md, "Targets and inspection subjects").

Reads, in the canonical text:
- percentages to reach or cover: `Kiểm tra từ 30% số cơ quan` → 30 `%`,
  `đạt 100%`, `trên 90% hồ sơ`, `Có ≥ 30% DNNVV … ứng dụng công nghệ số`,
  `từ 30% đến 50%` → 30, max 50;
- counts of bodies or units an activity covers, when the activity (kiểm tra,
  chọn, đối tượng, khảo sát, thí điểm, phấn đấu …) stands before the number in
  the same sentence: `10 Ủy ban nhân dân cấp xã` (after `Kiểm tra …;`),
  `Kiểm tra 17 xã, thị trấn`, `dự kiến kiểm tra 22 cơ quan, đơn vị, địa
  phương`, `từ 02 đến 03 đơn vị cấp xã` → 2, max 3, `Đối tượng kiểm tra: 06
  cơ quan chuyên môn …`.

Avoids: numbers inside references and dates (`số 12/KH-UBND`, `20/5/2022`),
durations and deadlines (timelines), frequencies (`mỗi quý một lần`, `2
đợt`), counts of things that are not bodies (`07 chỉ tiêu`, `37 luật`),
section and article numbers (`khoản 1 điều 7`), counts that state a fact
(`có 124 đơn vị hành chính cấp xã, gồm 105 xã`, anything about `sắp xếp`),
percentages reported from a survey or a past result (`theo khảo sát, … Có
trên 90% doanh nghiệp …`, `đã đạt 85%`, `so với cùng kỳ`).
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

from pipeline.record import Target

DATA = Path(__file__).resolve().parent.parent / "data" / "target_units.yaml"
FLAGS = re.IGNORECASE
NUMBER = r"\d{1,3}(?:[.,]\d+)?"
PERCENT = re.compile(
    rf"(?:(?:từ|trên|tối\s+thiểu|ít\s+nhất|≥|>=)\s*)?(?<![\d/.,])(?P<lo>{NUMBER})\s*%?(?:\s*(?:-|–|đến)\s*(?P<hi>{NUMBER}))?\s*%", FLAGS)
# a sentence ends at . ! ? before a space, at a blank line, or where a list item opens
SENTENCE_BREAK = re.compile(
    r"[.!?](?=\s)|\n\s*\n|\n\s*(?=[-+•*]\s|[a-zđ]\)\s|\d+(?:\.\d+)*\.\s|[IVX]+\.\s)", FLAGS)
OBJECT_STOP = re.compile(r"[.;:()\n]|,\s+(?:trong\s+đó|đồng\s+thời|bảo\s+đảm|đảm\s+bảo)\b", FLAGS)
OBJECT_WORDS = 10


@cache
def _words() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _alternation(name: str) -> str:
    return "|".join(_words()[name])


@cache
def _count_pattern() -> re.Pattern:
    body = rf"(?:{_alternation('bodies')})(?!\w)"
    return re.compile(
        rf"(?:từ\s+)?(?<![\w/.,\-])(?P<lo>\d{{1,4}})(?:\s*(?:-|–|đến)\s*(?P<hi>\d{{1,4}}))?\s+(?P<unit>{body}"
        rf"(?:\s*(?:,|và|-)?\s*{body})*(?:\s+cấp\s+(?:tỉnh|huyện|xã)|\s+chuyên\s+môn)?)", FLAGS)


@cache
def _search(name: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_alternation(name)})(?!\w)", FLAGS)


@cache
def _ends_with(name: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_alternation(name)})\s*(?:từ\s+)?$", FLAGS)


# -- context -----------------------------------------------------------------

def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in SENTENCE_BREAK.finditer(text, max(0, pos - 1500), pos):
        start = m.end()
    return start


def _number(s: Optional[str]) -> Optional[float]:
    return float(s.replace(",", ".")) if s else None


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,;")


def _object_after(text: str, pos: int) -> Optional[str]:
    """The words after the number: what the share or count is of."""
    tail = text[pos:pos + 300]
    stop = OBJECT_STOP.search(tail)
    words = _one_line(tail[:stop.start()] if stop else tail).split()
    return " ".join(words[:OBJECT_WORDS]) or None


# -- percentages ---------------------------------------------------------------

def _is_reported(text: str, start: int) -> bool:
    """A percentage in a sentence (or after one) that reports a measured fact."""
    here = _sentence_start(text, start)
    before = _sentence_start(text, max(0, here - 1))
    sentence_end = SENTENCE_BREAK.search(text, start)
    window = text[before:sentence_end.start() if sentence_end else len(text)]
    return bool(_search("percent_past").search(window))


def _percent_targets(text: str, skip) -> Iterable[Target]:
    for m in PERCENT.finditer(text):
        if _overlaps(m.span(), skip) or _is_reported(text, m.start()):
            continue
        value, top = _number(m["lo"]), _number(m["hi"])
        if value is None or value > 100 or (top is not None and top <= value):
            continue
        yield Target(value=value, max=top, unit="%", object=_object_after(text, m.end()),
                     text=_one_line(m.group()), span=m.span())


# -- counts of bodies ---------------------------------------------------------

def _is_commitment(text: str, start: int) -> bool:
    """A count whose sentence names the covering activity before it, and no fact."""
    sentence = text[_sentence_start(text, start):start]
    if _ends_with("count_blockers_before").search(sentence):
        return False
    if _search("count_blockers_sentence").search(sentence):
        return False
    return bool(_search("count_triggers").search(sentence))


def _is_row_number(text: str, m: re.Match) -> bool:
    """`1` alone on its line, then `Sở Tư pháp`: a table's row number (STT), not a count."""
    line_start = text.rfind("\n", 0, m.start("lo")) + 1
    line_end = text.find("\n", m.end("lo"))
    return line_end >= 0 and line_end < m.start("unit") and not text[line_start:m.start("lo")].strip() \
        and not text[m.end("lo"):line_end].strip()


def _count_targets(text: str, skip) -> Iterable[Target]:
    for m in _count_pattern().finditer(text):
        if _overlaps(m.span(), skip) or _is_row_number(text, m) or not _is_commitment(text, m.start("lo")):
            continue
        value, top = float(m["lo"]), _number(m["hi"])
        if top is not None and top <= value:
            continue
        yield Target(value=value, max=top, unit=_one_line(m["unit"]), object=_object_after(text, m.end("unit")),
                     text=_one_line(m.group()), span=m.span())


def extract_targets(text: str, skip: list[tuple[int, int]] = ()) -> list[Target]:
    """Every target of `text` outside the `skip` spans, in reading order."""
    items = list(_percent_targets(text, skip))
    items += [t for t in _count_targets(text, skip) if not _overlaps(t.span, [i.span for i in items])]
    return sorted(items, key=lambda t: t.span)
