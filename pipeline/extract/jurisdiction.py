"""`province` and `level`: where the issuing body sits in the administrative map.

Reads, most certain first: the issuer and its parent body in the header
(`Ủy ban nhân dân tỉnh Quảng Ngãi`, `UBND THÀNH PHỐ HÀ NỘI` above `SỞ GIÁO
DỤC…`); the authority line (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH`); the sentence that
issues the plan (`UBND huyện ban hành Kế hoạch…`, `Ủy ban nhân dân tỉnh ban
hành…`); the place of the place-date line (`Nghi Xuân` → Hà Tĩnh, a huyện);
units the text names (`tỉnh Bình Định`). Central bodies (Chính phủ, Văn phòng
Chính phủ, Bộ…, Quốc hội, Ban Chỉ đạo … của Chính phủ) are `trung ương`, with no
province. A district name two provinces share, with nothing else to tell, gives
no province and a warning. Uses pipeline.gazetteer (the map before 1 July 2025).
"""
from __future__ import annotations

import re
from collections import Counter

from .. import gazetteer
from ..candidate import Candidate
from ..layout import Layout
from ..textfold import VN_UPPER, fold

CENTRAL = re.compile(
    r"^(văn phòng chính phủ|chính phủ|thủ tướng|bộ |quốc hội|ủy ban thường vụ quốc hội|uỷ ban thường vụ quốc hội|"
    r"tòa án nhân dân tối cao|viện kiểm sát nhân dân tối cao|kiểm toán nhà nước|ban chấp hành trung ương|"
    r"tổng cục|cục )|của (chính phủ|thủ tướng chính phủ)$", re.IGNORECASE)
LEVEL_OF_KIND = {"tỉnh": "tỉnh", "huyện": "huyện", "quận": "huyện", "thị xã": "huyện",
                 "xã": "xã", "phường": "xã", "thị trấn": "xã"}
ISSUING_SENTENCE = re.compile(
    r"(?i:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)(?:\s*\(UBND\))?\s+(?P<kind>(?i:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn))"
    rf"(?P<name>(?:\s+[{VN_UPPER}]\w*){{0,4}})\s+(?:ban\s+hành|xây\s+dựng)")


def level_of_body(body: str, place: str | None = None) -> str | None:
    """The level a body's name tells: `Ủy ban nhân dân huyện …` → huyện, `Sở …` → tỉnh."""
    text = body.strip()
    if CENTRAL.search(text):
        return "trung ương"
    units = gazetteer.find_units(text)
    if units:
        return _level_of_unit(units[-1].kind, units[-1].level)
    lowered = fold(text)
    if lowered.startswith(("sơ ", "ban chi đao")) or "tinh" in lowered.split():
        return "tỉnh"
    if lowered.startswith("phong "):
        return "huyện"
    return None


def _level_of_unit(kind: str, gazetteer_level: str) -> str:
    if kind == "thành phố":
        return "tỉnh" if gazetteer_level == "tỉnh" else "huyện"
    return LEVEL_OF_KIND.get(kind, gazetteer_level)


def province_candidates(layout: Layout, header_bodies: list[str], place: str | None,
                        date: str | None) -> list[Candidate]:
    found: list[Candidate] = []
    for body in reversed(header_bodies):
        province = _province_in(body, date)
        if province:
            found.append(Candidate(province, None, 1.0, "issuer"))
            break
    if place:
        province, ambiguous = gazetteer.place_province(place, date)
        if province:
            found.append(Candidate(province, None, 0.8, "place"))
        elif ambiguous:
            found.append(Candidate(None, None, 0.3, "place",
                                   [f"the place '{place}' is the name of districts in several provinces: province left empty"]))
    named = _most_named_province(layout.text[:layout.first_part_end] if layout.first_part_end else layout.text, date)
    if named:
        found.append(Candidate(named, None, 0.6, "text"))
    return found


def _province_in(body: str, date: str | None) -> str | None:
    units = gazetteer.find_units(body, date)
    for unit in units:
        if len(unit.provinces) == 1:
            return gazetteer.province_on(unit.provinces[0], date)
    named = gazetteer.province_named(body)
    return gazetteer.province_on(named, date) if named else None


def _most_named_province(text: str, date: str | None) -> str | None:
    """The province the text names most often after `tỉnh`/`thành phố`, when one clearly leads."""
    counts = Counter(u.provinces[0] for u in gazetteer.find_units(text, date)
                     if u.level == "tỉnh" and len(u.provinces) == 1)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    return gazetteer.province_on(top, date) if not rest or n > rest[0][1] else None


def level_candidates(layout: Layout, header_bodies: list[str], place: str | None, date: str | None) -> list[Candidate]:
    found: list[Candidate] = []
    if header_bodies:
        level = level_of_body(header_bodies[-1])
        if level:
            found.append(Candidate(level, None, 1.0, "issuer"))
    if layout.authority_line is not None:
        level = level_of_body(_strip_head(layout.authority_line.text))
        if level:
            found.append(Candidate(level, None, 0.8, "authority line"))
    opening_end = (layout.preamble[1] if layout.preamble else 0) + 1500
    sentence = ISSUING_SENTENCE.search(layout.text, 0, opening_end)
    if sentence:
        level = _level_of_sentence(sentence, place, layout.text, date)
        if level:
            found.append(Candidate(level, sentence.span(), 0.7, "issuing sentence"))
    if place:
        level = _level_of_place(place, date)
        if level:
            found.append(Candidate(level, None, 0.5, "place"))
    return found


def _strip_head(text: str) -> str:
    return re.sub(r"^(CHỦ\s+TỊCH|TRƯỞNG\s+BAN|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC)\s+", "", text.strip())


def _level_of_sentence(sentence: re.Match, place: str | None, text: str, date: str | None) -> str | None:
    kind = re.sub(r"\s+", " ", sentence.group("kind").lower())
    if kind != "thành phố":
        return LEVEL_OF_KIND.get(kind)
    # `Ủy ban nhân dân thành phố` is a province when the city is one (Cần Thơ) or has quận
    if place and gazetteer.province_named(place):
        return "tỉnh"
    return "tỉnh" if re.search(r"\bquận\b", text, re.IGNORECASE) else "huyện"


def _level_of_place(place: str, date: str | None) -> str | None:
    if gazetteer.province_named(place):
        return "tỉnh"
    province, ambiguous = gazetteer.place_province(place, date)
    return "huyện" if province or ambiguous else None
