"""Second reading of the lines Tesseract was unsure of, each line on its own.

In a page read with psm 3 a line's words are recognised in the context of the
block Tesseract found around them; where that analysis goes wrong (a table
cell, a heading glued to a number, a line under a stamp) one line comes out as
junk with low confidence while its neighbours are read well: `Sở KH&CGN` for
`Sở KH&CN`, `5/-NQ/TW` for `57-NQ/TW`, `xLưu;: VT KSTT.` for `- Lưu: VT, KSTT.`.
Read alone, most of these come out right and Tesseract says so with its
confidence.

A line is unsure when its mean word confidence is under LINE_REREAD_BELOW or
one of its words is under WORD_REREAD_BELOW; a Tesseract line that runs across
both columns of a header or closing is cut at the gutter first. The unsure
lines of a page are cut out and pasted on two white sheets, one under another
(read as a block, DOWN_PSM) and side by side (read as one line, ACROSS_PSM):
two extra Tesseract calls a page, whatever the number of lines. Each line
takes the surer of its two new readings when that is surer than the first by
LINE_GAIN and guesses no word (none under WORD_REREAD_BELOW); its words get
boxes in page pixels again, so the layout logic sees nothing different.

Forms it avoids: lines shorter than LINE_MIN_CHARS (alone, `II.` and `đ)` lose
the context that made them numerals and letters: `IH.`, `3)`), runs of more
than LINE_MAX_WORDS words (a table's rows run together), and boxes taller than
TALLEST_SHARE line heights (cut out, they hold halves of two lines).
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
DOWN_PSM = 6  # the cut lines one under another are read as one uniform block
ACROSS_PSM = 7  # the cut lines side by side are read as one text line
GAP_SHARE = 1.0  # white space between stacked lines, as a share of the tallest line


@dataclass
class _Cut:
    key: tuple
    rows: list[int]
    box: tuple[int, int, int, int]  # left, top, right, bottom in page pixels


@dataclass
class _Sheet:
    """The cut-out lines pasted on one white image, and where each sits on it."""
    image: object
    places: list[tuple[tuple[int, int], tuple[int, int]]]  # (x, y) and (width, height) of each cut
    across: bool  # side by side (one long line) rather than one under another


def reread_unsure_lines(data: dict, image, read) -> dict:
    """`data` with its unsure lines replaced by a surer second reading.
    `read(image, psm) -> dict` is Tesseract's TSV for an image. The lines side
    by side are read first (one text line: no layout analysis, the cheaper
    call); the lines that reading did not make sure are read again stacked."""
    cuts = _unsure_lines(data, image.size)
    for across in (True, False):
        if not cuts:
            break
        sheet = _paste(image, cuts, across)
        second = read(sheet.image, ACROSS_PSM if across else DOWN_PSM)
        cuts = [cut for cut, rows, place in zip(cuts, _rows_by_cut(second, sheet), sheet.places)
                if not _replaced(data, cut, second, rows, place[0])]
    return data


def _replaced(data: dict, cut: _Cut, second: dict, rows: list[int], place: tuple[int, int]) -> bool:
    """Replace the cut's words by its second reading if that is surer (see _surer)."""
    if rows and _one_line(second, rows) and _surer(second, rows, data, cut.rows):
        _replace(data, cut, second, rows, place)
        return True
    return False


def _unsure_lines(data: dict, size: tuple[int, int]) -> list[_Cut]:
    lines: dict[tuple, list[int]] = defaultdict(list)
    for row, text in enumerate(data["text"]):
        if data["level"][row] == 5 and text.strip():
            lines[line_key(data, row)].append(row)
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


def _paste(image, cuts: list[_Cut], across: bool) -> _Sheet:
    """The cut-out lines one under another (read as a block, DOWN_PSM) or side
    by side (read as one line, ACROSS_PSM), with white space between them.
    The two readings fail on different lines: a block reading weighs a line
    against its neighbours, a line reading against nothing (dev scans: `xLưu;:
    VT KSTT.` → block `-1 ưu; VT KSTT.`, line `- Lưu: VT, KSTT.`)."""
    from PIL import Image

    tallest = max(cut.box[3] - cut.box[1] for cut in cuts)
    gap = int(tallest * GAP_SHARE) + 4
    sizes = [(cut.box[2] - cut.box[0], cut.box[3] - cut.box[1]) for cut in cuts]
    if across:
        width, height = sum(w + gap for w, _ in sizes) + gap, tallest + 2 * gap
    else:
        width, height = max(w for w, _ in sizes) + 2 * gap, sum(h + gap for _, h in sizes) + gap
    sheet = Image.new("L", (width, height), 255)
    places, x, y = [], gap, gap
    for cut, (w, h) in zip(cuts, sizes):
        place = (x, gap + (tallest - h) // 2) if across else (gap, y)
        sheet.paste(image.crop(cut.box), place)
        places.append((place, (w, h)))
        x, y = x + w + gap, y + h + gap
    return _Sheet(sheet, places, across)


def _rows_by_cut(second: dict, sheet: _Sheet) -> list[list[int]]:
    """The second reading's words, each given to the cut its middle falls in."""
    found: list[list[int]] = [[] for _ in sheet.places]
    axis, size = ("left", "width") if sheet.across else ("top", "height")
    for row, text in enumerate(second["text"]):
        if second["level"][row] != 5 or not text.strip():
            continue
        middle = second[axis][row] + second[size][row] / 2
        for index, ((x, y), (w, h)) in enumerate(sheet.places):
            start, extent = (x, w) if sheet.across else (y, h)
            if start <= middle < start + extent:
                found[index].append(row)
                break
    return found


def _unsure(data: dict, rows: list[int]) -> bool:
    """Unsure on the whole, or one word all but guessed (`-'FT. HĐND tỉnh;`: 26, 92, 95)."""
    return _mean(data, rows) < LINE_REREAD_BELOW or _least(data, rows) < WORD_REREAD_BELOW


def _surer(second: dict, rows: list[int], first: dict, old_rows: list[int]) -> bool:
    """Surer on the whole by LINE_GAIN, and no word guessed: none under
    WORD_REREAD_BELOW or under the old reading's worst (`xLưu;: VT KSTT.` read
    again as `-1 ưu; VT KSTT.`, `-1` at 0)."""
    return (_mean(second, rows) >= _mean(first, old_rows) + LINE_GAIN
            and _least(second, rows) >= max(_least(first, old_rows), WORD_REREAD_BELOW))


def _least(data: dict, rows: list[int]) -> float:
    return min(max(float(data["conf"][row]), 0.0) for row in rows)


def _one_line(second: dict, rows: list[int]) -> bool:
    """The cut read as one line: a cut that shows parts of two lines of print is not to be trusted."""
    return len({line_key(second, row) for row in rows}) == 1


def _replace(data: dict, cut: _Cut, second: dict, rows: list[int], place: tuple[int, int]) -> None:
    """Blank the old words of the line and append the new ones in page pixels, on the old line."""
    for row in cut.rows:
        data["text"][row] = ""
    first = cut.rows[0]
    for row in rows:
        for column in data:
            data[column].append(data[column][first])  # page, block, paragraph, line of the old line
        data["left"][-1] = second["left"][row] - place[0] + cut.box[0]
        data["top"][-1] = second["top"][row] - place[1] + cut.box[1]
        data["width"][-1] = second["width"][row]
        data["height"][-1] = second["height"][row]
        data["conf"][-1] = second["conf"][row]
        data["text"][-1] = second["text"][row]


def line_key(data: dict, row: int) -> tuple[int, int, int, int]:
    """The Tesseract line a TSV row belongs to: page, block, paragraph, line."""
    return data["page_num"][row], data["block_num"][row], data["par_num"][row], data["line_num"][row]


def _mean(data: dict, rows: list[int]) -> float:
    return statistics.fmean(max(float(data["conf"][row]), 0.0) for row in rows)
