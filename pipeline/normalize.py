"""Canonical text: the one text every span points into.

What it does, in order:
- NFC (text typed on some keyboards arrives as NFD); tone placement is kept as
  printed (`hoà` stays `hoà`), matching folds it (textfold.fold);
- tables that web and Markdown copies flatten the two-column header and the
  closing into are read column by column: pipe rows (`A | B |`), pandoc grid
  tables (`+---+` with `| a | b |` rows) and simple tables (a rule of dash runs
  that fixes the column widths), the left column's lines first;
- Markdown and Word marks are removed (`**`, `*`, `_`, `\\` escapes, `#`
  heading marks) and a heading glued to the next text is split
  (`KẾ HOẠCH**Kiểm tra …**` → two lines);
- rule lines (`-------`, `******`) and lone `|` lines are dropped.
Words glued by converters (`kết quảthống kê`) are left as they are: guessing
the split would change the text.
"""
from __future__ import annotations

import re
import unicodedata

_RULE = re.compile(r"^[\s\-‐‑–—_=*~.|:+\\]*$")
_DASH_RUNS = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")
_GRID_BORDER = re.compile(r"^\s*\+[-=+:]+\+\s*$")
_PIPE_ALIGN = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
_TRAILING_RULE = re.compile(r"\s+(?:-{3,}|\*{3,}|_{3,})\s*$")


def canonical(raw: str) -> str:
    """Raw reader text → canonical text (see module docstring). Idempotent: a mark can
    hide another (`**# a**`), so the marks are stripped until nothing changes."""
    text = _canonical_once(raw)
    for _ in range(4):
        again = _canonical_once(text)
        if again == text:
            break
        text = again
    return text


def _canonical_once(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "").replace("\u200b", "")
    lines = [line for line in _read_tables(text.split("\n")) if not _is_rule(line)]
    lines = [_strip_marks(line) for line in lines]
    lines = [part for line in lines for part in _split_glued_heading(line)]
    lines = [line.rstrip() for line in lines if not _is_rule(line)]
    return _squeeze_blank_lines(lines)


# -- tables ---------------------------------------------------------------

def _read_tables(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _GRID_BORDER.match(line):
            i = _read_grid(lines, i, out)
        elif _DASH_RUNS.match(line) and _looks_like_simple_table(lines, i):
            i = _read_simple_table(lines, i, out)
        elif _is_pipe_row(line):
            i = _read_pipe_rows(lines, i, out)
        else:
            out.append(line)
            i += 1
    return out


def _pipe_cells(line: str) -> list[str]:
    """`A | B |` → [`A`, `B`]; a cell is one line of its column."""
    cells = [cell.strip() for cell in line.split("|")]
    return [cell for cell in cells if cell] or [""]


def _is_pipe_row(line: str) -> bool:
    return "|" in line


def _read_pipe_rows(lines: list[str], i: int, out: list[str]) -> int:
    """Consecutive pipe rows. Two columns (a header or a closing laid out as a table:
    `| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |`) are read column by column; wider tables
    row by row, a cell a line, so a task stays beside its lead body."""
    rows: list[list[str]] = []
    while i < len(lines) and _is_pipe_row(lines[i]):
        if not _PIPE_ALIGN.match(lines[i]):
            rows.append([cell.strip() for cell in lines[i].strip().strip("|").split("|")])
        i += 1
    widths = {len(row) for row in rows}
    if widths and max(widths) == 2 and len(rows) > 1:
        _flush_columns([[row[k] for row in rows if len(row) > k] for k in range(2)], out)
    else:
        for row in rows:
            out.extend([cell for cell in row if cell] or [""])
    return i


def _columns_from(rule: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[-=:]+", rule)]


def _slice_columns(line: str, columns: list[tuple[int, int]]) -> list[str]:
    """Cut a fixed-width row at the column starts (the last column runs to the end)."""
    cuts = [start for start, _ in columns] + [None]
    cells = []
    for k in range(len(columns)):
        start = 0 if k == 0 else cuts[k]
        cells.append(line[start:cuts[k + 1]] if start < len(line) else "")
    return cells


def _flush_columns(buffers: list[list[str]], out: list[str]) -> None:
    for column in buffers:
        out.extend(cell for cell in column if cell.strip())
    out.append("")


def _read_grid(lines: list[str], i: int, out: list[str]) -> int:
    """Pandoc grid table: rows between `+---+` borders, cells cut at the `+`s."""
    border = lines[i]
    plus = [m.start() for m in re.finditer(r"\+", border)]
    columns = list(zip(plus[:-1], plus[1:]))
    i += 1
    buffers: list[list[str]] = [[] for _ in columns]
    while i < len(lines) and (lines[i].lstrip().startswith(("|", "+"))):
        line = lines[i]
        if _GRID_BORDER.match(line):
            _flush_columns(buffers, out)
            buffers = [[] for _ in columns]
        else:
            for k, (start, end) in enumerate(columns):
                buffers[k].append(line[start + 1:end].strip(" |").strip())
        i += 1
    _flush_columns(buffers, out)
    return i


def _looks_like_simple_table(lines: list[str], i: int) -> bool:
    """A dash-run rule opens a simple table when another closes it soon after."""
    return any(_DASH_RUNS.match(line) for line in lines[i + 1:i + 40])


def _read_simple_table(lines: list[str], i: int, out: list[str]) -> int:
    columns = _columns_from(lines[i])
    buffers: list[list[str]] = [[] for _ in columns]
    i += 1
    while i < len(lines) and not _DASH_RUNS.match(lines[i]):
        for k, cell in enumerate(_slice_columns(lines[i], columns)):
            buffers[k].extend(_pipe_cells(cell) if "|" in cell else [cell.strip()])
        i += 1
    _flush_columns(buffers, out)
    return i + 1


# -- marks ----------------------------------------------------------------

def _strip_marks(line: str) -> str:
    line = re.sub(r"\\([-*_\\`#|\[\]().<>$!+])", r"\1", line)  # Markdown escapes (`1\.` of pandoc)
    line = re.sub(r"\\$", "", line)  # hard line break
    line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)  # heading marks
    line = _mark_glued_headings(line)
    line = re.sub(r"\*\*+|__+", "", line)
    line = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", line)  # *italic*
    line = re.sub(r"(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])", "", line)  # _italic_
    line = re.sub(r"^\s*\*\s*$", "", line)
    line = _TRAILING_RULE.sub("", line)  # `VĂN PHÒNG CHÍNH PHỦ -------`
    return re.sub(r"[ \t]+", " ", line).strip()


def _mark_glued_headings(line: str) -> str:
    """`KẾ HOẠCH**Kiểm tra**` → `KẾ HOẠCH\x00Kiểm tra`: a bold mark glued
    between an upper-case heading and the next text ends the heading."""
    def split(match: re.Match) -> str:
        before = line[:match.start()]
        head = before.rsplit("\x00", 1)[-1]
        if _is_upper_heading(head):
            return "\x00"
        return match.group(0)
    return re.sub(r"(?<=\S)\*\*(?=\S)", split, line)


def _is_upper_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _split_glued_heading(line: str) -> list[str]:
    return [part.strip() for part in line.split("\x00")]


def _is_rule(line: str) -> bool:
    return bool(line.strip()) and bool(_RULE.match(line)) and not re.search(r"[^\W_]", line)


def _squeeze_blank_lines(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
