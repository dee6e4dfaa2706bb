"""Tên loại (`doc_type`), in sentence case as Nghị định 30/2020 writes it.

Reads, most certain first: the type line under the header (`KẾ HOẠCH`,
`QUYẾT ĐỊNH`); a `V/v …` line, which only a Công văn carries; the type
abbreviation of the ký hiệu (`KH` in `32/KH-UBND`); a symbol with no type
abbreviation (`VPCP-TCCV`), which is a Công văn's; the opening sentence of a copy
that lost its header (`… ban hành Kế hoạch … như sau`).
"""
from __future__ import annotations

import re

from ..candidate import Candidate
from ..doctypes import name_for_upper, type_for_abbreviation
from ..layout import Layout
from . import ref as ref_field

OPENING = re.compile(r"ban\s+hành\s+(?P<type>Kế\s+hoạch|Chương\s+trình|Hướng\s+dẫn|Quy\s+chế|Đề\s+án)\b[\s\S]{0,300}?như\s+sau")


def candidates(layout: Layout, ref: str | None) -> list[Candidate]:
    found = []
    if layout.type_segment is not None:
        found.append(Candidate(name_for_upper(layout.doc_type_word), _span(layout.type_segment), 1.0, "type line"))
    vv = next((s for s in layout.segments if s.text.startswith("V/v")), None)
    if vv is not None:
        found.append(Candidate("Công văn", _span(vv), 0.9, "V/v line"))
    abbreviation = ref_field.type_abbreviation(ref_field.split(ref)[1])
    if abbreviation:
        name = type_for_abbreviation(abbreviation)
        found.append(Candidate(name or "Công văn", None, 0.7 if name else 0.5, "symbol"))
    opening = OPENING.search(layout.text)
    if opening:
        found.append(Candidate(name_for_upper(opening.group("type")), opening.span("type"), 0.4, "opening"))
    return found


def _span(segment) -> tuple[int, int]:
    return (segment.start, segment.end)
