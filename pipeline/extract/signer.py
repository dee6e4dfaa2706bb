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
from ..textfold import VN_LOWER, VN_UPPER, sentence_case

# `TM.`, `KT.`, `TL.`, `TUQ.`, `Q.` (Nghị định 30/2020); party documents write `T/M`, `K/T`, `T/L`
AUTHORITY_MARK = re.compile(r"\b(TM|KT|TL|TUQ|Q|KÝ)\s*\.\s*|\b(T/M|K/T|T/L)\s+")
SIGNED_NOTE = re.compile(r"^\((?:Đã\s+ký|đã\s+ký|Ký)[^)]*\)$")
_UPPER_WORD = rf"[{VN_UPPER}][{VN_UPPER}]*"
ABOVE_CLOSING = 400  # characters above `Nơi nhận` searched for a signature block printed there
ABOVE_CLOSING_LINES = 6
NAME = re.compile(rf"(?<![\w.])(?P<name>[{VN_UPPER}][{VN_LOWER}]+(?:\s+[{VN_UPPER}][{VN_LOWER}]*){{1,4}})\s*$")


@cache
def _positions() -> re.Pattern:
    raw = resources.files("pipeline.data").joinpath("positions.yaml").read_text(encoding="utf-8")
    names = sorted(yaml.safe_load(raw), key=len, reverse=True)
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
    return _block_above_closing(layout, region)


def _block_above_closing(layout: Layout, after_storage: str) -> list[Candidate]:
    """A copy (or a scan read column by column) that put the signature block
    above `Nơi nhận`: the authority and position there, the name either under
    them or alone after the `Lưu` line."""
    if not layout.closing:
        return []
    end = layout.closing[0]
    start = max(0, end - ABOVE_CLOSING)
    lines = layout.text[start:end].split("\n")
    block = "\n".join(lines[-ABOVE_CLOSING_LINES:])
    signer, warnings = _read_block(block)
    if not signer or not _stands_alone(signer["position"], block):
        return []
    if signer["name"] is None:
        signer["name"] = next((line.strip() for line in after_storage.split("\n") if NAME.fullmatch(line.strip())), None)
    return [Candidate(signer, (start, end), 0.8, "signature block above the closing", warnings)]


def _stands_alone(position: str, block: str) -> bool:
    """The position is a line of its own (a stray mark around it aside), not a word in the body."""
    pattern = re.escape(position.upper()).replace(r"\ ", r"\s+")
    return bool(re.search(rf"(?m)^\W{{0,3}}{pattern}\W{{0,3}}$", block))


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
        return None, warnings
    authority = _authority_before(region, position.start(), warnings)
    name_match = NAME.search(_first_line_after(region, position.end()))
    return {
        "authority": authority,
        "position": _case(position.group("position")),
        "name": name_match.group("name") if name_match else None,
    }, warnings


def _signing_position(region: str, positions: list[re.Match]) -> re.Match | None:
    """The position that is not itself part of an authority line (`KT. CHỦ TỊCH`)."""
    for match in reversed(positions):
        before = region[:match.start()].rstrip()
        if not re.search(r"\b(TM|KT|TL|TUQ|Q|KÝ)\s*\.$|\b(T/M|K/T|T/L)$", before):
            return match
    return None


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


def _first_line_after(region: str, offset: int) -> str:
    rest = region[offset:]
    for line in rest.split("\n"):
        if SIGNED_NOTE.match(line.strip()):
            continue  # `(Đã ký)` of web copies stands between the position and the name
        if line.strip() and not re.fullmatch(rf"[\s{VN_UPPER},.]*", line):
            return line.strip()
        if line.strip() and NAME.search(line):
            return line.strip()
    return ""


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
