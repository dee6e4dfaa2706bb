"""Second reading of the lines Tesseract was unsure of, each line on its own.

In a page read with psm 3 a line's words are recognised in the context of the
block Tesseract found around them; where that analysis goes wrong (a table
cell, a heading glued to a number, a line under a stamp) one line comes out as
junk with low confidence while its neighbours are read well: `Sở KH&CGN` for
`Sở KH&CN`, `5/-NQ/TW` for `57-NQ/TW`, `bề láng` for `- Như trên;`. Read
alone, as one text line, most of these come out right and Tesseract says so
with its confidence (dev scans: 33 of 44 such lines rose by 10–50 points).

The unsure lines of a page are cut out, stacked one under another with white
space between them and read in one Tesseract call (page segmentation mode 6,
one uniform block), so a page with twenty such lines costs one extra call, not
twenty. A line's new reading replaces the old only when its mean confidence is
higher by LINE_GAIN; its words get boxes in page pixels again, so the layout
logic sees nothing different. Lines shorter than LINE_MIN_CHARS are left as
read: alone, `II.` and `đ)` lose the context that made them numerals and
letters (`IH.`, `3)`).
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

LINE_REREAD_BELOW = 60.0  # mean word confidence (Tesseract's 0–100) under which a line is read again
WORD_REREAD_BELOW = 35.0  # … or with a word read under this confidence
LINE_GAIN = 5.0  # the new reading must be surer by this much to replace the old
LINE_MIN_CHARS = 4  # shorter lines are left as read (see the module's docstring)
LINE_MAX_WORDS = 15  # longer "lines" are a table's rows run together: a second reading does not help them
COLUMN_GAP = 3.0  # line heights: a wider gap between two words of a line parts two columns
TALLEST_SHARE = 1.6  # a word box taller than this many median word heights spans two lines
PAD_SHARE = 0.3  # white margin around a cut-out line, as a share of its height
GAP_SHARE = 1.0  # white space between stacked lines, as a share of the tallest line


@dataclass
class _Cut:
    key: tuple
    rows: list[int]
    box: tuple[int, int, int, int]  # left, top, right, bottom in page pixels
    at: tuple[int, int] = (0, 0)  # where the cut sits on the stacked image


def reread_unsure_lines(data: dict, image, read) -> dict:
    """`data` with its unsure lines replaced by a surer second reading.
    `read(image) -> dict` is Tesseract's TSV for an image in psm 6."""
    cuts = _unsure_lines(data, image.size)
    if not cuts:
        return data
    stacked = _stack(image, cuts)
    second = read(stacked)
    new_rows = _rows_by_cut(second, cuts)
    for cut in cuts:
        rows = new_rows.get(id(cut), [])
        if rows and _one_line(second, rows) and _mean(second, rows) >= _mean(data, cut.rows) + LINE_GAIN:
            _replace(data, cut, second, rows)
    return data


def _unsure_lines(data: dict, size: tuple[int, int]) -> list[_Cut]:
    lines: dict[tuple, list[int]] = defaultdict(list)
    for row, text in enumerate(data["text"]):
        if data["level"][row] == 5 and text.strip():
            lines[(data["page_num"][row], data["block_num"][row], data["par_num"][row], data["line_num"][row])].append(row)
    cuts = []
    usual_height = statistics.median(data["height"][row] for line in lines.values() for row in line) if lines else 0
    for key, rows in ((key, run) for key, line in lines.items() for run in _runs(data, line)):
        text = " ".join(data["text"][row].strip() for row in rows)
        if len(text) < LINE_MIN_CHARS or len(rows) > LINE_MAX_WORDS or not _unsure(data, rows):
            continue
        if max(data["height"][row] for row in rows) > TALLEST_SHARE * usual_height:
            continue  # a box over two lines of print: cut out, it would hold halves of both
        cuts.append(_Cut(key, rows, _padded_box(data, rows, size)))
    return cuts


def _runs(data: dict, rows: list[int]) -> list[list[int]]:
    """A line's words split where a gap wider than COLUMN_GAP line heights parts
    them: Tesseract runs the two columns of a header or closing into one line
    (`bề láng   TỔ PHÓ THƯỜNG TRỰC`), and only the unsure side is to be read again."""
    rows = sorted(rows, key=lambda row: data["left"][row])
    height = max(data["height"][row] for row in rows)
    runs = [[rows[0]]]
    for row in rows[1:]:
        previous = runs[-1][-1]
        if data["left"][row] - (data["left"][previous] + data["width"][previous]) > COLUMN_GAP * height:
            runs.append([row])
        else:
            runs[-1].append(row)
    return runs


def _padded_box(data: dict, rows: list[int], size: tuple[int, int]) -> tuple[int, int, int, int]:
    left = min(data["left"][row] for row in rows)
    right = max(data["left"][row] + data["width"][row] for row in rows)
    top = min(data["top"][row] for row in rows)
    bottom = max(data["top"][row] + data["height"][row] for row in rows)
    pad = int((bottom - top) * PAD_SHARE) + 2
    return max(0, left - pad), max(0, top - pad), min(size[0], right + pad), min(size[1], bottom + pad)


def _stack(image, cuts: list[_Cut]):
    """The cut-out lines one under another on a white page."""
    from PIL import Image

    tallest = max(cut.box[3] - cut.box[1] for cut in cuts)
    gap = int(tallest * GAP_SHARE) + 4
    width = max(cut.box[2] - cut.box[0] for cut in cuts) + 2 * gap
    height = sum(cut.box[3] - cut.box[1] + gap for cut in cuts) + gap
    sheet = Image.new("L", (width, height), 255)
    y = gap
    for cut in cuts:
        sheet.paste(image.crop(cut.box), (gap, y))
        cut.at = (gap, y)
        y += cut.box[3] - cut.box[1] + gap
    return sheet


def _rows_by_cut(second: dict, cuts: list[_Cut]) -> dict[int, list[int]]:
    """The second reading's words, each given to the cut its middle falls in."""
    found: dict[int, list[int]] = defaultdict(list)
    for row, text in enumerate(second["text"]):
        if second["level"][row] != 5 or not text.strip():
            continue
        middle = second["top"][row] + second["height"][row] / 2
        for cut in cuts:
            if cut.at[1] <= middle < cut.at[1] + cut.box[3] - cut.box[1]:
                found[id(cut)].append(row)
                break
    return found


def _unsure(data: dict, rows: list[int]) -> bool:
    """Unsure on the whole, or one word all but guessed (`-'FT. HĐND tỉnh;`: 26, 92, 95)."""
    least = min(max(float(data["conf"][row]), 0.0) for row in rows)
    return _mean(data, rows) < LINE_REREAD_BELOW or least < WORD_REREAD_BELOW


def _one_line(second: dict, rows: list[int]) -> bool:
    """The cut read as one line: a cut that shows parts of two lines of print is not to be trusted."""
    return len({(second["block_num"][row], second["par_num"][row], second["line_num"][row]) for row in rows}) == 1


def _replace(data: dict, cut: _Cut, second: dict, rows: list[int]) -> None:
    """Blank the old words of the line and append the new ones in page pixels, on the old line."""
    for row in cut.rows:
        data["text"][row] = ""
    first = cut.rows[0]
    for row in rows:
        for column in data:
            data[column].append(data[column][first])  # page, block, paragraph, line of the old line
        data["left"][-1] = second["left"][row] - cut.at[0] + cut.box[0]
        data["top"][-1] = second["top"][row] - cut.at[1] + cut.box[1]
        data["width"][-1] = second["width"][row]
        data["height"][-1] = second["height"][row]
        data["conf"][-1] = second["conf"][row]
        data["text"][-1] = second["text"][row]


def _mean(data: dict, rows: list[int]) -> float:
    return statistics.fmean(max(float(data["conf"][row]), 0.0) for row in rows)
