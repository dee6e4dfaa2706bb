"""Số và ký hiệu (`ref`), with its halves `number` and `symbol`.

Reads: `Số: 32/KH-UBND`, `Số: 32 /KH-UBND`, a blank draft `Số: /KH-UBND`,
legal-normative `30/2018/QĐ-UBND`, party `05-NQ/HU`, Công văn `2617/VPCP-TCCV`,
a flattened header (`Số: 3745/QĐ-UBND Tây Ninh, ngày …`), and, when the header
has none, the promulgating decision named by an attachment
(`Ban hành kèm theo Quyết định số /QĐ-UBND ngày … năm 2024`).
Avoids: `Số` inside running text (only header segments are read).
"""
from __future__ import annotations

import re

from ..candidate import Candidate
from ..layout import Layout

REF = re.compile(
    r"Số\s*[:.]?\s*(?P<ref>(?:\d+[a-zA-Z]?\s?)?[/-]\s?[A-ZĐ0-9][\wĐđ&.\-/]*[\wĐđ])")
GAZETTE_REF = re.compile(r"\bSỐ\s*:?\s*(?P<ref>\d+[a-zA-Z]?(?:/\d{4})?/[A-ZĐ][\wĐđ&.\-]*[\wĐđ])", re.IGNORECASE)
ATTACHED = re.compile(
    r"kèm\s+theo\s+(?:Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị)\s+số\s*:?\s*"
    r"(?P<ref>(?:\d+[a-zA-Z]?\s?)?/\s?[A-ZĐ0-9][\wĐđ&.\-/]*[\wĐđ])", re.IGNORECASE)


def candidates(layout: Layout) -> list[Candidate]:
    found = []
    for segment in layout.segments:
        match = REF.match(layout.text, segment.start) if segment.text.startswith("Số") else None
        if match:
            found.append(Candidate(clean(match.group("ref")), match.span("ref"), 1.0, "header"))
            break
    if layout.gazette_line is not None:
        match = GAZETTE_REF.search(layout.gazette_line.text)
        if match:
            start = layout.gazette_line.start + match.start("ref")
            found.append(Candidate(clean(match.group("ref")), (start, start + len(match.group("ref"))), 0.9, "gazette line"))
    match = ATTACHED.search(layout.text)
    if match:
        found.append(Candidate(clean(match.group("ref")), match.span("ref"), 0.6, "attachment note"))
    return found


def clean(ref: str) -> str:
    return re.sub(r"\s+", "", ref)


def split(ref: str | None) -> tuple[str | None, str | None]:
    """`32/KH-UBND` → (`32`, `KH-UBND`); `05-NQ/HU` → (`05`, `NQ/HU`); `/KH-UBND` → (None, `KH-UBND`)."""
    if not ref:
        return None, None
    match = re.match(r"(?P<number>\d+[a-zA-Z]?)?[/-](?P<symbol>.+)", ref)
    if not match:
        return None, ref
    return match.group("number"), match.group("symbol")


def type_abbreviation(symbol: str | None) -> str | None:
    """The type part of a symbol: `KH` of `KH-UBND`, `QĐ` of `2018/QĐ-UBND`, `NQ` of `NQ/HU`."""
    if not symbol:
        return None
    parts = [p for p in re.split(r"[/-]", symbol) if p and not p.isdigit()]
    return parts[0] if parts else None
