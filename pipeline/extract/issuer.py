"""Cơ quan ban hành (`issuer`), in normal case.

Reads the upper-case lines at the top left of the header, in whichever order a
copy put the columns: one name wrapped over lines (`ỦY BAN NHÂN` / `DÂN` /
`TỈNH ĐỒNG THÁP`), or a parent body above the issuing body (`UBND THÀNH PHỐ HÀ
NỘI` / `SỞ GIÁO DỤC VÀ ĐÀO TẠO`: the body below issues). Where the header's second
line is lost (`ỦY BAN NHÂN DÂN` alone), it is completed from the authority line
above the preamble (`ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP`).
Avoids: Quốc hiệu and motto, the số line, the place-date line, `V/v` and
`Kính gửi` (all cut apart by the layout).
"""
from __future__ import annotations

import re

from ..candidate import Candidate
from ..layout import Layout, is_place_date, is_quoc_hieu
from ..textfold import fold, is_upper_text, sentence_case

BODY_HEAD = re.compile(
    r"^(SỞ|PHÒNG|BAN|VĂN\s+PHÒNG|(?:ỦY|UỶ)\s+BAN|UBND|HĐND|BỘ|CỤC|TỔNG\s+CỤC|CHI\s+CỤC|TRUNG\s+TÂM|"
    r"HỘI\s+ĐỒNG|TRƯỜNG|VIỆN|THANH\s+TRA|CÔNG\s+AN|ĐẢNG\s+ỦY|HUYỆN\s+ỦY|TỈNH\s+ỦY|THÀNH\s+ỦY|TỔ\s+CÔNG\s+TÁC)\b")
UNIT_WORD = re.compile(r"\b(TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN|CHÍNH\s+PHỦ|QUỐC\s+HỘI)\b")
RULE = re.compile(r"[-_=–—]{2,}")  # the rule under the body's name, read by OCR as letters and dashes
KIND_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
ABBREVIATIONS = {"UBND": "ỦY BAN NHÂN DÂN", "HĐND": "HỘI ĐỒNG NHÂN DÂN"}


def header_lines(layout: Layout):
    """The upper-case segments of the header that name bodies."""
    lines = []
    stops = [s.start for s in (layout.type_segment, layout.authority_line) if s is not None]
    for segment in layout.segments:
        if stops and segment.start >= min(stops):
            break
        text = segment.text.strip()
        if text.startswith(("Kính gửi", "V/v")):
            break
        if not text or is_quoc_hieu(text) or is_place_date(text) or re.match(r"Số\s*[:.]|\d+[a-zA-Z]?/", text):
            continue
        if is_upper_text(text) and not _is_quoc_hieu_piece(text) and not RULE.search(text):
            lines.append(segment)
    return lines


def _is_quoc_hieu_piece(text: str) -> bool:
    folded = fold(text)
    return "chu nghia viêt nam" in folded or folded in ("hôi chu nghia viêt nam", "công hoa xa", "công hoa")


def bodies(layout: Layout) -> list[tuple[str, tuple[int, int]]]:
    """Header lines grouped into bodies: a line that opens with a body head after a complete name starts a new one."""
    groups: list[list] = []
    for segment in header_lines(layout):
        text = segment.text.strip()
        if groups and BODY_HEAD.match(text) and _complete(" ".join(s.text for s in groups[-1])):
            groups.append([segment])
        elif groups:
            groups[-1].append(segment)
        else:
            groups.append([segment])
    return [(" ".join(s.text.strip() for s in group), (group[0].start, group[-1].end)) for group in groups]


def _complete(name: str) -> bool:
    return bool(UNIT_WORD.search(name)) or bool(re.match(r"^BỘ\s+\S+\s+\S+", name))


def candidates(layout: Layout) -> list[Candidate]:
    found = []
    groups = bodies(layout)
    authority = _authority_body(layout)
    if groups:
        name, span = groups[-1]
        if authority and not _complete(name) and fold(authority).startswith(fold(_expand(name))):
            found.append(Candidate(normal_case(authority), span, 0.9, "header completed by authority line"))
        else:
            found.append(Candidate(normal_case(name), span, 1.0, "header"))
    if authority:
        found.append(Candidate(normal_case(authority), None, 0.5, "authority line"))
    gazette = _gazette_body(layout)
    if gazette:
        found.append(Candidate(gazette, None, 0.8, "gazette line"))
    return found


def _gazette_body(layout: Layout) -> str | None:
    if layout.gazette_line is None:
        return None
    match = re.match(r"CỦA\s+(?P<body>.+?)\s+SỐ\b", layout.gazette_line.text, re.IGNORECASE)
    return normal_case(match.group("body")) if match else None


def _authority_body(layout: Layout) -> str | None:
    if layout.authority_line is None:
        return None
    text = re.sub(r"\s+", " ", layout.authority_line.text).strip()
    text = re.sub(r"^(CHỦ\s+TỊCH|TRƯỞNG\s+BAN|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC)\s+(?=(?:ỦY|UỶ|BAN|BỘ|SỞ|HỘI))", "", text)
    return text if BODY_HEAD.match(text) else None


def _expand(name: str) -> str:
    for short, full in ABBREVIATIONS.items():
        name = re.sub(rf"\b{short}\b", full, name)
    return name


# Nghị định 30/2020, Phụ lục II: a body's name capitalises the words of its kind and of
# its field (`Bộ Tài nguyên và Môi trường`, `Văn phòng Chính phủ`); a unit's name after its
# kind word is a proper name (`tỉnh Quảng Ngãi`); a party committee names its unit (`Huyện ủy Chợ Mới`).
FIELD_HEADS = ("sở", "phòng", "bộ", "cục", "vụ", "chi cục", "tổng cục", "văn phòng", "ban", "trung tâm",
               "thanh tra", "đài", "báo", "công an", "viện", "trường", "tổ")
PARTY_HEADS = ("huyện ủy", "tỉnh ủy", "thành ủy", "thị ủy", "đảng ủy", "quận ủy", "huyện uỷ", "tỉnh uỷ", "thành uỷ")
PROPER_NOUNS = ("Chính phủ", "Quốc hội", "Thủ tướng", "Việt Nam", "Trung ương", "Mặt trận Tổ quốc", "Nhà nước")


def normal_case(name: str) -> str:
    """`ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI` → `Ủy ban nhân dân tỉnh Quảng Ngãi`;
    `PHÒNG NỘI VỤ` → `Phòng Nội vụ`; `VĂN PHÒNG CHÍNH PHỦ` → `Văn phòng Chính phủ`."""
    text = sentence_case(_expand(re.sub(r"\s+", " ", name)))
    text = re.sub(r"^Uỷ", "Ủy", text)
    lowered = text.lower()
    party = next((h for h in PARTY_HEADS if lowered.startswith(h + " ")), None)
    if party:
        return text[:len(party)] + " " + _title(text[len(party) + 1:])
    head = next((h for h in sorted(FIELD_HEADS, key=len, reverse=True) if lowered.startswith(h + " ")), None)
    if head:
        text = text[:len(head)] + " " + _field_case(text[len(head) + 1:])
    for kind in KIND_WORDS:
        text = re.sub(rf"\b({kind}) (.+)$", lambda m: f"{m.group(1)} {_title(m.group(2))}", text, count=1)
    for noun in PROPER_NOUNS:
        text = re.sub(rf"\b{noun.lower()}\b", noun, text)
    return re.sub(r"\b(ban) thường vụ\b", r"\1 Thường vụ", text)  # `Ủy ban Thường vụ Quốc hội`


def _field_case(words: str) -> str:
    """The field of a body: its first word and each word after `và`, `-` or `,` capitalised."""
    parts = re.split(r"(\s+và\s+|\s*-\s*|,\s*)", words)
    return "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))


def _title(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split(" "))
