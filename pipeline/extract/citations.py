"""Cited documents: the legal bases of the preamble, and every reference.

Forms read
- type, `số`, số ký hiệu, date, `của` issuer, `về` title: `Quyết định số 225/QĐ-TTg ngày 04
  tháng 02 năm 2016 của Thủ tướng Chính phủ về việc …`; without `số` (`Công văn 285/CCTTHC`);
  `số` misspelt `so`; the type a few words before (`Báo cáo thẩm tra số`, `Luật Đất đai số`).
- ký hiệu of state bodies (`32/KH-UBND`, `30/2018/QĐ-UBND`, `1602/QĐ-UBND-HC`, `136/2001/QĐ.TTg`,
  `144/2021/NĐ- CP`, `468/QĐ - TTg`, `12 /KH-UBND` (OCR), `751/2019/UBTVQH14`, `285/CCTTHC`, `30c/NQ-CP`, `66.2/2025/NQ-CP`,
  `2349/SNV-CCHC&VTLT`) and of the Party (`05-NQ/HU`, `459-KHHĐ/TU`).
- dates `04/02/2016`, `4-2-2016`, `04 tháng 02 năm 2016`, wrapped over lines or glued (`5năm`).
- the constitution, codes, laws and ordinances by name and full date, without a number
  (`Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015`).
- lists sharing a type: `các văn bản: số 4011/UBND-VX2 …, số 1071/UBND-VX2 …` (in a basis
  clause each item is a basis).
- preamble clauses `Căn cứ`, `Thực hiện`, `Theo/Xét đề nghị`, `Trên cơ sở`, each item of a
  `;` list its own basis; a plan's `CĂN CỨ PHÁP LÝ` section; a `Xét đề nghị` line anywhere.
- the preamble span layout gives, run on to the end of its sentence when it stops at a wrapped
  line (`… các tỉnh,`); without a span, `Căn cứ`/`Xét đề nghị` clauses inside a line before
  `QUYẾT ĐỊNH:` (web copies that lost their line breaks).
- an amending act in a basis (`… được sửa đổi, bổ sung bởi Luật số 87/2025/QH15`) is a basis.

Forms avoided
- the document's own number (same ref, same year; header `Số:` lines), blank numbers
  (`Quyết định số /QĐ-UBND`, `Số:   /2024/QĐ-UBND`).
- standards and ratios (`TCVN ISO 9001:2015`, `QCVN 01:2021/BXD`, `24/7`, dates).
- laws with only a year (`Luật … năm 2015`), a law name before a deadline (`… trước ngày …`).
- documents named inside a basis's title (`Kế hoạch … thực hiện Đề án số 02-ĐA/TU`): references.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .. import doctypes
from ..scoring import fold_ref
from ..record import CitedDoc
from ..textfold import fold

_DATA = Path(__file__).resolve().parent.parent / "data"

# --- ký hiệu -----------------------------------------------------------------------------
_DASHES = "\\-‐‑–"
_NUM = r"\d{1,5}(?:\.\d{1,2})?[a-z]?"
# a code: capitals, digits, `&`; a lone small letter inside (TTg, TTr, CTr, QyĐ), never a word
_PART = r"[A-ZĐ](?:[A-ZĐ0-9&]|[a-zđ](?![a-zđ]))*"
# after a hyphen and a space (`NĐ- CP`) only an all-capitals code joins, never a word
_TIGHT = r"[A-ZĐ][A-ZĐ0-9&]*(?![^\W\d_])"
# a hyphen spaced on both sides (`QĐ - TTg`, web copies) joins only on one line
_SYMBOL = rf"{_PART}(?:[{_DASHES}./]{_PART}|[{_DASHES}]\s{_TIGHT}|[ \t][{_DASHES}][ \t]?{_PART}(?![^\W\d_]))*"
# OCR and filled-in drafts leave spaces before the slash (`Số 12 /KH-UBND`, `125   /QĐ-UBND`)
_SLASH = r"[ \t]*/"
_REF = re.compile(rf"(?<![\w/.])(?<!\d:)(?:{_NUM}(?:/\d{{4}})?{_SLASH}{_SYMBOL}|{_NUM}[{_DASHES}]{_PART}/{_SYMBOL})")
_HEADER_NUMBER = re.compile(r"(?:Số|SỐ)\s*:\s*$")
_FORM_NUMBER = re.compile(r"(?i)\b(?:mẫu|biểu|phụ\s+lục)\s+(?:số\s*)?:?\s*$")  # `Mẫu số 01/BC-…` is a form

# --- dates -------------------------------------------------------------------------------
_DATE = (r"(?P<d>\d{1,2})\s*(?:[/.\-–]\s*(?P<m>\d{1,2})\s*[/.\-–]\s*"
         r"|\s+tháng\s+(?P<m2>\d{1,2})\s*năm\s*)(?P<y>\d{4})(?!\d)")
_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban\s+hành\s+)?ngày\s*" + _DATE, re.I)
_DATE_ANY = re.compile(r"ngày\s*" + _DATE, re.I)
_YEAR_ONLY = re.compile(r"\bnăm\s+\d{4}\b", re.I)

# --- laws by name and date ---------------------------------------------------------------
_LAW_WORD = re.compile(r"\b(?:Hiến pháp|HIẾN PHÁP|Bộ luật|BỘ LUẬT|Luật|LUẬT|Pháp lệnh|PHÁP LỆNH)\b")
_LAW_TYPES = {"hiên phap": "Hiến pháp", "bô luât": "Bộ luật", "luât": "Luật", "phap lênh": "Pháp lệnh"}
_LAW_STOP = re.compile(r";|\.\s|\n\s*\n|\n\s*(?:Căn cứ|Thực hiện|Theo|Xét)\b")
# `… trước ngày 20/5/2022` is a deadline; `Hà Nội, ngày …` a place-and-date line
_DEADLINE_WORD = re.compile(r"(?i)(?:\b(?:trước|sau|từ|đến|tới|trong|vào|chậm nhất|hết|hạn|lúc|là)|,)\s*$")
_LAW_MAX_WORDS = 60

# --- around a citation -------------------------------------------------------------------
_OF = re.compile(r"\s*,?\s*của\s+")
_ISSUER_STOP = re.compile(
    r"\s+(?:về|ban\s+hành|phê\s+duyệt|quy\s+định|hướng\s+dẫn|sửa\s+đổi|bổ\s+sung|thực\s+hiện|"
    r"triển\s+khai|giải\s+thích|tại|đã|được|kèm\s+theo|trong|đối\s+với|nhằm|để|ngày|v/v|và\s+(?:các|của|số))\b"
    r"|\s*[,;:.()\"“”\[\]]|\s*\n\s*\n"
    r"|\s+(?-i:nghị\s+định|quyết\s+định|thông\s+tư|kế\s+hoạch|chỉ\s+thị|nghị\s+quyết)\b", re.I)
_PROPOSER = re.compile(r"(?:đề\s+nghị\s+(?:của\s+)?|của\s+)(?P<who>[^,;:()]{2,120}?)\s+tại\s*$", re.I)
_TITLE_OPEN = re.compile(r"\s*,?\s*(?:về\s+việc|về|v/v)\s+", re.I)
_CAPITAL = "[" + "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper()) + "]"
# a title ends at the clause: `;`, a full stop, or `, Ủy ban nhân dân tỉnh ban hành …`
_TITLE_STOP = re.compile(rf";|\.\s*(?:\n|$)|\.\s+(?={_CAPITAL})|,\s+(?={_CAPITAL})|\n\s*\n|\)")
_TITLE_MAX = 400
_GENERIC_TYPE = "văn bản"

# --- preamble ----------------------------------------------------------------------------
_OPENER = re.compile(
    r"(?m)^[ \t\-+•*]*(?P<op>(?:Căn|CĂN)\s+(?:cứ|CỨ)|Thực\s+hiện|THỰC\s+HIỆN|Theo\s+đề\s+(?:nghị|xuất)"
    r"|Xét\b|XÉT\b|Trên\s+cơ\s+sở)")
_PROPOSAL_LINE = re.compile(r"(?m)^[ \t]*Xét\s+đề\s+nghị\b")
_PARAGRAPH_END = re.compile(r"[.:]\s*(?:\n|$)|\n\s*\n")
# where a sentence of the preamble is closed, and how far a cut one runs on
_SENTENCE_CLOSED = re.compile(r"[.:;][ \t]*\n?[ \t]*$|\n[ \t]*\n[ \t]*$")
_SENTENCE_END = re.compile(r"[.:;][ \t]*(?:\n|$)|\n[ \t]*\n")
_RUN_ON_MAX = 600
_INLINE_DECISION = re.compile(r"\b(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ)\s*:")
_INLINE_OPENER = re.compile(r"(?<!\w)(?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Xét\s+Tờ\s+trình)\b")
# a clause inside a line: only where a copy lost its line breaks, and only capitalised
_INLINE_CLAUSE = re.compile(r"(?<!\w)(?P<op>Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+(?:nghị|xuất)|Xét\b|Trên\s+cơ\s+sở)")
_BASIS_HEADING = re.compile(r"(?m)^[ \t]*(?P<num>[IVX]+|\d+)[.)]\s*(?:CĂN CỨ|Căn cứ)(?P<rest>[^\n]*)$")
_ROMAN_HEADING = re.compile(r"(?m)^[ \t]*[IVX]+[.)]\s+\S")
_ANY_HEADING = re.compile(r"(?m)^[ \t]*(?:[IVX]+|\d+)[.)]\s+\S")
# a preamble ends where the body starts, whatever span it was given
_BODY_START = re.compile(r"(?m)^[ \t]*(?:(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ)\s*:|Điều\s+1\b|PHẦN\s|(?:[IVX]+|\d+)[.)]\s)")
_AMEND = re.compile(
    r"(?:được|đã\s+được)\s+sửa\s+đổi,?\s+bổ\s+sung(?:\s+cập\s+nhật)?(?:\s+một\s+số\s+điều)?"
    r"(?:\s+(?:bởi|tại|theo))?|sửa\s+đổi,?\s+bổ\s+sung(?:\s+một\s+số\s+điều)?\s+(?:bởi|tại|theo)\b",
    re.I)
_ITEM_CUT = re.compile(r";|\.[ \t]*\n|\n(?=[ \t]*(?:[-+•*]|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s)")
# `số …, số …` lists repeat `số` after the comma
_LIST_JOIN = re.compile(r"(?:[,;:(]|\bvà|\bcùng)\s*(?:số\s*)?$", re.I)
_PROPOSAL_JOIN = re.compile(r"\btại\s*$", re.I)


@dataclass
class _Mention:
    start: int          # the type word, else the ref
    end: int            # end of ref, date and issuer
    ref: str | None
    doc_type: str | None
    date: str | None
    issuer: str | None = None
    issuer_source: str = "inferred"  # printed after the date, the proposer before, or inferred
    title: str | None = None
    title_end: int = 0


# --- data --------------------------------------------------------------------------------
def _doc_types() -> list[dict]:
    return doctypes.entries()


@cache
def _issuers() -> dict:
    return yaml.safe_load((_DATA / "issuers.yaml").read_text(encoding="utf-8"))


@cache
def _type_names() -> dict[str, str]:
    """Folded type word → type name; `văn bản` names no type."""
    names = {fold(entry["name"]): entry["name"] for entry in _doc_types()}
    names[fold("Công văn")] = "Công văn"
    names[fold(_GENERIC_TYPE)] = ""
    return names


@cache
def _type_word() -> re.Pattern:
    words = sorted({entry["name"] for entry in _doc_types()} | {"Công văn", _GENERIC_TYPE}, key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\b")


def _abbreviations() -> dict[str, str]:
    return doctypes.abbreviations()


# --- one citation ------------------------------------------------------------------------
def _iso(match: re.Match) -> str | None:
    day, month, year = int(match["d"]), int(match["m"] or match["m2"]), int(match["y"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def ref_key(ref: str) -> str:
    """A ref as the scorer compares it: upper case, without spaces, hyphens, dots
    (the contract's own key, `scoring.fold_ref`, so the two can never drift)."""
    return fold_ref(ref)


def _symbol_type(ref: str) -> str:
    """The type a ký hiệu names (`KH-UBND` → Kế hoạch); a Công văn's symbol names none."""
    party = re.match(rf"{_NUM}[{_DASHES}](?P<abbr>[^/]+)/", ref)
    if party:
        abbr = party["abbr"].upper()
        prefixes = [a for a in _abbreviations() if abbr.startswith(a)]
        return _abbreviations().get(abbr) or (_abbreviations()[max(prefixes, key=len)] if prefixes else "Công văn")
    first = re.split(r"[-‐‑–./]", re.sub(rf"^{_NUM}/(?:\d{{4}}/)?", "", ref))[0].upper()
    if re.fullmatch(r"(?:UBTV)?QH\d*", first):
        return "Nghị quyết"
    return _abbreviations().get(first, "Công văn")


def _inferred_issuer(ref: str | None, doc_type: str | None) -> str | None:
    if ref is None:
        return _issuers()["by_type"].get(doc_type or "")
    parts = re.split(r"[-‐‑–./]", re.sub(rf"^{_NUM}(?:/(?:\d{{4}}/)?|[{_DASHES}])", "", ref))
    if len(parts) > 2:
        return None  # a joint symbol (`TTLT-BNV-BTC`) or a unit's code: no single body
    code = re.sub(r"\d+$", "", parts[-1])
    return _issuers()["by_code"].get(code) or _issuers()["by_type"].get(doc_type or "")


def _type_before(text: str, lo: int, ref_start: int, symbol_type: str) -> tuple[str, int] | None:
    """The type word just before a ref (`Quyết định số`, `Luật Đất đai số`): (name, start).
    The name is "" for `văn bản`, which names no type. Of two (`Thông báo kết luận số
    12-TB/TU`), the one the symbol names wins, else the nearer."""
    window = text[lo:ref_start]
    near = []
    for match in _type_word().finditer(window):
        between = re.sub(r"\s*\b(?:số|so|Số|SỐ)\b\s*:?\s*$|\s*:\s*$", "", window[match.end():])
        name = _type_names()[fold(_squeeze(match.group()))]
        if name in _LAW_TYPES.values() and match.group()[0].isupper():
            ok = len(between.split()) <= 12 and not re.search(r"\b(?:của|ngày|tại)\b|\d", between)
        else:
            ok = len(between.split()) <= 3 and not re.search(r"[,.;()\d]|\b(?:của|ngày|tại|và)\b", between)
        if ok:
            near.append((name, lo + match.start()))
    named = [hit for hit in near if hit[0] == symbol_type]
    return (named or near or [None])[0 if named else -1]


def _issuer_after(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    match = _OF.match(text, pos, limit)
    if not match:
        return None, pos
    stop = _ISSUER_STOP.search(text, match.end(), min(limit, match.end() + 160))
    end = stop.start() if stop else min(limit, match.end() + 160)
    issuer = re.sub(r"\s+và$", "", _squeeze(text[match.end():end]))
    return (issuer or None), (end if issuer else pos)


def _title_after(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    match = _TITLE_OPEN.match(text, pos, limit)
    if not match:
        return None, pos
    stop = _TITLE_STOP.search(text, match.end(), min(limit, match.end() + _TITLE_MAX))
    end = stop.start() if stop else min(limit, match.end() + _TITLE_MAX)
    title = _squeeze(text[match.end():end]).strip(" “”\"',")
    return (title or None), end


def _complete(text: str, mention: _Mention, lo: int, limit: int) -> _Mention:
    """Issuer (after the date, else the proposer before, else inferred) and title."""
    issuer, end = _issuer_after(text, mention.end, limit)
    mention.issuer_source = "printed"
    if issuer is None:
        proposer = _PROPOSER.search(text[lo:mention.start])
        mention.issuer_source = "proposer" if proposer else "inferred"
        issuer = _squeeze(proposer["who"]) if proposer else _inferred_issuer(mention.ref, mention.doc_type)
    mention.issuer, mention.end = issuer, end
    late_date = _DATE_AFTER.match(text, end, limit) if mention.date is None and mention.ref else None
    if late_date:  # `Kế hoạch số 12/KH-UBND của UBND tỉnh ngày 10/01/2023`
        mention.date, mention.end, end = _iso(late_date), late_date.end(), late_date.end()
    # a title runs over the documents it names (`về việc triển khai Kế hoạch số …`)
    mention.title, mention.title_end = _title_after(text, end, len(text))
    mention.title_end = max(mention.title_end, end)
    return mention


def _ref_mentions(text: str) -> list[_Mention]:
    found: list[_Mention] = []
    boundary = 0
    for match in _REF.finditer(text):
        before = text[max(0, match.start() - 20):match.start()]
        if before.rstrip().endswith("/") or _HEADER_NUMBER.search(before) or _FORM_NUMBER.search(before):
            continue
        lo = max(boundary, match.start() - 160)
        lo = max(lo, text.rfind(";", lo, match.start()) + 1)
        symbol_type = _symbol_type(match.group())
        typed = _type_before(text, lo, match.start(), symbol_type)
        listed = found and re.fullmatch(r"\s*[,;]?\s*(?:và\s+)?(?:số\s*)?", text[boundary:match.start()])
        if typed and typed[0]:
            doc_type, start = typed
        else:
            doc_type, start = symbol_type, typed[1] if typed else match.start()
            if typed is None and listed:
                start = boundary
                if doc_type == "Công văn":
                    doc_type = found[-1].doc_type  # `các Nghị định: số …, số …` share one type
        ref = re.sub(r"\s+", "", match.group())
        date = _DATE_AFTER.match(text, match.end())
        end = date.end() if date else match.end()
        found.append(_Mention(start, end, ref, doc_type, _iso(date) if date else None))
        boundary = end
    return found


def _law_mentions(text: str, taken: list[tuple[int, int]]) -> list[_Mention]:
    """Laws, codes, ordinances, the constitution cited by name and full date, no number."""
    found = []
    pos = 0
    while (word := _LAW_WORD.search(text, pos)):
        pos = word.end()
        if any(s <= word.start() < e for s, e in taken):
            continue
        limit = min([len(text)] + [s for s, _ in taken if s > word.start()])
        stop = _LAW_STOP.search(text, word.end(), limit)
        limit = stop.start() if stop else limit
        date = _DATE_ANY.search(text, word.end(), limit)
        if not date:
            continue
        gap = text[word.end():date.start()]
        if _YEAR_ONLY.search(gap) or _DEADLINE_WORD.search(gap) or len(gap.split()) > _LAW_MAX_WORDS:
            continue
        doc_type = _LAW_TYPES[fold(_squeeze(word.group()))]
        found.append(_Mention(word.start(), date.end(), None, doc_type, _iso(date)))
        pos = date.end()
    return found


def _mentions(text: str) -> list[_Mention]:
    refs = _ref_mentions(text)
    laws = _law_mentions(text, [(m.start, m.end) for m in refs])
    ordered = sorted(refs + laws, key=lambda m: m.start)
    for i, mention in enumerate(ordered):
        lo = ordered[i - 1].end if i else 0
        limit = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
        _complete(text, mention, lo, limit)
    _share_pairs(text, ordered)
    return ordered


def _share_pairs(text: str, ordered: list[_Mention]) -> None:
    """`Công văn số 4216/UBND-NC ngày … và Công văn số 4478/UBND-NC ngày … của Chủ tịch UBND
    tỉnh`: the first of a pair joined by `và` takes the date and issuer printed after the second."""
    for first, second in reversed(list(zip(ordered, ordered[1:]))):
        if first.title or not re.fullmatch(r"\s*và\s*", text[first.end:second.start]):
            continue
        if first.date is None and first.ref and second.ref:
            first.date = second.date
        if first.issuer_source == "inferred" and second.issuer_source == "printed":
            first.issuer, first.issuer_source = second.issuer, "printed"


def _key(mention: _Mention) -> tuple | None:
    if mention.ref:
        return ("ref", ref_key(mention.ref))
    if mention.date:
        return ("typed", fold(mention.doc_type or ""), mention.date)
    return None


def _is_own(mention: _Mention, own_ref: str | None, own_year: str | None) -> bool:
    if not (own_ref and mention.ref) or ref_key(own_ref) != ref_key(mention.ref):
        return False
    return not (own_year and mention.date) or mention.date[:4] == str(own_year)


# --- where bases stand -------------------------------------------------------------------
def _relation(opener: str) -> str:
    word = fold(opener)
    if word.startswith("thưc"):
        return "thực hiện"
    if word.startswith(("theo", "xet")):
        return "đề nghị"
    return "căn cứ"


def _clauses(text: str, start: int, end: int, default: str | None,
             opener: re.Pattern = _OPENER) -> list[tuple[int, int, str]]:
    """(start, end, relation) of each clause in a zone; text before the first opener
    belongs to the zone's default relation, or to no clause."""
    heads = [(m.start("op"), _relation(m["op"])) for m in opener.finditer(text, start, end)]
    if default and (not heads or heads[0][0] > start):
        heads.insert(0, (start, default))
    return [(s, heads[i + 1][0] if i + 1 < len(heads) else end, rel) for i, (s, rel) in enumerate(heads)]


def _basis_sections(text: str) -> list[tuple[int, int]]:
    """A plan's own `I. CĂN CỨ PHÁP LÝ` section, up to the next heading of its rank."""
    zones = []
    for match in _BASIS_HEADING.finditer(text):
        if len(match["rest"].split()) > 6:
            continue  # `1. Căn cứ Kế hoạch này, các cơ quan …` is a task, not a heading
        rank = _ROMAN_HEADING if re.fullmatch(r"[IVX]+", match["num"]) else _ANY_HEADING
        nxt = rank.search(text, match.end())
        zones.append((match.end(), nxt.start() if nxt else len(text)))
    return zones


def _preamble_zone(text: str, preamble: tuple[int, int]) -> tuple[int, int]:
    """The preamble's clauses: the span layout found, cut where the body starts and run on to
    the end of its sentence (a span that stops at a wrapped line ending `các tỉnh,` would drop
    the next citation of the same paragraph)."""
    body = _BODY_START.search(text, preamble[0], preamble[1])
    if body:
        return preamble[0], body.start()
    end = preamble[1]
    if not _SENTENCE_CLOSED.search(text, max(preamble[0], end - 4), end):
        stop = _SENTENCE_END.search(text, end, end + _RUN_ON_MAX)
        body = _BODY_START.search(text, end, stop.end() if stop else end)
        end = body.start() if body else stop.end() if stop else end
    return preamble[0], end


def _inline_preamble(text: str) -> tuple[int, int] | None:
    """A Quyết định or Nghị quyết whose web copy lost its line breaks: the `Căn cứ` / `Xét đề
    nghị` clauses inside a line, up to `QUYẾT ĐỊNH:` / `QUYẾT NGHỊ:`. `Thực hiện` is left out:
    a plan's title often opens with it (`KẾ HOẠCH Thực hiện Nghị quyết số …`)."""
    decision = _INLINE_DECISION.search(text)
    if not decision:
        return None
    opener = _INLINE_OPENER.search(text, 0, decision.start())
    return (opener.start(), decision.start()) if opener else None


def _proposal_lines(text: str) -> list[tuple[int, int]]:
    """`Xét đề nghị … tại Tờ trình số …` opens a clause wherever it stands."""
    zones = []
    for match in _PROPOSAL_LINE.finditer(text):
        stop = _PARAGRAPH_END.search(text, match.end(), match.end() + 800)
        zones.append((match.start(), stop.end() if stop else min(len(text), match.end() + 800)))
    return zones


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a clause: cut at `;`, a full stop ending a line, a new list item."""
    cuts = [start] + [m.end() for m in _ITEM_CUT.finditer(text, start, end)]
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [end]) if a < b]


def _bases_in_item(text: str, item: tuple[int, int], relation: str, mentions: list[_Mention]) -> list[_Mention]:
    """The item's first citation is a basis; a later one is a basis when it is an amending act
    or joins the list (`, ` `và` after a basis, or the head's type again); else it is named
    inside a title (`… thực hiện Đề án số …`) and only a reference."""
    inside = [m for m in mentions if item[0] <= m.start < item[1]]
    if not inside:
        return []
    head, bases, previous_is_basis, previous_end = inside[0], [inside[0]], True, inside[0].end
    for mention in inside[1:]:
        amend = None
        for marker in _AMEND.finditer(text, head.start, mention.start):
            amend = marker
        if amend is not None:
            is_basis = not text[amend.end():mention.start].strip(" \n:,") or mention.date is not None
        else:
            before = text[max(previous_end, mention.start - 40):mention.start]
            # a list that shares one type (`các Quyết định: số …, số …`) starts where the last ended
            joined = mention.start <= previous_end or _LIST_JOIN.search(before) or (relation == "đề nghị" and _PROPOSAL_JOIN.search(before))
            is_basis = bool(joined) and (previous_is_basis or mention.doc_type == head.doc_type)
        if is_basis:
            bases.append(mention)
        previous_is_basis, previous_end = is_basis, mention.end
    return bases


def _basis_mentions(text: str, preamble: tuple[int, int] | None, mentions: list[_Mention]) -> dict[int, str]:
    """id(mention) → relation for every mention that is a legal basis."""
    clauses = []
    if preamble:
        zone = _preamble_zone(text, preamble)
        # a preamble that opens inside a line is one whose copy lost its line breaks
        opener = _OPENER if zone[0] == 0 or text[zone[0] - 1] == "\n" else _INLINE_CLAUSE
        clauses += _clauses(text, *zone, None, opener)
    elif (inline := _inline_preamble(text)):
        clauses += _clauses(text, *inline, None, _INLINE_CLAUSE)
    for zone in _basis_sections(text):
        clauses += _clauses(text, zone[0], zone[1], "căn cứ")
    for zone in _proposal_lines(text):
        clauses += _clauses(text, zone[0], zone[1], "đề nghị")
    relation_of: dict[int, str] = {}
    for start, end, relation in clauses:
        for item in _items(text, start, end):
            for mention in _bases_in_item(text, item, relation, mentions):
                relation_of.setdefault(id(mention), relation)
    return relation_of


# --- the record's two lists --------------------------------------------------------------
def _cited(text: str, mention: _Mention, relation: str | None, words: str) -> CitedDoc:
    return CitedDoc(doc_type=mention.doc_type, ref=mention.ref, date=mention.date, issuer=mention.issuer,
                    title=mention.title, text=_squeeze(words), relation=relation,
                    span=(mention.start, mention.end))


def _unique(items: list[tuple[_Mention, str | None]]) -> list[tuple[_Mention, str | None]]:
    """Each document once, the first occurrence's fields, gaps filled from later ones."""
    kept: dict[tuple, tuple[_Mention, str | None]] = {}
    for mention, relation in items:
        key = _key(mention)
        if key is None:
            continue
        if key not in kept:
            kept[key] = (mention, relation)
            continue
        first = kept[key][0]
        first.date = first.date or mention.date
        first.issuer = first.issuer or mention.issuer
        first.title = first.title or mention.title
    return list(kept.values())


def extract_citations(text: str, preamble: tuple[int, int] | None, own_ref: str | None,
                      own_year: str | None) -> tuple[list[CitedDoc], list[CitedDoc]]:
    """(legal_bases, references) from canonical text. `preamble` is the [start, end) span of
    the preamble zone (the clauses after the title and before the body: 'Căn cứ …', 'Thực hiện
    …', 'Theo đề nghị …', 'Xét đề nghị …'), or None when the lead's layout found none."""
    mentions = [m for m in _mentions(text) if not _is_own(m, own_ref, own_year)]
    relation_of = _basis_mentions(text, preamble, mentions)
    bases = _unique([(m, relation_of[id(m)]) for m in mentions if id(m) in relation_of])
    basis_keys = {_key(m): rel for m, rel in bases}
    references = _unique([(m, basis_keys.get(_key(m))) for m in mentions])
    legal = [_cited(text, m, rel, _item_words(text, m)) for m, rel in bases]
    cited = [_cited(text, m, rel, text[m.start:m.title_end]) for m, rel in references]
    return legal, cited


def _item_words(text: str, mention: _Mention) -> str:
    """The words of the clause item a basis stands in: from the `;` or line before it to the next `;`."""
    start = max(text.rfind(";", 0, mention.start), text.rfind("\n\n", 0, mention.start)) + 1
    stop = re.compile(r";|\n\s*\n").search(text, mention.title_end)
    return text[start:stop.start() if stop else len(text)]
