"""Repair of OCR damage where the printed form is certain.

`repair_ocr_text(text)` takes the canonical text of an OCR'd document and
returns the repaired text and one warning per repair (each names what was read
and what it became), so nothing changes silently.

Forms it repairs:
- số, ký hiệu with a dropped slash: `32KH-UBND` → `32/KH-UBND`,
  `52/2017QĐ-UBND` → `52/2017/QĐ-UBND`, only when the letters after the digits
  are a type abbreviation of data/doc_types.yaml followed by `-` and a body;
  and marks read on a body's letters (`CT-ÙB` → `CT-UB`: a ký hiệu body is
  written in bare capitals and Đ);
- the type line under the header (`CHÍ THỊ` → `CHỈ THỊ`): a line that is a
  document type once its marks are dropped, with one type only matching;
- the words of a date line (`ngay 05 thang 3 nam 2020` → `ngày 05 tháng 3
  năm 2020`) when the digits are in place;
- fixed phrases of data/ocr_phrases.yaml (`Căn cú` → `Căn cứ`, `CHỦ TICH`
  → `CHỦ TỊCH`, `Ủy ban nhân đân` → `Ủy ban nhân dân`): the same letters with
  other marks, kept in the case they were read in;
- bold Roman numerals read as letters at the start of a heading: `H.` →
  `II.` (after a heading `I.`), `HI.` → `III.` (after a heading `II.`).

Forms it avoids: it never adds or removes letters or digits (except the `/`
of a ký hiệu and the numeral of a heading whose order proves it), never
guesses a misread digit or a word outside the phrase list, and leaves
accepted spelling variants (`Uỷ`/`Ủy`, `hoà`/`hòa`) as they are.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from .textfold import VN_UPPER

_BODY = rf"[{VN_UPPER}][{VN_UPPER}a-z0-9]*(?:-[{VN_UPPER}][{VN_UPPER}a-z0-9]*)*"
_DATE = re.compile(r"(?<![a-z])ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam(?=\s+\d{4}(?!\d))")
_DATE_WORDS = {"ngay": "ngày", "thang": "tháng", "nam": "năm"}


def repair_ocr_text(text: str) -> tuple[str, list[str]]:
    """The repaired text and one warning per repair (see the module docstring)."""
    warnings: list[str] = []
    for step in (_repair_refs, _repair_type_lines, _repair_dates, _repair_phrases, _repair_numerals):
        text = step(text, warnings)
    return text, warnings


def _note(warnings: list[str], found: str, repaired: str) -> str:
    if found != repaired:
        warnings.append(f"OCR text repaired: '{found}' read as '{repaired}'")
    return repaired


# -- số, ký hiệu -----------------------------------------------------------------

@cache
def _ref_patterns() -> tuple[re.Pattern, re.Pattern]:
    from .doctypes import entries

    abbrs = sorted({a for entry in entries() for a in entry["abbr"]}, key=len, reverse=True)
    types = "|".join(re.escape(a) for a in abbrs)
    glued = re.compile(rf"(?<![\w/])(\d{{1,5}}(?:/\d{{4}})?)({types})-({_BODY})(?![\w])")
    marked = re.compile(rf"(?<![\w])(\d{{1,5}}(?:/\d{{4}})?/(?:{types})-)({_BODY})(?![\w])")
    return glued, marked


def _repair_refs(text: str, warnings: list[str]) -> str:
    glued, marked = _ref_patterns()
    text = glued.sub(lambda m: _note(warnings, m.group(0), f"{m.group(1)}/{m.group(2)}-{m.group(3)}"), text)
    return marked.sub(lambda m: _note(warnings, m.group(0), m.group(1) + _bare_body(m.group(2))), text)


def _bare_body(body: str) -> str:
    """Marks dropped from every letter but Đ."""
    return "".join(char if char in "Đđ" else unicodedata.normalize("NFD", char)[0] for char in body)


# -- type line -------------------------------------------------------------------------

@cache
def _type_lines() -> dict[str, str]:
    """Bare (unmarked) upper-case type name → the type name in capitals, for
    the types no other type shares bare letters with."""
    from .doctypes import header_types

    by_bare: dict[str, set[str]] = {}
    for name in header_types():
        by_bare.setdefault(bare(name), set()).add(name.upper())
    return {key: next(iter(names)) for key, names in by_bare.items() if len(names) == 1}


def _repair_type_lines(text: str, warnings: list[str]) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        words = line.strip()
        if words and words.isupper() and len(words) <= 20:
            name = _type_lines().get(bare(" ".join(words.split())))
            if name and not _same_spelling(words.split(), name.split()):
                lines[index] = line.replace(words, _note(warnings, words, name))
    return "\n".join(lines)


# -- date lines ------------------------------------------------------------------------

def _repair_dates(text: str, warnings: list[str]) -> str:
    return _on_bare(text, [(_DATE, _DATE_WORDS.get)], warnings, anchored=False)


# -- fixed phrases -------------------------------------------------------------------

@cache
def _phrases() -> list[tuple[re.Pattern, dict[str, str]]]:
    """Per phrase: its pattern over bare text, and bare word → printed word."""
    import yaml

    raw = resources.files("pipeline.data").joinpath("ocr_phrases.yaml").read_text(encoding="utf-8")
    rows = sorted(yaml.safe_load(raw), key=lambda row: len(row["phrase"]), reverse=True)
    return [(_phrase_pattern(row["phrase"], row["line_start"]), {bare(w): w for w in row["phrase"].split()})
            for row in rows]


def _phrase_pattern(phrase: str, line_start: bool) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in bare(phrase).split())
    start = r"(?:^|(?<=\n))" if line_start else r"(?<!\w)"
    return re.compile(start + words + r"(?!\w)")


def _repair_phrases(text: str, warnings: list[str]) -> str:
    return _on_bare(text, [(pattern, words.get) for pattern, words in _phrases()], warnings)


def _on_bare(text: str, rules: list, warnings: list[str], anchored: bool = True) -> str:
    """For each (pattern, word → printed word) rule: find the pattern in the
    bare text, and give each word of a match its printed marks, in the case it
    was read in, where its marks differ (not just their placement). Anchored:
    a phrase is repaired only if one of its words was read right (`cần cù`,
    two other words, is left alone)."""
    for pattern, printed in rules:
        folded, pieces, last = bare(text), [], 0
        for match in pattern.finditer(folded):
            found = text[match.start():match.end()]
            repaired = _remarked(found, printed)
            if anchored and not _any_word_kept(found, repaired):
                repaired = found
            pieces += [text[last:match.start()], _note(warnings, found, repaired)]
            last = match.end()
        text = "".join(pieces) + text[last:]
    return text


def _any_word_kept(found: str, repaired: str) -> bool:
    return any(a == b for a, b in zip(found.split(), repaired.split()))


def _remarked(segment: str, printed) -> str:
    tokens = re.split(r"(\s+)", segment)
    for index, token in enumerate(tokens):
        target = printed(bare(token)) if token.strip() else None
        if target and not _same_spelling([token], [target]):
            tokens[index] = _cased(target, token)
    return "".join(tokens)


# -- Roman numerals -----------------------------------------------------------------

_NUMERAL_MISREADS = {"H.": ("I.", "II."), "HI.": ("II.", "III."), "IH.": ("II.", "III.")}
_HEADING = re.compile(rf"^([ \t]*)(H\.|HI\.|IH\.)(?=[ \t]+[{VN_UPPER}]{{2,}})", re.MULTILINE)


def _repair_numerals(text: str, warnings: list[str]) -> str:
    def fix(match: re.Match) -> str:
        before, misread = text[:match.start()], match.group(2)
        previous, numeral = _NUMERAL_MISREADS[misread]
        proven = re.search(rf"(?m)^[ \t]*{re.escape(previous)}[ \t]", before) and not re.search(
            rf"(?m)^[ \t]*{re.escape(numeral)}[ \t]", text)
        return match.group(1) + (_note(warnings, misread, numeral) if proven else misread)
    return _HEADING.sub(fix, text)


# -- helpers -------------------------------------------------------------------------

def bare(text: str) -> str:
    """Lower case, every mark dropped, đ → d, one character for one (offsets kept)."""
    out = []
    for char in text:
        low = char.lower()
        base = "d" if low == "đ" else unicodedata.normalize("NFD", low)[:1]
        out.append(base if len(low) == 1 and base else char)
    return "".join(out)


def _same_spelling(found: list[str], targets: list[str]) -> bool:
    """Same letters and marks, whatever the case and the tone's placement (`Uỷ` = `Ủy`)."""
    def marks(word: str) -> list[str]:
        return sorted(unicodedata.normalize("NFD", word.lower()))
    return all(marks(a) == marks(b) for a, b in zip(found, targets))


def _cased(target: str, found: str) -> str:
    """The target word in the case the found word was read in."""
    if found.isupper() and len(found) > 1:
        return target.upper()
    if found[:1].isupper():
        return target[:1].upper() + target[1:]
    return target.lower() if target[:1].isupper() and not found[:1].isupper() else target
