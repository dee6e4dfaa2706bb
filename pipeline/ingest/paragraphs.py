"""OCR'd lines → the paragraphs they were wrapped from.

A text version holds a paragraph on one line; a scan wraps it at the right
margin, and an extractor reading a list (`các Sở: Kế hoạch và Đầu tư, …,\\nTài
nguyên và Môi trường`) or a heading then sees half of it. So the lines of an
OCR'd page's body are joined back where the page proves a wrap:

- `body_lines`: a line is continued by the next when the next line's first word
  would not have fitted on it (the line ends within that word's width of the
  right margin: typesetting moved the word down) and the next line starts at
  the left margin (a new paragraph is indented or the previous line ends short);
- `list_items`: in the closing's left column (Nơi nhận), a line that opens with
  no list mark continues the item above unless that item is closed (`;`, `.`, `:`).

Forms it avoids: it never joins across a line that ends a sentence or a clause
(`.`, `;`, `:`, `!`, `?`), nor an upper-case line (a title, a heading: the
layout reads those line by line) or into one, into a line that opens a list item or heading (`-`,
`+`, `•`, `1.`, `a)`, `II.`, `Điều 3`), nor lines of a short run (under
MIN_LINES: a table cell, a caption), and it never changes a word: only the line
breaks between them.
"""
from __future__ import annotations

import re
import statistics

MIN_LINES = 3  # a run of fewer lines has no margins to measure
INDENT = 8.0  # pt: a line starting further right than this from the left margin is indented
SPACE = 3.0  # pt: a word space at body size
BLANK_PITCHES = 1.8  # a gap over this many line pitches between two lines holds an empty line: a break
MARGIN_SLACK = 4.0  # pt: a justified line's end wanders this far around the right margin
_CLOSED = re.compile(r"[.;:!?]\s*$")
_OPENS_ITEM = re.compile(r"^\s*(?:[-–—+•*]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXLHl|]+\.|Điều\s+\d)", re.IGNORECASE)


def body_lines(lines: list, width: float) -> list[str]:
    """The lines' texts, each wrapped paragraph joined onto one line. `lines`
    are pdf.Line objects (x0, x1, words, text) top to bottom."""
    if len(lines) < MIN_LINES:
        return [line.text for line in lines]
    left, right = _margins(lines, width)
    pitch = _line_pitch(lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        if index and _wrapped(lines[index - 1], line, left, right):
            out[-1] += " " + line.text
            continue
        if index and line.top - lines[index - 1].top > BLANK_PITCHES * pitch and out[-1]:
            out.append("")  # an empty line's height of white: the page breaks the text there
        out.append(line.text)
    return out


def _line_pitch(lines: list) -> float:
    """The usual distance from one line's top to the next's on the page."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top]
    return statistics.median(steps) if steps else float("inf")


def _margins(lines: list, width: float) -> tuple[float, float]:
    """Left and right margins of the text block: where most wide lines start
    and end (wide: over half the page; narrow lines are titles and signatures)."""
    wide = [line for line in lines if line.x1 - line.x0 > width / 2] or lines
    return statistics.median_low(line.x0 for line in wide), statistics.median_high(line.x1 for line in wide)


def _wrapped(line, following, left: float, right: float) -> bool:
    if _CLOSED.search(line.text) or _OPENS_ITEM.match(following.text):
        return False
    if _upper(line.text) or _upper(following.text):
        return False  # titles and headings keep their lines: the layout reads them so
    if following.x0 > left + INDENT:
        return False
    first = min(following.words, key=lambda word: word.x0)
    return line.x1 + SPACE + (first.x1 - first.x0) > right - MARGIN_SLACK


def _upper(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def list_items(texts: list[str]) -> list[str]:
    """A list column's lines, each item's wrapped lines joined onto its first."""
    out: list[str] = []
    for text in texts:
        if out and not _CLOSED.search(out[-1]) and not _OPENS_ITEM.match(text):
            out[-1] += " " + text.strip()
        else:
            out.append(text)
    return out
