"""Targets: quantified commitments (RECORD.md, "Targets and inspection subjects").

Reads, in the canonical text:
- percentages to reach or cover: `Kiểm tra từ 30% số cơ quan` → 30 `%`,
  `đạt 100%`, `đạt tỷ lệ 90% trở lên`, `trên 90% hồ sơ`, `ít nhất 50%`,
  `tối thiểu 30%`, `không dưới 20%`, `Có ≥ 30% DNNVV … ứng dụng công nghệ số`,
  `từ 30% đến 50%` → 30, max 50;
- counts of bodies or units an activity covers, when the activity (kiểm tra,
  chọn, đối tượng, khảo sát, điều tra, thí điểm, triển khai, phấn đấu …) stands
  before the number in the same sentence: `10 Ủy ban nhân dân cấp xã` (after
  `Kiểm tra …;`), `Kiểm tra 17 xã, thị trấn`, `dự kiến kiểm tra 22 cơ quan, đơn
  vị, địa phương`, `từ 02 đến 03 đơn vị cấp xã` → 2, max 3, `Đối tượng kiểm
  tra: 06 cơ quan chuyên môn …`, `Khảo sát tại 12 sở, ban, ngành`, `kiểm tra
  … 06/18 xã, thị trấn` → 6, counts in words `chọn hai xã` → 2.

Avoids: numbers inside references and dates (`số 12/KH-UBND`, `20/5/2022`),
durations and deadlines (timelines), frequencies (`mỗi quý một lần`, `2
đợt`, `02 lần/tuần`), counts of things that are not bodies (`07 chỉ tiêu`,
`37 luật`, `1.500 phiếu`, `600 cán bộ`), money and phone numbers, section and
article numbers (`khoản 1 điều 7`), counts that state a fact (`có 124 đơn vị
hành chính cấp xã, gồm 105 xã`, anything about `sắp xếp`, a rank `xếp thứ
3/11 xã`), teams (`Đoàn kiểm tra gồm 05 thành viên, làm việc tại 3 phòng`),
percentages reported from a survey or a past result (`theo khảo sát, … Có
trên 90% doanh nghiệp …`, `đã đạt 85%`, `tăng 5% so với cùng kỳ`), and every
figure of a part whose heading reviews what was done (`I. KẾT QUẢ THỰC HIỆN
NĂM 2018`, `I. ĐÁNH GIÁ KẾT QUẢ 6 THÁNG ĐẦU NĂM 2025`, `PHẦN I. TÌNH HÌNH …`).

Readings where RECORD.md is silent:
- A past marker counts only before the figure (`đã đạt 85%`); after it, it
  qualifies the object (`kiểm tra ít nhất 20% hồ sơ đã giải quyết` is a target).
- `06/18 xã` counts the 6 covered; `một` and `năm` are not read as number
  words (`một số đơn vị` is "some units"; `năm` is also "year").
- In a table read a cell a line, a line holding only a number (the STT) opens
  a new row, so one row's words (`sau sắp xếp`) do not block the next.
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
# a sentence ends at . ! ? before a space, at a blank line, where a list item opens, or at a
# line holding only a number: a table read a cell a line opens each row with its STT
SENTENCE_BREAK = re.compile(
    r"[.!?](?=\s)|\n\s*\n|\n\s*(?=[-+•*]\s|[a-zđ]\)\s|\d+(?:\.\d+)*\.\s|[IVX]+\.\s|\d{1,3}[ \t]*\n)", FLAGS)
OBJECT_STOP = re.compile(r"[.;:()\n]|,\s+(?:trong\s+đó|đồng\s+thời|bảo\s+đảm|đảm\s+bảo)\b", FLAGS)
OBJECT_WORDS = 10
# a top heading: `I. KẾT QUẢ …`, `PHẦN I: …`, `Phần thứ nhất …`, alone on its line
TOP_HEADING = re.compile(
    r"^[ \t]*(?:(?:PHẦN|Phần)(?:\s+thứ)?\s+[\wIVX]+\s*[.:\-–]?|[IVX]{1,5}\s*[.)/\-–])[ \t]*(?P<title>[^\n]*)$",
    re.MULTILINE)


@cache
def _words() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _alternation(name: str) -> str:
    return "|".join(_words()[name])


@cache
def _number_words() -> dict[str, int]:
    return {word.lower(): value for word, value in _words()["number_words"].items()}


@cache
def _count_pattern() -> re.Pattern:
    body = rf"(?:{_alternation('bodies')})(?!\w)"
    number = r"\d{1,4}|" + "|".join(_number_words())
    return re.compile(
        rf"(?:từ\s+)?(?<![\w/.,\-])(?P<lo>{number})(?:/\d{{1,4}})?(?:\s*(?:-|–|đến)\s*(?P<hi>{number}))?"
        rf"\s+(?P<unit>{body}"
        rf"(?:(?:[ \t]*(?:,|và|-)\s*|[ \t]+){body})*(?:\s+cấp\s+(?:tỉnh|huyện|xã)|\s+chuyên\s+môn)?)", FLAGS)


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


def _count(s: str) -> float:
    """`05` → 5, `hai` → 2 (counts are written in words too: `chọn hai xã`)."""
    return float(s) if s.isdigit() else float(_number_words()[s.lower()])


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
    """A percentage that reports a measured fact: a past marker before it in its sentence or the
    one before (`đã đạt 85%`; not `20% hồ sơ đã giải quyết`, where `đã` qualifies the files),
    or a comparison anywhere in its sentence (`tăng 5% so với cùng kỳ`)."""
    here = _sentence_start(text, start)
    before = _sentence_start(text, max(0, here - 1))
    sentence_end = SENTENCE_BREAK.search(text, start)
    if _search("percent_past").search(text[before:start]):
        return True
    return bool(_search("percent_compared").search(text[here:sentence_end.start() if sentence_end else len(text)]))


def _review_zones(text: str) -> list[tuple[int, int]]:
    """Parts whose heading reviews what was done (`I. KẾT QUẢ THỰC HIỆN NĂM 2018`, `I. ĐÁNH GIÁ
    KẾT QUẢ 6 THÁNG ĐẦU NĂM 2025`, `PHẦN I. TÌNH HÌNH …`): their figures are results, not
    commitments. A zone runs to the next heading of the same rank (a Roman numeral or Phần)."""
    headings = [(m.start(), m.end(), m["title"]) for m in TOP_HEADING.finditer(text)]
    review = _search("review_headings")
    zones = []
    for k, (start, _, title) in enumerate(headings):
        if review.match(title.strip()):
            zones.append((start, headings[k + 1][0] if k + 1 < len(headings) else len(text)))
    return zones


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
    return any(not _trigger_is_a_name(sentence, m.start()) for m in _search("count_triggers").finditer(sentence))


def _trigger_is_a_name(sentence: str, start: int) -> bool:
    """`Đoàn kiểm tra`, `Tổ khảo sát`: the activity names a team, it covers nothing itself."""
    return bool(_ends_with("trigger_names").search(sentence[:start]))


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
        value, top = _count(m["lo"]), _count(m["hi"]) if m["hi"] else None
        if top is not None and top <= value:
            continue
        yield Target(value=value, max=top, unit=_one_line(m["unit"]), object=_object_after(text, m.end("unit")),
                     text=_one_line(m.group()), span=m.span())


def extract_targets(text: str, skip: list[tuple[int, int]] = ()) -> list[Target]:
    """Every target of `text` outside the `skip` spans and the review sections, in reading order."""
    skip = list(skip) + _review_zones(text)
    items = list(_percent_targets(text, skip))
    items += [t for t in _count_targets(text, skip) if not _overlaps(t.span, [i.span for i in items])]
    return sorted(items, key=lambda t: t.span)
