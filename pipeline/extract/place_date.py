"""Địa danh và thời gian: `place` and `issued_date`.

Reads the place-and-date line of the header in its printed forms:
`Kiên Giang, ngày 03 tháng 3 năm 2020`, wrapped (`Quảng Ngãi, ngày\\n20 tháng 12
năm 2021`), blank parts of a draft (`ngày  tháng 3 năm 2022` → `2022-03`,
`ngày tháng năm 2024` → `2024`), `TP.Hồ Chí Minh, ngày …`, `Thành phố Hồ Chí
Minh, ngày …`, and a header flattened onto one line. When the header has no
date, the date the attachment note gives its promulgating decision
(`Ban hành kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2024`).
Avoids: dates of cited documents (only the header and the note are read).
"""
from __future__ import annotations

import re

from ..candidate import Candidate
from ..layout import Layout
from ..textfold import VN_UPPER

_WORD = rf"[{VN_UPPER}][\w.]*"
# The day may be blank (a draft) or unreadable (handwritten on a scan: `ngày 4† tháng`):
# then it is left out, never guessed, and the date keeps the precision that was printed.
# A handwritten day read as junk may break the line too (`ngày-⏎Ệ tháng 01 năm 2025`).
_DATE = (r"\s*,\s*ngày\s*(?:(?P<d>\d{1,2})\s*|[^\n]{0,6}?\s+(?:[^\s]{1,3}[ \t]+)?)?(?:tháng|/|-)\s*(?P<m>\d{1,2})?"
         r"\s*(?:năm|/|-)\s*(?P<y>\d{4})")


def _place_date(gap: str, anchor: str) -> re.Pattern:
    prefix = rf"(?:(?:Thành{gap}phố|Thị{gap}xã|TP\.?|Tp\.?){gap[:-1]}*)?"
    join = rf"(?:{gap}|[ \t]*[-–][ \t]*)"  # `Phan Rang - Tháp Chàm`
    return re.compile(rf"{anchor}(?P<place>{prefix}{_WORD}(?:{join}{_WORD}){{0,4}}){_DATE}", re.MULTILINE)


# A place wrapped over lines (`Thành phố Hồ` / `Chí Minh, ngày …`) must open its line;
# elsewhere the place stays on the line of `ngày`, so the end of a title is not read as one.
PLACE_DATE_WRAPPED = _place_date(r"\s+", r"^[ \t]*")
PLACE_DATE = _place_date(r"[ \t]+", r"(?<![\w/\-.])")
BARE_DATE = re.compile(r"ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})")
GAZETTE_DATE = re.compile(r"NGÀY\s+(?P<d>\d{1,2})\s+THÁNG\s+(?P<m>\d{1,2})\s+NĂM\s+(?P<y>\d{4})", re.IGNORECASE)
ATTACHED_DATE = re.compile(
    r"kèm\s+theo\s+(?:Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị)\s+số\s*:?\s*\S*\s*"
    r"ngày\s*(?P<d>\d{1,2})?\s*(?:tháng|/)\s*(?P<m>\d{1,2})?\s*(?:năm|/)\s*(?P<y>\d{4})", re.IGNORECASE)


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO at the precision printed; None when a part is impossible."""
    if not year:
        return None
    if not month:
        return year
    if not 1 <= int(month) <= 12:
        return year
    if not day:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _header_text_span(layout: Layout) -> tuple[int, int]:
    segments = [s for s in layout.segments if s.text]
    if not segments:
        return (0, 0)
    end = layout.type_segment.start if layout.type_segment else segments[-1].end
    return (segments[0].start, max(end, segments[0].end))


def place_candidates(layout: Layout) -> list[Candidate]:
    match = _header_match(layout)
    if not match:
        return []
    return [Candidate(re.sub(r"\s+", " ", match.group("place")).strip(), match.span("place"), 1.0, "header")]


def date_candidates(layout: Layout) -> list[Candidate]:
    found = []
    match = _header_match(layout)
    if match:
        found.append(Candidate(iso_date(match["d"], match["m"], match["y"]), match.span(), 1.0, "header"))
    else:
        start, end = _header_text_span(layout)
        bare = BARE_DATE.search(layout.text, start, end)
        if bare:
            found.append(Candidate(iso_date(bare["d"], bare["m"], bare["y"]), bare.span(), 0.8, "header without place"))
    if layout.gazette_line is not None:
        gazette = GAZETTE_DATE.search(layout.gazette_line.text)
        if gazette:
            found.append(Candidate(iso_date(gazette["d"], gazette["m"], gazette["y"]), None, 0.9, "gazette line"))
    attached = ATTACHED_DATE.search(layout.text)
    if attached:
        found.append(Candidate(iso_date(attached["d"], attached["m"], attached["y"]), attached.span(), 0.5, "attachment note"))
    return found


def _header_match(layout: Layout):
    start, end = _header_text_span(layout)
    return PLACE_DATE_WRAPPED.search(layout.text, start, end) or PLACE_DATE.search(layout.text, start, end)
