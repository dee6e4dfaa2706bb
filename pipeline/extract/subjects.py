"""Inspection subjects: the bodies a plan names as the ones to be inspected (RECORD.md,
"Targets and inspection subjects"), each written out in full.

Forms it reads, in the item that a trigger opens (`Đối tượng kiểm tra`, `Đối tượng được
kiểm tra`, `Đối tượng kiểm tra trực tiếp`, `Cơ quan được kiểm tra:`, `kiểm tra tại các cơ
quan, đơn vị sau:`) down to the next item of the same or a higher rank:
- a head distributed over a list: `Cấp tỉnh gồm các Sở: Kế hoạch và Đầu tư, Tài chính`
  → `Sở Kế hoạch và Đầu tư`, `Sở Tài chính`;
- district bodies over a list of names: `Ủy ban nhân dân các huyện, thành phố: An Biên,
  Rạch Giá và Hà Tiên`, `Khối Ủy ban nhân dân cấp huyện: Tây Sơn, Tuy Phước` → `Ủy ban
  nhân dân huyện An Biên`, `Ủy ban nhân dân thành phố Rạch Giá` (the kind of each unit is
  a fact of the map: pipeline.gazetteer.district_kind);
- lists of full names after a colon or `gồm`: `Khối cơ quan thuộc tỉnh: Sở Kế hoạch và
  Đầu tư, Sở Công Thương, …`, `UBND huyện Phù Cát và UBND huyện An Lão (…)`;
- counted heads and several lists on one line, each running to the next one's lead:
  `kiểm tra 05 sở: Tư pháp, Y tế và 03 UBND huyện: Bố Trạch, Lệ Thủy; UBND thị xã Ba Đồn`
  (a full name inside a list keeps its own head), `04 sở, ngành: Sở Tư pháp, …; 02 huyện:
  Bình Sơn` (`02 huyện`, `các xã` name the units' Ủy ban nhân dân);
- a list or table below `Đối tượng kiểm tra … như sau:`, read to the next numbered heading;
- lists as scans give them: `,` or `;` alike between items, a stray stop inside a name
  (`Tuy. Phước`, `huyện. An Lão`, `Phù .Cát`) read as a space.
Forms it avoids: unnamed counts and plural groups (`06 cơ quan chuyên môn`, `Các sở,
ban, ngành tỉnh`, `Chọn 02 xã …`), the negated trigger (`không thuộc đối tượng kiểm
tra`, `Ngoài các đối tượng kiểm tra`), notes in parentheses, text in `skip` spans.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from pipeline.agencies import agency_key, canonical_agency, fold_same_length, split_bodies
from pipeline.extract.responsibilities import Block, split_blocks
from pipeline.gazetteer import district_kind

TRIGGER = re.compile(
    r"đôi\s+tương\s+(?:đươc\s+)?kiêm\s+tra|(?:cơ\s+quan|đơn\s+vi)\s+đươc\s+kiêm\s+tra\s*:"
    r"|kiêm\s+tra\s+(?:tai|đôi\s+vơi)\s+(?:cac\s+)?(?:cơ\s+quan|đơn\s+vi)[^.:\n]{0,40}?\s+sau\s*:"
    # `kiểm tra 05 sở: Tư pháp, …`: a counted head and a colon name the ones inspected
    r"|kiêm\s+tra(?=\s+\d{1,3}\s+(?:sơ|phong|ban|ubnd|uy\s+ban\s+nhân\s+dân|cơ\s+quan|đơn\s+vi)\b[^.:;\n]{0,40}:)")
NEGATED = re.compile(r"(?:không\s+thuôc|ngoai(?:\s+cac)?)\s+$")
LIST_START = re.compile(r":|\bgồm\b", re.IGNORECASE)
NOTE = re.compile(r"\([^()]*\)")
DISTRICT_KINDS = r"huyện|quận|thị\s+xã|thành\s+phố"
# `các Sở:` — a head and a colon, the names after it lack the head
HEAD_OVER_LIST = re.compile(
    r"(?:(?:các|\d{1,3})\s+)?(?P<head>Sở|Phòng|Ban|Bộ|Cục|Chi\s+cục|Trung\s+tâm)\s*:\s*$", re.IGNORECASE)
# `Ủy ban nhân dân các huyện, thành phố:`, `Ủy ban nhân dân cấp huyện:`
# `02 huyện:`, `các xã:` — a counted or plural unit kind names the units' people's committees
UNITS_OVER_LIST = re.compile(
    rf"(?:(?:\d{{1,3}}\s+)?(?P<head>(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND)\s+(?:(?:các|cấp)\s+)?|(?:\d{{1,3}}|các)\s+)"
    rf"(?P<kinds>(?:{DISTRICT_KINDS}|xã|phường|thị\s+trấn)(?:\s*[,/\-–]\s*(?:{DISTRICT_KINDS}|xã|phường|thị\s+trấn))*)\s*:\s*$",
    re.IGNORECASE)


def extract_inspection_subjects(text: str, skip: Iterable[tuple[int, int]] = (),
                                province: Optional[str] = None) -> list[str]:
    """The bodies named to be inspected, in reading order, each once."""
    skip = list(skip)
    folded = fold_same_length(text)
    blocks = split_blocks(text)
    names: list[str] = []
    seen: set[str] = set()
    for start, end in _regions(text, folded, blocks, skip):
        for name in _names_in(text, start, end, province):
            key = agency_key(name)
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _regions(text: str, folded: str, blocks: list[Block], skip: list) -> list[tuple[int, int]]:
    """From each trigger to the end of the item it stands in."""
    regions = []
    for match in TRIGGER.finditer(folded):
        if any(a <= match.start() < b for a, b in skip):
            continue
        if NEGATED.search(folded, max(0, match.start() - 16), match.start()):
            continue
        index = max((i for i, b in enumerate(blocks) if b.start <= match.start()), default=None)
        if index is None:
            continue
        rank = blocks[index].rank
        end = blocks[index].end
        if rank is None and text[match.end():end].rstrip().endswith(":"):
            rank = 5  # `Đối tượng kiểm tra … như sau:` opens the list or table below it
        if rank is not None:
            for later in blocks[index + 1:]:
                if later.rank is not None and later.rank <= rank:
                    break
                end = later.end
        regions.append((match.end(), end))
    return regions


# A stop OCR drops inside a name (`Tuy. Phước`, `huyện. An Lão`, `Phù .Cát`): after a lone
# syllable item or a unit kind awaiting its name, before a short capitalised run that goes
# on to a list separator, a note or the line's end; or glued to the next word.
STOP_AFTER = re.compile(rf"(?:(?:^|[,;:])\s*[^\W\d_]+|(?<!\w)(?:{DISTRICT_KINDS}|xã|phường|thị\s+trấn))$")
NAME_RUN = re.compile(r"\s+[^\W\d_][^\W\d_]*(?:\s+[^\W\d_][^\W\d_]*){0,3}\s*(?:[,;(]|\s+và\s|\.?\s*$)",
                      re.MULTILINE)


def _mend_stops(text: str, start: int, end: int) -> str:
    """The text with the stray stops of [start, end) blanked (same length: offsets hold)."""
    chars = list(text)
    for stop in re.finditer(r"\.", text[start:end]):
        pos = start + stop.start()
        line_start = text.rfind("\n", 0, pos) + 1
        glued = text[pos - 1:pos].isspace() and text[pos + 1:pos + 2].isalpha()
        run = NAME_RUN.match(text, pos + 1)
        named = run and all(w[0].isupper() for w in re.findall(r"[^\W\d_]+", text[pos + 1:run.end()])
                            if w != "và")
        if glued or (named and STOP_AFTER.search(text, line_start, pos)):
            chars[pos] = " "
    return "".join(chars)


def _names_in(text: str, start: int, end: int, province: Optional[str]) -> list[str]:
    """Names in the lists of a region: each list runs from a colon or `gồm` to its line's end."""
    text = _mend_stops(text, start, end)
    names = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + line.start(), start + line.end()
        names += _line_names(text, a, b, province)
    return names


def _line_names(text: str, a: int, b: int, province: Optional[str]) -> list[str]:
    """The names of one line: each opener's list runs to the lead of the next one
    (`05 sở: Tư pháp, Y tế và 03 UBND huyện: Bố Trạch, Lệ Thủy`; `04 sở, ngành: Sở Tư pháp,
    Sở Xây dựng; 02 huyện: Bình Sơn`)."""
    openers = [m for m in LIST_START.finditer(text, a, b) if not _in_note(text, a, m.start())]
    if not openers:
        return _bare_list(text, a, b)
    names: list[str] = []
    for index, opener in enumerate(openers):
        cut = _next_lead(text, opener.end(), openers[index + 1].start(), b) if index + 1 < len(openers) else b
        names += _list_after(text, a, opener.end(), cut, province)
    return names


def _in_note(text: str, start: int, pos: int) -> bool:
    """Whether pos stands inside a parenthesis opened on its line."""
    before = text[start:pos]
    return before.count("(") > before.count(")")


def _next_lead(text: str, start: int, colon: int, end: int) -> int:
    """Where the list opening at start gives way to the lead of the list whose colon is
    at `colon`: a distributing head (`03 UBND huyện`), else the last `;`, `,` or `và`;
    a sentence end between them leaves the list whole."""
    between = text[start:colon]
    if re.search(r"\.\s", between):
        return end
    lead = text[start:colon + 1]
    match = UNITS_OVER_LIST.search(lead) or HEAD_OVER_LIST.search(lead)
    if match:
        return start + match.start()
    joints = list(re.finditer(r"[;,]|\s(?:và)\s", between))
    return start + joints[-1].start() if joints else start


def _list_after(text: str, line_start: int, pos: int, end: int, province: Optional[str]) -> list[str]:
    lead = text[line_start:pos]
    body = NOTE.sub(lambda m: " " * len(m.group()), text[pos:end])
    body = re.split(r"\.(?:\s|$)", body, maxsplit=1)[0]
    body = re.sub(r"(?:\s*(?:[,;]|\bvà\b))*\s*$", "", body)  # the joiner before the next list
    units = UNITS_OVER_LIST.search(lead)
    if units:
        return _units(body, units.group("head") or "Ủy ban nhân dân", units.group("kinds"), province)
    head = HEAD_OVER_LIST.search(lead)
    if head:
        return [_full_name(item) or canonical_agency(f"{head.group('head')} {item}")
                for item in _items(body, split_and=False)]
    return [p.name for p in split_bodies(body) if p.kind == "body"] if _all_named(body) else []


def _full_name(item: str) -> Optional[str]:
    """An item that names its own head (`UBND thị xã Ba Đồn` in a list of districts)."""
    pieces = split_bodies(item)
    return pieces[0].name if len(pieces) == 1 and pieces[0].kind == "body" else None


def _bare_list(text: str, start: int, end: int) -> list[str]:
    """An item that is nothing but full names (`- Sở Tư pháp, Sở Tài chính.`)."""
    body = re.sub(r"^\s*(?:[-+•*]|[a-zđ]\)|\d+\.)\s*", "", NOTE.sub("", text[start:end]))
    body = re.split(r"\.(?:\s|$)", body, maxsplit=1)[0]
    return [p.name for p in split_bodies(body) if p.kind == "body"] if _all_named(body) else []


def _all_named(body: str) -> bool:
    pieces = split_bodies(body)
    return bool(pieces) and all(p.kind == "body" for p in pieces)


def _items(body: str, split_and: bool) -> list[str]:
    parts = re.split(r"\s*[,;]\s*" + (r"|\s+và\s+" if split_and else ""), body.strip(" .;"))
    return [p.strip(" .;") for p in parts if p.strip(" .;") and p.strip()[0].isupper()]


def _units(body: str, head: str, kinds: str, province: Optional[str]) -> list[str]:
    """`An Biên, Rạch Giá và Hà Tiên` under `UBND các huyện, thành phố` → full names."""
    listed = [re.sub(r"\s+", " ", k).lower() for k in re.split(r"\s*[,/\-–]\s*", kinds)]
    names = []
    for item in _items(body, split_and=True):
        full = _full_name(item)
        if full:
            names.append(full)
            continue
        kind = district_kind(item, province) if listed[0] not in ("xã", "phường", "thị trấn") else None
        if kind is None:
            kind = listed[0] if len(listed) == 1 else None
        if kind is None:
            kind = district_kind(item) or listed[0]
        names.append(canonical_agency(f"{head} {kind} {item}"))
    return names
