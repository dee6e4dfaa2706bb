"""Agency names: where one starts and ends in running text, and one spelling for each.

Public functions:
- `canonical_agency(name)`: the display form (`UBND` → `Ủy ban nhân dân`, `&` → `và`,
  `KH&CN` → `Khoa học và Công nghệ`, new tone placement `Uỷ`/`hoà` → `Ủy`/`hòa`,
  dashes spaced, a trailing `(…)` note and punctuation dropped);
- `agency_key(name)`: the form two names compare by (folded as the scorer folds them,
  spaces removed);
- `split_bodies(text, start, end)`: a bounded list of bodies (a label's value, a table
  cell, the subject before `chủ trì`) cut into `Piece`s: a body, a plural group or other
  words, with persons mapped to their body;
- `list_end(text, pos)`: where a list of bodies that opens at `pos` ends when nothing
  bounds it on the right (`Giao Sở Nội vụ tham mưu …`, `phối hợp với Sở Tư pháp và …`).

Forms it reads (data in pipeline/data/agency_heads.yaml):
- a head word and a name: `Sở Nội vụ`, `Phòng Tài chính - Kế hoạch`, `Công an tỉnh`,
  `Văn phòng HĐND & UBND huyện`, `Sở Nông nghiệp và Phát triển nông thôn`;
- a comma inside a name, told from a list comma by the word after it: `Sở Văn hóa,
  Thể thao và Du lịch` (a capitalised word that is no head continues the name);
- persons for bodies: `Giám đốc Sở Nội vụ` → `Sở Nội vụ`, `Chánh Văn phòng UBND tỉnh`
  → `Văn phòng UBND tỉnh`, `Lãnh đạo UBND thành phố` → `UBND thành phố`;
- plural groups: `các sở, ban, ngành`, `UBND các xã, thị trấn`, `UBND xã - thị trấn`,
  `UBND cấp huyện`, `các ngành liên quan`, `cơ quan được kiểm tra`, `Thủ trưởng các sở`;
- a bare local head that takes the unit its list ends with: `Hội đồng nhân dân, Ủy ban
  nhân dân tỉnh Vĩnh Long`;
- the end of a name by its capitals: lower-case words follow a single capitalised syllable
  (`Phát triển nông thôn`), never a proper name (`Báo Thừa Thiên Huế| đẩy mạnh`,
  `Báo Quảng Ngãi|, Cổng …`);
- heads that are whole names (`Tỉnh đoàn`, `Huyện ủy`), a head joined to its name
  (`Báo và Phát thanh, Truyền hình Quảng Ngãi`), xã posts (`Công chức Tư pháp - Hộ tịch`,
  also `công chức Văn hóa - Xã hội` in a sentence).
Forms it avoids: a head with no name (`Sở`, `Ban điều hành`, `Báo cáo`, `Đoàn kiểm tra`
— `Đoàn` is no head), a name running into its predicate (`Sở Nội vụ tham mưu`: the
lower-case words a name may carry stop at a predicate word of `name_stops`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from pipeline.textfold import fold, fold_tones_chars

DATA = Path(__file__).resolve().parent / "data" / "agency_heads.yaml"
# Lower-case words a name may carry after a capitalised one (`Ban Chỉ đạo cải cách hành
# chính tỉnh`, `Trung tâm Phục vụ hành chính công`); a predicate word stops them earlier.
MAX_LOWER_RUN = 6
_TOKEN = re.compile(r"\s*([^\s,;:()]+|[,;:()])")
_SPACES = re.compile(r"\s+")
_DASH = re.compile(r"\s*[-‐‑–—]\s*")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
# Old tone placement on open syllables (`hoà`, `Uỷ`) → new (`hòa`, `Ủy`), as Nghị định
# 30/2020 writes names; `qu` + `y` is a consonant and a vowel (`quý`) and stays.
_OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
              "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
              "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OLD_TONE = re.compile(r"(?<![qQ])(" + "|".join(_OLD_TONES) + r")(?!\w)", re.IGNORECASE)


@dataclass
class Piece:
    """One item of a list of bodies; offsets into the text given to `split_bodies`."""
    start: int
    end: int
    kind: str  # "body", "group" or "other"
    name: str  # display name for a body or group, "" for other
    hint: str | None = None  # a role a parenthetical names: `Sở Tài chính (cơ quan chủ trì)`


# -- data ----------------------------------------------------------------------------

@cache
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def fold_same_length(text: str) -> str:
    """Lower case, tone marks dropped, one character for one: offsets stay valid.
    Cached: the readers fold the same document text many times."""
    return fold_tones_chars(text)


def _phrase(words: str) -> str:
    return r"\s+".join(re.escape(fold(w)) for w in words.split())


def _alternation(words) -> re.Pattern:
    ordered = sorted(words, key=lambda w: len(w), reverse=True)
    return re.compile("(?:" + "|".join(_phrase(w) for w in ordered) + r")(?![\w&])")


@cache
def _heads() -> re.Pattern:
    return _alternation(_data()["heads"] + _data()["standalone"])


@cache
def _exact_heads() -> set[str]:
    return {_tone_exact(w) for w in _data()["heads"] + _data()["standalone"]}


def _tone_exact(text: str) -> str:
    """Lower case with tone marks kept (new placement): `Quỹ` and `Quý` differ here."""
    text = _OLD_TONE.sub(lambda m: _retone(m.group(1)), unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text).strip().lower()


@cache
def _lower_heads() -> re.Pattern:
    return _alternation(_data().get("lower_heads", []))


@cache
def _standalone() -> set[str]:
    return {fold(w) for w in _data()["standalone"]}


@cache
def _self_named() -> set[str]:
    return {fold(w) for w in _data().get("self_named", [])}


@cache
def _local_heads() -> set[str]:
    return {fold(w) for w in _data()["local_heads"]}


@cache
def _kinds() -> re.Pattern:
    return _alternation(_data()["kinds"])


@cache
def _stops() -> re.Pattern:
    """Predicate words, tone marks kept (folded, `từ` would stop `Đầu tư`)."""
    words = sorted(_data()["name_stops"], key=len, reverse=True)
    return re.compile("(?:" + "|".join(r"\s+".join(map(re.escape, w.lower().split())) for w in words) + r")(?!\w)")


@lru_cache(maxsize=8)
def _lower(text: str) -> str:
    return text.lower()


@cache
def _titles() -> list[tuple[re.Pattern, str]]:
    rows = sorted(_data()["person_titles"], key=lambda r: len(r["title"]), reverse=True)
    return [(re.compile(_phrase(r["title"]) + r"(?!\w)"), r.get("to", "")) for r in rows]


@cache
def _group_openers() -> re.Pattern:
    return _alternation(_data()["group_openers"])


@cache
def _group_words() -> re.Pattern:
    return _alternation(_data()["group_words"] + _data()["kinds"])


@cache
def _group_tails() -> re.Pattern:
    return re.compile(r"(?<!\w)" + _alternation(_data()["group_tails"]).pattern)


@cache
def _abbreviations() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(k), v) for k, v in _data()["abbreviations"].items()]


# -- display and comparison --------------------------------------------------------------

def canonical_agency(name: str) -> str:
    """The display form of a body's name (see module docstring)."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    while _TRAILING_NOTE.search(text):
        text = _TRAILING_NOTE.sub("", text)
    for pattern, full in _abbreviations():
        text = pattern.sub(full, text)
    text = re.sub(r"\s*&\s*", " và ", text)
    text = _DASH.sub(" - ", text)
    text = _OLD_TONE.sub(lambda m: _retone(m.group(1)), text)
    text = _SPACES.sub(" ", text).strip(" .;:,-")
    return text[:1].upper() + text[1:]


def _retone(old: str) -> str:
    new = _OLD_TONES[old.lower()]
    return new.upper() if old.isupper() else (new[0].upper() + new[1:] if old[0].isupper() else new)


def agency_key(name: str) -> str:
    """Fold as the scorer does (case, tone marks, abbreviations, dashes), without spaces."""
    text = fold(canonical_agency(name))
    text = re.sub(r"[\*_`]+", "", text)
    text = re.sub(r"^(?:cac|giao|đông chi)\s+", "", text)
    return re.sub(r"\s+", "", text).strip(".;:,-")


# -- reading names -------------------------------------------------------------------------

def _capitalised(token: str) -> bool:
    return bool(token) and (token[0].isupper() or token[0].isdigit())


def head_at(text: str, folded: str, pos: int) -> int | None:
    """End of a capitalised head word (or standalone body) at pos, else None; a head of
    `lower_heads` also in lower case when a capitalised name follows it."""
    if pos >= len(text):
        return None
    if not text[pos].isupper():
        lower = _lower_heads().match(folded, pos)
        after = _TOKEN.match(text, lower.end()) if lower else None
        return lower.end() if after and after.group(1)[:1].isupper() else None
    match = _heads().match(folded, pos)
    if not match or _tone_exact(text[pos:match.end()]) not in _exact_heads():
        return None  # folding joins `Quý` and `Quỹ`, `Sơ` and `Sở`
    return match.end()


def title_at(folded: str, pos: int) -> tuple[int, str] | None:
    """A person's title at pos: (its end, the head it implies or "")."""
    for pattern, to in _titles():
        match = pattern.match(folded, pos)
        if match:
            return match.end(), to
    return None


def _next_token(text: str, pos: int, limit: int) -> re.Match | None:
    return _TOKEN.match(text, pos, limit) if pos < limit else None


def name_end(text: str, folded: str, pos: int, limit: int) -> tuple[int, bool]:
    """Where the name after a head ending at pos ends, and whether there is one.

    Nghị định 30/2020 capitalises the first syllable of a name's words (`Phát triển nông
    thôn`) and every syllable of a proper name (`Thừa Thiên Huế`, `Bình Định`): lower-case
    words go on after a single capitalised syllable, never after a proper name, so
    `Báo Thừa Thiên Huế đẩy mạnh …` ends at `Huế` (unit kinds still follow: `… Việt Nam tỉnh`)."""
    end, named, after_kind, lower_run, only_heads = pos, False, False, 0, True
    capital_run = 0  # capitalised syllables in a row, the head's own left out
    i = pos
    while True:
        match = _next_token(text, i, limit)
        if not match:
            break
        tok, start, stop = match.group(1), match.start(1), match.end(1)
        low = folded[start:stop]
        if tok == "," or low in ("va", "&") or tok in "-–—":
            after = _next_token(text, stop, limit)
            if not after:
                break
            nxt = after.group(1)
            if not named:
                # `Báo và Phát thanh, Truyền hình Quảng Ngãi` (2025): the head joined to a name
                if low in ("va", "&") and _capitalised(nxt) and head_at(text, folded, after.start(1)) is None:
                    i = stop
                    continue
                break
            if head_at(text, folded, after.start(1)) is not None:
                if not only_heads:
                    break  # `Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh` is one body
            elif not _capitalised(nxt) or title_at(folded, after.start(1)) or tok == "," and after_kind \
                    or tok == "," and capital_run >= 2:
                break  # `Báo Quảng Ngãi, Cổng …`: a proper name closes its body's name
            capital_run = 0
            i = stop
            continue
        if tok in ";:()":
            break
        if "\n" in text[i:start] and _opens_piece(text, folded, start):
            break  # stacked names: a table cell holding one body a line
        kind = _kinds().match(folded, start)
        if kind and text[start].islower():
            end, named, after_kind, lower_run, i = kind.end(), True, True, 0, kind.end()
            only_heads = False
            continue
        if _capitalised(tok):
            inner = head_at(text, folded, start)
            only_heads = only_heads and inner is not None
            stop = inner if inner and only_heads else stop
            capital_run = capital_run + 1 if tok[0].isalpha() and not inner else 0
            end, named, lower_run, i = stop, True, 0, stop
            continue
        if after_kind or not named or lower_run >= MAX_LOWER_RUN or capital_run >= 2 \
                or _stops().match(_lower(text), start):
            break
        capital_run = 0
        lower_run += 1
        end, i, only_heads = stop, stop, False
    return end, named


def _is_group(text: str, folded: str) -> bool:
    if _group_openers().match(folded):
        return True
    if text[:1].islower() and _group_words().match(folded):
        return True
    if _group_tails().search(folded):
        return True
    head = _heads().match(folded)
    if head:
        rest = folded[head.end():].lstrip()
        if re.match(r"(?:cac|câp|nhưng)\b", rest):
            return True
        kind = _kinds().match(rest)
        if kind and re.match(r"\s*[,/\-–]\s*" + _kinds().pattern, rest[kind.end():]):
            return True
    return False


def _person_to_body(text: str) -> tuple[str, int]:
    """`Giám đốc Sở Nội vụ` → (`Sở Nội vụ`, chars dropped); titles may stack (`Phó Chủ tịch`)."""
    folded = fold_same_length(text)
    title = title_at(folded, 0)
    if not title:
        return text, 0
    stop, to = title
    rest = text[stop:].lstrip()
    if to and not fold(rest).startswith(fold(to)):
        rest = f"{to} {rest}"
    return rest, len(text) - len(rest)


def classify(raw: str) -> Piece:
    """One list item: a body, a plural group or other words (offsets within raw)."""
    text = raw.strip()
    hint = None
    note = _TRAILING_NOTE.search(text)
    if note:
        folded_note = fold(note.group(0))
        hint = "chủ trì" if "chu tri" in folded_note else "phối hợp" if "phôi hơp" in folded_note else None
        text = text[:note.start()].rstrip()
    text = re.sub(r"^(?:và|đồng thời|Đề\s+nghị\s*:?|Mời\s*:?)\s+", "", text, flags=re.IGNORECASE).strip(" .;:,")
    if not text:
        return Piece(0, len(raw), "other", "")
    text, _ = _person_to_body(text)
    folded = fold_same_length(text)
    if fold(text) in _standalone():
        return Piece(0, len(raw), "body", canonical_agency(text), hint)
    if _is_group(text, folded):
        return Piece(0, len(raw), "group", canonical_agency(text), hint)
    head = head_at(text, folded, 0)
    if head is None:
        return Piece(0, len(raw), "other", "")
    end, named = name_end(text, folded, head, len(text))
    if not named and fold(text[:head]) in _self_named() and not text[head:].strip(" .;:,"):
        return Piece(0, len(raw), "body", canonical_agency(text[:head]), hint)
    if not named:
        bare = fold(text) in _local_heads() or fold(text[:head]) in _local_heads() and end == len(text.rstrip())
        return Piece(0, len(raw), "bare" if bare else "other", text if bare else "")
    if text[end:].strip(" .;:,"):
        return Piece(0, len(raw), "other", "")
    return Piece(0, len(raw), "body", canonical_agency(text[:end]), hint)


# -- lists -----------------------------------------------------------------------------------

_SEPARATOR = re.compile(r"\s*[,;]\s*|\s*\n\s*|\s+(?:và|&)\s+|\s*&\s*(?=[A-ZĐ])")
_LEAD = re.compile(r"(?:\s|[,;]|(?:và|&)(?=\s))*")


def _opens_piece(text: str, folded: str, pos: int) -> bool:
    return (head_at(text, folded, pos) is not None or title_at(folded, pos) is not None
            or _group_openers().match(folded, pos) is not None)


def _after_title(text: str, folded: str, pos: int, limit: int) -> tuple[int, str]:
    title = title_at(folded, pos)
    if not title:
        return pos, ""
    match = _TOKEN.match(text, title[0], limit) if title[0] < limit else None
    return (match.start(1) if match else title[0]), title[1]


def _opens_group(text: str, folded: str, pos: int, limit: int) -> bool:
    pos, to = _after_title(text, folded, pos, limit)
    if to:
        return False  # `đại biểu Quốc hội tỉnh …` names its body's unit
    if _group_openers().match(folded, pos):
        return True
    if text[pos:pos + 1].islower() and _group_words().match(folded, pos):
        return True
    head = head_at(text, folded, pos)
    return bool(head and re.match(r"\s*(?:cac|câp|nhưng)\b", folded[head:limit]))


def split_bodies(text: str, start: int = 0, end: int | None = None) -> list[Piece]:
    """Cut a bounded list into pieces (offsets into text), persons mapped to bodies."""
    end = len(text) if end is None else end
    folded = fold_same_length(text)
    pieces = []
    pos = _LEAD.match(text, start, end).end()
    while pos < end:
        cut, resume = _cut(text, folded, pos, _name_floor(text, folded, pos, end), end)
        if text[pos:cut].strip():
            stop = pos + len(text[pos:cut].rstrip())
            piece = classify(text[pos:stop])
            pieces.append(Piece(pos, stop, piece.kind, piece.name, piece.hint))
        pos = _LEAD.match(text, max(resume, pos + 1), end).end() if resume < end else end
    return _lend_units(pieces)


def _name_floor(text: str, folded: str, pos: int, limit: int) -> int:
    """End of the name opening at pos: a list cut never falls inside it."""
    at, to = _after_title(text, folded, pos, limit)
    if to:  # the title holds the head: `Chánh Văn phòng| Đoàn ĐBQH, HĐND và UBND tỉnh`
        return name_end(text, folded, title_at(folded, pos)[0], limit)[0]
    head = head_at(text, folded, at)
    return pos if head is None else name_end(text, folded, head, limit)[0]


def _cut(text: str, folded: str, pos: int, floor: int, limit: int) -> tuple[int, int]:
    grouping = _opens_group(text, folded, pos, limit)
    for sep in _SEPARATOR.finditer(text, floor, limit):
        nxt = sep.end()
        if nxt >= limit:
            return sep.start(), limit
        if _opens_piece(text, folded, nxt):
            return sep.start(), nxt
        if sep.group().strip() not in (",", ";"):
            continue  # `Sở Kế hoạch và Đầu tư`, a name wrapped over a line
        if grouping:
            continue  # `các sở, ban, ngành`
        if _kinds().match(folded, nxt) and re.search(_kinds().pattern + r"\s*$", folded[pos:sep.start()]):
            continue  # `UBND huyện, thành phố`
        return sep.start(), nxt
    return limit, limit


_UNIT = re.compile(r"\b((?:tỉnh|thành phố|huyện|quận|thị xã)\s+[A-ZĐ].*)$")


def _lend_units(pieces: list[Piece]) -> list[Piece]:
    """A bare local head takes the unit named by a later item of its list."""
    out = []
    for index, piece in enumerate(pieces):
        if piece.kind != "bare":
            out.append(piece)
            continue
        unit = next((m.group(1) for p in pieces[index + 1:] if p.kind == "body"
                     for m in [_UNIT.search(p.name)] if m), None)
        name = canonical_agency(f"{piece.name} {unit}") if unit else ""
        out.append(Piece(piece.start, piece.end, "body" if unit else "other", name, piece.hint))
    return out


def list_end(text: str, pos: int, limit: int | None = None) -> int:
    """End of the list of bodies opening at pos (pos when none opens there); a plural
    group ends the list (where it ends cannot be told from words alone)."""
    limit = len(text) if limit is None else limit
    folded = fold_same_length(text)
    pos = _LEAD.match(text, pos, limit).end() if text[pos:pos + 1].isspace() else pos
    end = i = pos
    while i < limit:
        if _opens_group(text, folded, i, limit):
            # a plural group has no end to tell, unless a body follows its first comma
            sep = re.compile(r"[,;.:()\n]|\s(?:và|&)\s").search(text, i, limit)
            if not sep or sep.group().strip() not in (",", ";", "và", "&") \
                    or not _body_end(text, folded, _LEAD.match(text, sep.end(), limit).end(), limit):
                return end
            i = _LEAD.match(text, sep.end(), limit).end()
            continue
        j = _body_end(text, folded, i, limit)
        if j is None:
            return end
        end = j
        sep = re.compile(r"\s*(?:[,;]|\s(?:và|&)|&)\s*").match(text, j, limit)
        if not sep or not _opens_piece(text, folded, sep.end()):
            return end
        i = sep.end()
    return end


def _body_end(text: str, folded: str, pos: int, limit: int) -> int | None:
    at, to = _after_title(text, folded, pos, limit)
    if to:
        end, named = name_end(text, folded, title_at(folded, pos)[0], limit)
        return end if named else None
    head = head_at(text, folded, at)
    if head is None:
        return None
    if fold(text[at:head]) in _standalone():
        return head
    end, named = name_end(text, folded, head, limit)
    if not named and fold(text[at:head]) in _self_named():
        return head  # `Tỉnh đoàn`, `Huyện ủy`
    if not named and fold(text[at:head]) in _local_heads():
        return head  # `Hội đồng nhân dân, Ủy ban nhân dân tỉnh …`: takes the list's unit
    return end if named else None
