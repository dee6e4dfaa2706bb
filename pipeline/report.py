"""The comparison as one self-contained HTML page: a table and three SVG charts.

Charts, drawn here as inline SVG (no script, no CDN, no network: the file opens from
a USB stick in an office without internet):
- when inspections happen: one row per group, one cell per month, darker for more
  plans inspecting that month, quarters marked;
- inspection coverage: one bar per group at the median percentage target, a whisker
  from the lowest to the highest;
- reform areas: a heat map of groups × areas, each cell the share of the group's
  plans addressing the area.
Text is escaped (`html.escape`); names keep their diacritics (UTF-8, `<meta charset>`).
"""
from __future__ import annotations

from html import escape
from typing import Iterable

from pipeline.compare import GroupRow
from pipeline.compare_text import cells, HEADERS

LABEL_WIDTH = 170
CELL = 34
ROW = 26
BAR_WIDTH = 360
INK = "#1f4e79"

_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; font-size: 0.85em; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eef3f8; }
svg text { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 12px; }
.note { color: #555; font-size: 0.85em; }
"""


def html_report(rows: list[GroupRow], by: str, title: str = "") -> str:
    """The whole page for the rows of one comparison."""
    heading = title or f"Kế hoạch CCHC theo {_BY_NAMES.get(by, by)}"
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>{escape(heading)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(heading)}</h1>", _table(rows),
        "<h2>Thời gian kiểm tra (số kế hoạch theo tháng)</h2>", months_svg(rows),
        "<h2>Mục tiêu kiểm tra (% cơ quan, đơn vị): trung vị và khoảng</h2>", coverage_svg(rows),
        "<h2>Lĩnh vực cải cách (tỷ lệ kế hoạch)</h2>", areas_svg(rows),
        '<p class="note">cchc compare — months and coverage come from the sections about '
        "inspection (kiểm tra); areas from each plan's record.</p>",
        "</body></html>"]
    return "\n".join(parts)


_BY_NAMES = {"province": "tỉnh, thành phố", "level": "cấp", "year": "năm"}


def _table(rows: list[GroupRow]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells(r)) + "</tr>"
                   for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _svg(width: int, height: int, body: Iterable[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img">' + "".join(body) + "</svg>")


def _label(x: float, y: float, text: str, anchor: str = "end", fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" '
            f'dominant-baseline="middle">{escape(text)}</text>')


def _shade(share: float) -> str:
    """White for 0, the ink colour for 1."""
    share = max(0.0, min(1.0, share))
    r, g, b = (int(255 + (int(INK[i:i + 2], 16) - 255) * share) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def _text_on(share: float) -> str:
    return "#fff" if share > 0.55 else "#222"


def months_svg(rows: list[GroupRow]) -> str:
    """Groups × 12 months, each cell shaded by the plans inspecting in that month."""
    top = 34
    width, height = LABEL_WIDTH + 12 * CELL + 10, top + ROW * len(rows) + 10
    body = [_label(LABEL_WIDTH + (3 * q - 1.5) * CELL, 10, f"Quý {q}", "middle")
            for q in range(1, 5)]
    body += [_label(LABEL_WIDTH + (m - 0.5) * CELL, 24, str(m), "middle") for m in range(1, 13)]
    for i, row in enumerate(rows):
        y = top + i * ROW
        body.append(_label(LABEL_WIDTH - 6, y + ROW / 2, row.group))
        for m in range(1, 13):
            count = row.months.get(m, 0)
            share = count / row.plans if row.plans else 0
            body.append(f'<rect x="{LABEL_WIDTH + (m - 1) * CELL}" y="{y}" width="{CELL - 2}" '
                        f'height="{ROW - 2}" fill="{_shade(share)}" stroke="#ddd"/>')
            if count:
                body.append(_label(LABEL_WIDTH + (m - 0.5) * CELL, y + ROW / 2, str(count),
                                   "middle", _text_on(share)))
    body += [f'<line x1="{LABEL_WIDTH + 3 * q * CELL - 1}" y1="{top - 4}" '
             f'x2="{LABEL_WIDTH + 3 * q * CELL - 1}" y2="{height - 8}" stroke="#888"/>'
             for q in range(1, 4)]
    return _svg(width, height, body)


def coverage_svg(rows: list[GroupRow]) -> str:
    """A bar at the median coverage % per group, a whisker over its range."""
    top = 24
    width, height = LABEL_WIDTH + BAR_WIDTH + 120, top + ROW * len(rows) + 10
    scale = BAR_WIDTH / 100
    body = [_label(LABEL_WIDTH + p * scale, 10, f"{p}%", "middle") for p in (0, 25, 50, 75, 100)]
    for i, row in enumerate(rows):
        y, spread = top + i * ROW, row.coverage
        body.append(_label(LABEL_WIDTH - 6, y + ROW / 2, row.group))
        if spread.median is None:
            body.append(_label(LABEL_WIDTH + 4, y + ROW / 2, "—", "start", "#888"))
            continue
        body.append(f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{spread.median * scale:.1f}" '
                    f'height="{ROW - 10}" fill="{INK}"/>')
        body.append(f'<line x1="{LABEL_WIDTH + spread.low * scale:.1f}" y1="{y + ROW / 2 - 1}" '
                    f'x2="{LABEL_WIDTH + spread.high * scale:.1f}" y2="{y + ROW / 2 - 1}" '
                    'stroke="#c0392b" stroke-width="2"/>')
        body.append(_label(LABEL_WIDTH + min(spread.high, 100) * scale + 6, y + ROW / 2,
                           _coverage_text(spread), "start"))
    return _svg(width, height, body)


def _coverage_text(spread) -> str:
    if spread.low == spread.high:
        return f"{spread.median:g}%"
    return f"{spread.median:g}% ({spread.low:g}–{spread.high:g})"


def areas_svg(rows: list[GroupRow]) -> str:
    """Groups × reform areas, each cell the share of plans addressing the area."""
    areas = sorted({a for row in rows for a in row.areas})
    column, top = 62, 150
    width = LABEL_WIDTH + column * max(len(areas), 1) + 160  # room for the slanted last label
    height = top + ROW * len(rows) + 10
    body = [f'<text transform="translate({LABEL_WIDTH + (j + 0.5) * column:.0f},{top - 6}) '
            f'rotate(-40)">{escape(_short(a))}</text>' for j, a in enumerate(areas)]
    for i, row in enumerate(rows):
        y = top + i * ROW
        body.append(_label(LABEL_WIDTH - 6, y + ROW / 2, row.group))
        for j, area in enumerate(areas):
            share = row.areas.get(area, 0.0)
            x = LABEL_WIDTH + j * column
            body.append(f'<rect x="{x}" y="{y}" width="{column - 2}" height="{ROW - 2}" '
                        f'fill="{_shade(share)}" stroke="#ddd"><title>{escape(area)}: '
                        f'{share:.0%}</title></rect>')
            body.append(_label(x + column / 2, y + ROW / 2, f"{share:.0%}", "middle",
                               _text_on(share)))
    return _svg(width, height, body)


def _short(area: str, limit: int = 28) -> str:
    return area if len(area) <= limit else area[:limit - 1] + "…"
