"""The map of Vietnamese administrative units: which province a name belongs to.

Data: pipeline/data/admin_units.json, built by scripts/build_gazetteer.py from the
package `vietnamadminunits` (the 63 provinces, 696 districts and ~10,000 communes in
force until 30 June 2025, and the 34-province map from 1 July 2025). Loaded on first use.

Forms it reads:
- province names with or without their kind word, any case, old or new tone placement,
  spaced or unspaced dashes: `tỉnh Quảng Ngãi`, `TỈNH QUẢNG NGÃI`, `Thanh Hoá`,
  `TP. Hồ Chí Minh`, `TP.HCM`, `Thành phố Hồ Chí Minh`, `Thừa Thiên - Huế`, `Bà Rịa-Vũng Tàu`;
- district names, alone (`Nghi Xuân`) or after their kind word (`huyện Chợ Mới`,
  `thị xã Kỳ Anh`, `TP Rạch Giá`, `TX. Hồng Lĩnh`); a few former district names the package
  keeps (`Quận 9` → Thủ Đức, Hồ Chí Minh), matched without diacritics as a last resort;
- commune names after `xã`/`phường`/`thị trấn`/`đặc khu` (`Phường 01` = `Phường 1`);
- in running text (`find_units`), names hard-wrapped over a line break.

Forms it avoids:
- a kind word followed by a lower-case word (`xã hội`, `các huyện, thành phố`): a name
  is capitalised; names without a kind word in running text (`các huyện: An Biên, Rạch Giá`)
  are left to the caller, who knows the list's head;
- guessing between provinces: a district or commune name shared by several provinces gives
  every candidate (`provinces_of_district`, `Unit.provinces`) or (None, True) (`place_province`);
- unit kinds as they were on a past date: kinds are those of 30 June 2025 (Hà Tiên is a
  thành phố, Phú Quốc too); text that writes an older kind (`thị xã Hà Tiên`) still matches.
Only Huế carries a dated former name (province Thừa Thiên Huế until 31 December 2024).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.textfold import TONE_MARKS, fold, fold_ascii

DATA = Path(__file__).parent / "data" / "admin_units.json"
REFORM_2025 = "2025-07-01"
PROVINCE_CITY = "thành phố trực thuộc trung ương"

# Kind words as written, longest first so `thị xã` is read before `xã`; each maps to
# the kind it names. `TP`/`TX` are the abbreviations of headers and addresses.
KIND_WORDS = {
    "thành phố": "thành phố", "thị xã": "thị xã", "thị trấn": "thị trấn",
    "đặc khu": "đặc khu", "tỉnh": "tỉnh", "huyện": "huyện", "quận": "quận",
    "phường": "phường", "xã": "xã", "t.p.": "thành phố", "t.p": "thành phố",
    "tp.": "thành phố", "tp": "thành phố", "tx.": "thị xã", "tx": "thị xã",
}
DISTRICT_KINDS = ("huyện", "quận", "thị xã", "thành phố")
COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")
# A full kind word ends at a word boundary; an abbreviation with its dot may run into
# the name (`TP.HCM`). A dot after a full word ends a sentence (`… thị trấn. IV.`).
_KIND_RE = re.compile(
    r"(?<!\w)(" + "|".join(
        re.escape(k).replace(r"\ ", r"\s+") + ("" if k.endswith(".") else r"(?!\w)")
        for k in KIND_WORDS) + r")\s*", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")
_GAP = re.compile(r"\s*[-‐‑–—]\s*|\s+")


@dataclass(frozen=True)
class Unit:
    """One mention of a unit in text: `huyện Chợ Mới` at text[start:end]."""

    kind: str        # the kind the text writes: tỉnh, thành phố, huyện, quận, thị xã, xã...
    name: str        # the canonical name: `Chợ Mới`, `Hồ Chí Minh`
    level: str       # tỉnh, huyện or xã
    provinces: tuple[str, ...]  # every province a unit of that name lies in
    start: int
    end: int

    @property
    def province(self) -> str | None:
        """The province when the name settles it, else None."""
        return self.provinces[0] if len(self.provinces) == 1 else None


def _key(text: str) -> str:
    """Match key: folded, dashes and dots as spaces, leading zeros of numbers dropped."""
    text = re.sub(r"[-.]", " ", fold(text).replace("’", "'"))
    text = re.sub(r"\b0+(\d)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _ascii_key(text: str) -> str:
    """The package's key form: letters and digits only, no marks (`quan9`, `hoanhbo`)."""
    key = re.sub(r"[^a-z0-9]", "", fold_ascii(text))
    return re.sub(r"^0+(\d)", r"\1", key)


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def _provinces() -> dict[str, dict]:
    """Match key → {name, record}: current names, aliases, former names (as themselves)."""
    index: dict[str, dict] = {}
    for record in _data()["provinces"]:
        for alias in [record["name"], *record["aliases"]]:
            index[_key(alias)] = {"name": record["name"], "record": record}
        for former in record["former_names"]:
            for alias in [former["name"], *former.get("aliases", [])]:
                index[_key(alias)] = {"name": former["name"], "record": record}
    return index


def _group(units: list[dict], key=lambda u: _key(u["name"])) -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = defaultdict(list)
    for unit in units:
        index[key(unit)].append(unit)
    return dict(index)


@cache
def _districts() -> dict[str, list[dict]]:
    return _group(_data()["districts"])


@cache
def _former_districts() -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = defaultdict(list)
    for district in _data()["districts"]:
        for former in district["former_keys"]:
            index[former].append(district)
    return dict(index)


@cache
def _communes(after_reform: bool) -> dict[str, list[dict]]:
    return _group(_data()["communes_2025" if after_reform else "communes"])


@cache
def _max_words() -> int:
    names = [*_provinces(), *_districts(), *_communes(False), *_communes(True)]
    return max(len(n.split()) for n in names)


def _strip_kind(text: str) -> tuple[str | None, str]:
    """`huyện Chợ Mới` → (`huyện`, `Chợ Mới`); no kind word → (None, text)."""
    text = text.strip()
    match = _KIND_RE.match(text)
    if match and match.end() < len(text):
        return KIND_WORDS[_key_kind(match.group(1))], text[match.end():]
    return None, text


def _key_kind(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower())


def _normal_kind(kind: str | None) -> str | None:
    if kind is None:
        return None
    return KIND_WORDS.get(_key_kind(kind.strip()), _key_kind(kind.strip()))


def _after_reform(date: str | None) -> bool:
    return bool(date) and date >= REFORM_2025


def _dated_name(entry: dict, date: str | None) -> str:
    """The province's name on `date`: a former name while it was in force."""
    if date:
        for former in entry["record"]["former_names"]:
            if date <= former["until"]:
                return former["name"]
    return entry["name"]


def province_named(text: str) -> str | None:
    """The province `text` names, canonical and without its kind word, else None.

    `TỈNH QUẢNG NGÃI` → `Quảng Ngãi`; `TP.HCM` → `Hồ Chí Minh`; `Thanh Hoá` → `Thanh Hóa`;
    `Thừa Thiên - Huế` → `Thừa Thiên Huế` (the name it bore until 2025), `Huế` → `Huế`.
    """
    entry = _province_entry(text)
    return entry["name"] if entry else None


def _province_entry(text: str) -> dict | None:
    index = _provinces()
    kind, name = _strip_kind(text)
    if kind not in (None, "tỉnh", "thành phố"):
        return None
    return index.get(_key(name)) or index.get(_key(text.strip(" .,;:")))


def new_province(old_province: str) -> str | None:
    """The province an old (63-map) province belongs to from 1 July 2025."""
    entry = _province_entry(old_province)
    return entry["record"]["new_province"] if entry else None


def provinces_of_district(name: str, kind: str | None = None) -> set[str]:
    """Every province with a district of that name (and kind, when given).

    `Chợ Mới` → {An Giang, Bắc Kạn}; a kind word in `name` (`huyện Chợ Mới`) narrows too.
    A name no current district bears is looked up among former ones (`Quận 9`).
    """
    return {d["province"] for d in _districts_named(name, kind)}


def _districts_named(name: str, kind: str | None = None) -> list[dict]:
    written_kind, bare = _strip_kind(name)
    kind = _normal_kind(kind) or written_kind
    found = _same_tones(bare, _districts().get(_key(bare), []))
    if not found:
        found = _former_districts().get(_ascii_key(bare)) or []
        if not found and written_kind:  # `Quận 9`: the package keys it `quan9` and `9`
            found = _former_districts().get(_ascii_key(name)) or []
        return found  # a former name's kind then is unknown: do not narrow by it
    if kind in DISTRICT_KINDS:
        found = [d for d in found if d["kind"] == kind]
    return found


def district_kind(name: str, province: str | None = None) -> str | None:
    """`huyện`, `quận`, `thị xã` or `thành phố` for a district-level unit, None when
    unknown or when units of that name differ in kind (`Kỳ Anh`: huyện and thị xã)."""
    entry = _province_entry(province) if province else None
    if province and not entry:
        return None
    found = [d for d in _districts().get(_key(_strip_kind(name)[1]), [])
             if entry is None or d["province"] == entry["record"]["name"]]
    kinds = {d["kind"] for d in found}
    return kinds.pop() if len(kinds) == 1 else None


def place_province(place: str, date: str | None = None) -> tuple[str | None, bool]:
    """The province of a place-date line's địa danh, and whether the name is ambiguous.

    A province name wins over a district of the same name elsewhere (a provincial body
    writes its province's name). Otherwise a district (`Nghi Xuân` → Hà Tĩnh, `Vinh` →
    Nghệ An), then a commune (the địa danh of a commune-level body). `date` (ISO), when
    given, picks the name in force (Thừa Thiên Huế before 2025) and, from 1 July 2025,
    the new commune map. A name shared by two provinces → (None, True); unknown →
    (None, False).
    """
    entry = _province_entry(place)
    if entry:
        return _dated_name(entry, date), False
    if _after_reform(date):
        return _one_province(_communes_named(place, True), date)
    found = _districts_named(place)
    if found:
        return _one_province(found, date)
    return _one_province(_communes_named(place, False), date)


def _communes_named(name: str, after_reform: bool) -> list[dict]:
    kind, bare = _strip_kind(name)
    found = _same_tones(bare, _communes(after_reform).get(_key(bare), []))
    if kind in COMMUNE_KINDS:
        found = [c for c in found if c["kind"] == kind] or found
    return found


def _one_province(units: list[dict], date: str | None = None) -> tuple[str | None, bool]:
    provinces = {u["province"] for u in units}
    if len(provinces) == 1:
        return province_on(provinces.pop(), date), False
    return None, len(provinces) > 1


def province_on(province: str, date: str | None) -> str:
    """A province's name as it was on `date` (`Huế` → `Thừa Thiên Huế` before 2025)."""
    entry = _province_entry(province)
    return _dated_name(entry, date) if entry else province


def find_units(text: str, date: str | None = None) -> list[Unit]:
    """Every unit named after its kind word in `text`, in order, with spans.

    `UBND huyện Chợ Mới, tỉnh An Giang` → [Unit(huyện, Chợ Mới, huyện, (An Giang, Bắc Kạn)),
    Unit(tỉnh, An Giang, tỉnh, (An Giang,))]. `thành phố X` is a province-level city when
    X is one (Cần Thơ), else a district-level city (Rạch Giá). `date` picks the commune map.
    """
    units = []
    for match in _KIND_RE.finditer(text):
        kind = KIND_WORDS[_key_kind(match.group(1))]
        unit = _unit_at(text, match.start(), match.end(), kind, date)
        if unit:
            units.append(unit)
    return units


def _unit_at(text: str, start: int, name_start: int, kind: str,
             date: str | None) -> Unit | None:
    words = _words_at(text, name_start)
    for n in range(len(words), 0, -1):
        written = text[name_start:words[n - 1].end()]
        found = _lookup(written, kind, date)
        if found and _capitalised(words[:n], found[1]):
            level, name, provinces = found
            return Unit(kind, name, level, provinces, start, words[n - 1].end())
    return None


def _words_at(text: str, pos: int) -> list[re.Match]:
    """Up to the longest name's word count of words from `pos`, joined by spaces or dashes."""
    words: list[re.Match] = []
    while len(words) < _max_words():
        word = _WORD.match(text, pos)
        if not word:
            break
        words.append(word)
        gap = _GAP.match(text, word.end())
        if not gap:
            break
        pos = gap.end()
    return words


def _capitalised(words: list[re.Match], name: str) -> bool:
    """A name in text is capitalised where the canonical name is (`Nông trường` keeps
    its lower case): `xã hội` is not the commune `Hội`."""
    canonical = _WORD.findall(name)
    if len(canonical) != len(words):
        return words[0].group()[0].isupper() or words[0].group()[0].isdigit()
    return all(w.group()[0].isupper() or w.group()[0].isdigit() or not c[0].isupper()
               for w, c in zip(words, canonical))


def _lookup(written: str, kind: str, date: str | None
            ) -> tuple[str, str, tuple[str, ...]] | None:
    """(level, canonical name, provinces) of a unit of `kind` named `written`."""
    key = _key(written)
    if kind in ("tỉnh", "thành phố"):
        entry = _provinces().get(key)
        if entry and kind == "thành phố" and _dated_name(entry, date) != entry["name"]:
            # Huế before 2025: the city was the capital of the tỉnh Thừa Thiên Huế.
            return "huyện", entry["name"], (_dated_name(entry, date),)
        if entry and (kind == "tỉnh" or entry["record"]["kind"] == PROVINCE_CITY):
            return "tỉnh", entry["name"], (_dated_name(entry, date),)
    if kind in DISTRICT_KINDS:
        return _pick(written, _districts().get(key, []), kind, "huyện")
    if kind in COMMUNE_KINDS:
        pools = [True, False] if _after_reform(date) else [False, True]
        for after_reform in pools:
            found = _pick(written, _communes(after_reform).get(key, []), kind, "xã")
            if found:
                return found
    return None


def _pick(written: str, units: list[dict], kind: str, level: str
          ) -> tuple[str, str, tuple[str, ...]] | None:
    """Units whose tones match the text, of the written kind if any, else of any kind
    (Hà Tiên was a thị xã)."""
    units = [u for u in units if _tones(u["name"]) == _tones(written)]  # strict in text
    units = [u for u in units if u["kind"] == kind] or units
    if not units:
        return None
    return level, units[0]["name"], tuple(sorted({u["province"] for u in units}))


def _same_tones(written: str, units: list[dict]) -> list[dict]:
    """The units whose tones match the written name, else all (a name typed with a
    slip of tone still finds its unit when nothing else folds alike)."""
    return [u for u in units if _tones(u["name"]) == _tones(written)] or units


def _tones(name: str) -> tuple[str, ...]:
    """The tone of each syllable wherever its mark sits: `Hoà` and `Hòa` agree, `Chợ`
    and `Chờ` (which fold alike) do not."""
    return tuple("".join(c for c in unicodedata.normalize("NFD", word) if c in TONE_MARKS)
                 for word in _WORD.findall(name.lower()))
