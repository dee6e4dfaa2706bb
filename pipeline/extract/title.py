"""Trích yếu (`title`): the line(s) after the type line, or after `V/v` in a
Công văn; one line, spaces collapsed, case as printed. A copy that lost its
type line and title gives none (no guessing from the body)."""
from __future__ import annotations

import re

from ..candidate import Candidate
from ..layout import Layout, is_place_date, is_quoc_hieu


def candidates(layout: Layout) -> list[Candidate]:
    if layout.title_lines:
        return [_joined(layout.title_lines, 1.0, "type line")]
    vv_lines = _vv_lines(layout)
    if vv_lines:
        return [_joined(vv_lines, 0.9, "V/v")]
    return []


def _joined(lines, confidence: float, rule: str) -> Candidate:
    text = " ".join(line.text.strip() for line in lines)
    text = re.sub(r"^V/v[:.]?\s*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return Candidate(text, (lines[0].start, lines[-1].end), confidence, rule)


def _vv_lines(layout: Layout):
    lines = []
    for segment in layout.segments:
        stripped = segment.text.strip()
        if not lines:
            if stripped.startswith("V/v"):
                lines.append(segment)
            continue
        if not stripped or is_place_date(stripped) or is_quoc_hieu(stripped) or stripped.startswith(("Kính gửi", "Số")):
            break
        lines.append(segment)
    return lines
