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
  Đầu tư, Sở Công Thương, …`, `UBND huyện Phù Cát và UBND huyện An Lão (…)`.
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
    r"|kiêm\s+tra\s+(?:tai|đôi\s+vơi)\s+(?:cac\s+)?(?:cơ\s+quan|đơn\s+vi)[^.:\n]{0,40}?\s+sau\s*:")
NEGATED = re.compile(r"(?:không\s+thuôc|ngoai(?:\s+cac)?)\s+$")
LIST_START = re.compile(r":|\bgồm\b", re.IGNORECASE)
NOTE = re.compile(r"\([^()]*\)")
DISTRICT_KINDS = r"huyện|quận|thị\s+xã|thành\s+phố"
# `các Sở:` — a head and a colon, the names after it lack the head
HEAD_OVER_LIST = re.compile(
    r"(?:các\s+)?(?P<head>Sở|Phòng|Ban|Bộ|Cục|Chi\s+cục|Trung\s+tâm)\s*:\s*$", re.IGNORECASE)
# `Ủy ban nhân dân các huyện, thành phố:`, `Ủy ban nhân dân cấp huyện:`
UNITS_OVER_LIST = re.compile(
    rf"(?P<head>(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND)\s+(?:(?:các|cấp)\s+)?"
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
        if rank is not None:
            for later in blocks[index + 1:]:
                if later.rank is not None and later.rank <= rank:
                    break
                end = later.end
        regions.append((match.end(), end))
    return regions


def _names_in(text: str, start: int, end: int, province: Optional[str]) -> list[str]:
    """Names in the lists of a region: each list runs from a colon or `gồm` to its line's end."""
    names = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + line.start(), start + line.end()
        for opener in LIST_START.finditer(text, a, b):
            found = _list_after(text, a, opener.end(), b, province)
            if found:
                names += found
                break
        else:
            names += _bare_list(text, a, b)
    return names


def _list_after(text: str, line_start: int, pos: int, end: int, province: Optional[str]) -> list[str]:
    lead = text[line_start:pos]
    body = NOTE.sub(lambda m: " " * len(m.group()), text[pos:end])
    body = re.split(r"\.(?:\s|$)", body, maxsplit=1)[0]
    units = UNITS_OVER_LIST.search(lead)
    if units:
        return _units(body, units.group("head"), units.group("kinds"), province)
    head = HEAD_OVER_LIST.search(lead)
    if head:
        return [canonical_agency(f"{head.group('head')} {item}") for item in _items(body, split_and=False)]
    return [p.name for p in split_bodies(body) if p.kind == "body"] if _all_named(body) else []


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
        kind = district_kind(item, province) if listed[0] not in ("xã", "phường", "thị trấn") else None
        if kind is None:
            kind = listed[0] if len(listed) == 1 else None
        if kind is None:
            kind = district_kind(item) or listed[0]
        names.append(canonical_agency(f"{head} {kind} {item}"))
    return names
