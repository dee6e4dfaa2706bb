"""Kỳ của kế hoạch (`period`): the year or span the title names.

Reads `năm 2023` → 2023..2023, `giai đoạn 2021-2025`, `giai đoạn 2021 - 2025`,
`2022-2025`; where the title is missing, Điều 1 of a Quyết định or the opening
sentence (`… ban hành Kế hoạch … năm 2020, như sau`).
Avoids: `định hướng đến năm 2030` and `tầm nhìn đến năm 2045` (orientations, not
ends), and years inside cited documents (`QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02
THÁNG 01 NĂM 2025`), which are removed before reading.
"""
from __future__ import annotations

import re

from ..candidate import Candidate
from ..layout import Layout

SPAN = re.compile(r"(?:giai\s+đoạn\s*(?:\d+\s+năm\s*)?)?(?P<start>(?:19|20)\d\d)\s*[-–—]\s*(?P<end>(?:19|20)\d\d)", re.IGNORECASE)
YEAR = re.compile(r"(?<!đến\s)năm\s+(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
ORIENTATION = re.compile(r"(?:định\s+hướng|tầm\s+nhìn)\s+đến\s+năm\s+\d{4}", re.IGNORECASE)
CITED = re.compile(
    r"(?:số\s+)?\d+[a-z]?(?:/\d{4})?/[\wĐđ.\-&]+(?:\s+ngày\s+\d{1,2}(?:\s+tháng\s+|/|-)\d{1,2}(?:\s+năm\s+|/|-)\d{4})?"
    r"|ngày\s+\d{1,2}(?:\s+tháng\s+|/|-)\d{1,2}(?:\s+năm\s+|/|-)\d{4}", re.IGNORECASE)
ARTICLE_ONE = re.compile(r"Điều\s+1\s*[.:]\s*(?P<body>[^\n]+)")
OPENING = re.compile(r"ban\s+hành\s+(?:Kế\s+hoạch|Chương\s+trình)[^\n]{0,400}?như\s+sau", re.IGNORECASE)


def read_period(phrase: str) -> dict | None:
    phrase = ORIENTATION.sub(" ", CITED.sub(" ", phrase))
    span = SPAN.search(phrase)
    year = YEAR.search(phrase, span.end() if span else 0)
    if span and year and span["start"] <= year["year"] <= span["end"]:
        # `Thực hiện Chương trình … giai đoạn 2021 - 2030 … năm 2022`: the span is the
        # programme's, the year after it the plan's own
        return {"start": year["year"], "end": year["year"]}
    if span:
        return {"start": span["start"], "end": span["end"]}
    year = YEAR.search(phrase)
    if year:
        return {"start": year["year"], "end": year["year"]}
    return None


def candidates(layout: Layout, title: str | None) -> list[Candidate]:
    if title:
        period = read_period(title)
        return [Candidate(period, None, 1.0, "title")] if period else []
    for pattern, rule in ((ARTICLE_ONE, "Điều 1"), (OPENING, "opening")):
        match = pattern.search(layout.text, layout.preamble[1] if layout.preamble else 0)
        if match:
            period = read_period(match.group(0))
            if period:
                return [Candidate(period, match.span(), 0.7, rule)]
    return []
