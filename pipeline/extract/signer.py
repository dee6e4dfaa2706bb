"""Người ký (`signer`): authority, position, name.

Reads the signature block of the closing in its printed forms: one item a line
(`TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / `Lê Thị Minh Phụng`),
all on one line (`TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Chiến`),
or glued after the last recipient (`- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG,
CHỦ NHIỆM Mai Tiến Dũng`). `authority` is the line right above the position
(`KT. Chủ tịch` where both TM. and KT. are printed), null when the head signs in
their own name. A `KÝ.` mark (a typing slip for `KT.`) is read as `KT.` with a
warning. The name is the run of capitalised words after the position.
Avoids: names in the body (only the closing, or the end of the first part, is read).
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from ..candidate import Candidate
from ..layout import Layout
from ..textfold import VN_LOWER, VN_UPPER, fold, is_upper_text, sentence_case

# `TM.`, `KT.`, `TL.`, `TUQ.`, `Q.` (Nghị định 30/2020); party documents write `T/M`, `K/T`, `T/L`
AUTHORITY_MARK = re.compile(r"\b(TM|KT|TL|TUQ|Q|KÝ)\s*\.\s*|\b(T/M|K/T|T/L)\s+")
SIGNED_NOTE = re.compile(r"^\((?:Đã\s+ký|đã\s+ký|Ký)[^)]*\)$")
_UPPER_WORD = rf"[{VN_UPPER}][{VN_UPPER}]*"
ABOVE_CLOSING = 400  # characters above `Nơi nhận` searched for a signature block printed there
ABOVE_CLOSING_LINES = 6
NAME_LINES = 3  # lines under the position searched for the name (a signature may be read as junk)
NAME = re.compile(rf"(?<![\w.])(?P<name>[{VN_UPPER}][{VN_LOWER}]+(?:\s+[{VN_UPPER}][{VN_LOWER}]*){{1,4}})\s*$")


@cache
def _positions() -> re.Pattern:
    names = sorted(_position_names(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+").replace(",", r"\s*,") for n in names)
    return re.compile(rf"(?<![{VN_UPPER}])(?P<position>{alternatives})(?![{VN_UPPER}])")


def candidates(layout: Layout) -> list[Candidate]:
    start, end = _signature_region(layout)
    if start >= end:
        return []
    region = layout.text[start:end]
    signer, warnings = _read_block(region)
    if signer:
        return [Candidate(signer, (start, end), 1.0, "closing", warnings)]
    return _block_above_closing(layout, region) or _block_among_recipients(layout)


def _block_above_closing(layout: Layout, after_storage: str) -> list[Candidate]:
    """A copy (or a scan read column by column) that put the signature block
    above `Nơi nhận`: the authority and position there, the name either under
    them or alone after the `Lưu` line."""
    if not layout.closing:
        return []
    end = layout.closing[0]
    start = max(0, end - ABOVE_CLOSING)
    lines = layout.text[start:end].split("\n")
    signer, warnings = _block_on_its_lines("\n".join(lines[-ABOVE_CLOSING_LINES:]))
    if not signer:
        return []
    if signer["name"] is None:
        signer["name"] = next((line.strip() for line in after_storage.split("\n") if NAME.fullmatch(line.strip())), None)
    return [Candidate(signer, (start, end), 0.8, "signature block above the closing", warnings)]


def _block_among_recipients(layout: Layout) -> list[Candidate]:
    """A scan whose closing columns were not told apart interleaves the signature
    block with the recipients (`- CT, PCT UBND tỉnh;⏎TM. ỦY BAN NHÂN DÂN⏎CHỦ TỊCH⏎-
    Văn phòng …`): a position on a line of its own there still signs."""
    if not layout.closing:
        return []
    start, end = layout.closing
    signer, warnings = _block_on_its_lines(layout.text[start:end])
    return [Candidate(signer, (start, end), 0.7, "signature block among the recipients", warnings)] if signer else []


def _block_on_its_lines(block: str) -> tuple[dict | None, list[str]]:
    """The signature block read from text around it, if its position stands on a line of
    its own (a position word inside a sentence is no signature block)."""
    signer, warnings = _read_block(block)
    if signer and any(_whole_line(block, match) for match in _positions().finditer(block)):
        return signer, warnings
    return None, []


def _signature_region(layout: Layout) -> tuple[int, int]:
    """After the last recipient (or the first part's last article) to the end of the first part."""
    part_end = layout.first_part_end
    if layout.closing:
        begin = _after_storage_line(layout.text, layout.closing[0], part_end)
        return begin, min(part_end, layout.closing[1] + 1)
    tail_start = max(0, part_end - 600)
    return tail_start, part_end


def _after_storage_line(text: str, start: int, end: int) -> int:
    """The signature follows the `Lưu: …` line; where a copy put it first, read the whole closing."""
    match = re.search(r"Lưu\s*:[^\n]*?(?:\.\s|\n|$)", text[start:end])
    if not match:
        return start
    line_end = text.find("\n", start + match.start())
    glued = text[start + match.end():line_end if line_end != -1 else end]
    return start + match.end() if _positions().search(glued) else (line_end if line_end != -1 else end)


def _read_block(region: str) -> tuple[dict | None, list[str]]:
    warnings: list[str] = []
    positions = list(_positions().finditer(region))
    position = _signing_position(region, positions)
    if position is None:
        region = _position_line_read_damaged(region, warnings)
        position = _signing_position(region, list(_positions().finditer(region)))
    if position is None:
        return None, warnings
    authority = _authority_before(region, position.start(), warnings)
    name_match = NAME.search(_name_line_after(region, position.end()))
    return {
        "authority": authority,
        "position": _case(position.group("position")),
        "name": name_match.group("name") if name_match else None,
    }, warnings


def _signing_position(region: str, positions: list[re.Match]) -> re.Match | None:
    """The position that is not itself part of an authority line (`KT. CHỦ TỊCH`);
    of those, the last printed as a line of its own: `TRƯỞNG BAN⏎CHỦ TỊCH UBND TỈNH`
    signs as Trưởng ban, the line under it names the signer's other office."""
    signing = [match for match in positions
               if not re.search(r"\b(TM|KT|TL|TUQ|Q|KÝ)\s*\.$|\b(T/M|K/T|T/L)$", region[:match.start()].rstrip())]
    whole = [match for match in signing if _whole_line(region, match)]
    return (whole or signing or [None])[-1]


def _whole_line(region: str, match: re.Match) -> bool:
    """The position is a line of its own (stray marks around it aside: `* CHỦ TỊCH!`)."""
    line_start = region.rfind("\n", 0, match.start()) + 1
    line_end = region.find("\n", match.end())
    rest = region[match.end():line_end if line_end != -1 else len(region)]
    return not re.search(r"\w", region[line_start:match.start()]) and not re.search(r"\w", rest)


def _authority_before(region: str, position_start: int, warnings: list[str]) -> str | None:
    marks = list(AUTHORITY_MARK.finditer(region, 0, position_start))
    if not marks:
        return None
    mark = marks[-1]
    words = region[mark.end():position_start]
    words = re.split(r"\n\s*\n", words)[0]
    kind = mark.group(1) or mark.group(2)
    if kind == "KÝ":
        kind = "KT"
        warnings.append("the signature block reads 'KÝ.', taken as 'KT.' (ký thay)")
    joiner = " " if "/" in kind else ". "
    return f"{kind}{joiner}{_case(words)}".strip()


def _name_line_after(region: str, offset: int) -> str:
    """The line under the position that reads as a name: the first of NAME_LINES
    lines that is one once specks and a seal's letters are dropped from it
    (`Trần Phước Hiên -À`, `Trần À Hoàng Tuần`, under a signature read as
    `=“>'uauL———`); else the first line not in capitals, as printed."""
    lines = [line.strip() for line in region[offset:].split("\n")]
    # `(Đã ký)` of web copies stands between the position and the name
    lines = [line for line in lines if line and not SIGNED_NOTE.match(line)]
    for line in lines[:NAME_LINES]:
        cleaned = _without_specks(line)
        if NAME.fullmatch(cleaned):
            return cleaned
    return next((line for line in lines if not re.fullmatch(rf"[\s{VN_UPPER},.]*", line)), "")


def _without_specks(line: str) -> str:
    """The line without words that no name holds: one capital alone, or marks with no small letter."""
    words = [word for word in line.split() if not re.fullmatch(rf"[^{VN_LOWER}]{{1,2}}", word)
             or word.isdigit()]
    return " ".join(words)


def _position_line_read_damaged(region: str, warnings: list[str]) -> str:
    """A line in capitals one or two letters off a position (`PHÓ CHỦ TIỊC`, a seal
    over its last letters) is read as that position, with a warning: the signature
    block holds no other line in capitals below the authority line."""
    lines = region.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or not is_upper_text(stripped) or AUTHORITY_MARK.match(stripped):
            continue
        position = _nearest_position(stripped)
        if position:
            warnings.append(f"the signer's position was read as '{stripped}', taken as '{position}'")
            lines[index] = position
            return "\n".join(lines)
    return region


def _nearest_position(line: str) -> str | None:
    folded = fold(line)
    best = min(_position_names(), key=lambda name: _distance(fold(name), folded))
    allowed = 1 if len(folded) < 10 else 2
    return best if _distance(fold(best), folded) <= allowed else None


@cache
def _position_names() -> tuple[str, ...]:
    raw = resources.files("pipeline.data").joinpath("positions.yaml").read_text(encoding="utf-8")
    return tuple(yaml.safe_load(raw))


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (letters added, dropped or changed)."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


def _case(upper: str) -> str:
    """`PHÓ CHỦ TỊCH` → `Phó Chủ tịch`; `BỘ TRƯỞNG, CHỦ NHIỆM` → `Bộ trưởng, Chủ nhiệm`."""
    pieces = [p.strip() for p in re.sub(r"\s+", " ", upper).split(",")]
    cased = []
    for piece in pieces:
        if piece.upper().startswith("PHÓ "):
            cased.append("Phó " + sentence_case(piece[4:]))
        else:
            cased.append(sentence_case(piece))
    return ", ".join(p for p in cased if p)
