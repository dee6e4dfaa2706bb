"""Nơi nhận (`recipients`): each line of the list, marker and trailing `;` `.`
removed, otherwise as printed.

Reads one recipient a line (`- Bộ Nội vụ;`), items wrapped over lines (a line
without a marker continues the item above), all items on one line (`Nơi nhận:
- Như trên; - TTCP, các PTTg (để b/c); - Lưu: VT.`), and markers `-`, `+`, `•`.
Ends at the `Lưu` line (not a recipient), a blank line after the items, or the
signature block. A `;` inside an item (`Trợ lý TTCP, Cổng TTĐTCP; các Vụ: …`)
does not split it: only a new marker does.
"""
from __future__ import annotations

import re

from ..candidate import Candidate
from ..layout import RECIPIENTS_HEAD, Layout
from ..textfold import is_upper_text

# a list mark opens a line or follows an item's end; `, - Lưu:` also starts the storage line
# (a scan that read the `;` before it as `,`)
MARKER = re.compile(r"(?:^|(?<=[;.])\s*|(?<=:)\s*)[-–+•]\s+|(?<=,)\s*[-–]\s+(?=Lưu\b)")
# `Lưu: VT`, `Lưu VT`, and as scans print it: a speck or a stray mark before it (`xLưu;: VT`)
STORAGE = re.compile(r"^(?:[^\w\s]{0,2}|[^\W\d_](?=Lưu))Lưu\b", re.IGNORECASE)
SIGNATURE = re.compile(r"^(TM|KT|TL|TUQ|Q|KÝ)\s*\.")


def candidates(layout: Layout) -> list[Candidate]:
    if not layout.closing:
        return []
    start, end = layout.closing
    head = RECIPIENTS_HEAD.match(layout.text, start)
    if not head:
        return []
    items = _items(layout.text, head.end(), end)
    return [Candidate(items, (start, end), 1.0, "closing")] if items else []


def _items(text: str, start: int, end: int) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    lines = [line.strip() for line in text[start:end].split("\n")]
    for index, line in enumerate(lines):
        if not line:
            if (items or current) and not _marked_item_follows(lines, index):
                break  # web copies put a blank line between items; anything else ends the list
            continue
        if STORAGE.match(line):
            break  # the storage line, even where the item above ended unfinished (`thị trấn:`)
        unfinished = bool(current) and not current[-1].rstrip().endswith((";", "."))
        if SIGNATURE.match(line) or (is_upper_text(line) and not line.startswith(("-", "+", "•")) and not unfinished):
            break
        pieces = [p for p in MARKER.split(line)]
        if not MARKER.match(line) and current and unfinished:
            current.append(pieces.pop(0))  # a wrapped item continues
        for piece in pieces:
            if current:
                items.append(" ".join(current))
            current = [piece] if piece.strip() else []
        if current and STORAGE.match(current[0].strip()):
            current = []
            break
    if current:
        items.append(" ".join(current))
    return [cleaned for item in items if (cleaned := _clean(item)) and not STORAGE.match(cleaned)]


def _marked_item_follows(lines: list[str], index: int) -> bool:
    following = next((line for line in lines[index + 1:] if line), "")
    return bool(MARKER.match(following)) and not STORAGE.match(MARKER.sub("", following, count=1))


def _clean(item: str) -> str:
    """Spaces squeezed, end marks and a closing bracket that opens nowhere
    (`Kiểm toán nhà nước;)`: a scan's speck) dropped; an item with no letter
    (`%` read from a speck after `Nơi nhận:`) is no recipient."""
    item = re.sub(r"\s+", " ", item).strip()
    while item.endswith(")") and item.count(")") > item.count("("):
        item = item[:-1].rstrip()
    item = item.strip(" ;.,:").strip()
    return item if any(char.isalpha() for char in item) else ""
