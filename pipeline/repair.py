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
  năm 2020`) when the digits are in place, a day or month figure with a bar
  read as a letter (`tháng I1 năm 2024` → `tháng 11 năm 2024`), and a space between a date's
  words and its figures where OCR lost it (`ngày4tháng 01 năm 2025`: a
  handwritten day glued to the printed words);
- the word before a year: `NAM 2025`, `nam 2023` → `NĂM 2025`, `năm 2023`
  (not after Việt, Hà, Quảng, miền…: the Nam of a place);
- fixed phrases of data/ocr_phrases.yaml (`Căn cú` → `Căn cứ`, `CHỦ TICH`
  → `CHỦ TỊCH`, `Ủy ban nhân đân` → `Ủy ban nhân dân`): the same letters with
  other marks, kept in the case they were read in;
- bold Roman numerals misread at the start of a heading, proven by the
  headings' order: `H.` → `II.` (after a heading `I.`), `HI.`/`IH.`/`II.` →
  `III.` (after a heading `II.`), `1.` → `I.` (before a heading `II.`).
- the legislature after QH/UBTVQH in a ký hiệu (`NQ-UBTVQHI5` →
  `NQ-UBTVQH15`, `2025/UBTVQHI15` → `2025/UBTVQH15`): a number 1–20;
- a quarter's Roman numeral (`Quý II1/2020` → `Quý III/2020`, `Quý 11/2023`
  → `Quý II/2023`; `Quý II - II` → `Quý II - III`); `Quý 1/2023` is left;
- the Chủ tịch item of a Nơi nhận (`- T, các PCT UBND tỉnh;`, `- CT; các
  PCT` → `- CT, các PCT`) and the `V/v` of a Công văn's trích yếu (`V/ ban
  hành` → `V/v ban hành`);
- marks between the words of a fixed phrase of three words or more
  (`Lao: động Thương binh và Xã hội` → `Lao động - Thương binh và Xã hội`,
  `Ủy ban nhân-dân` → `Ủy ban nhân dân`);
- a speck read as a full stop between two words in small letters (`đến.
  hết Quý III` → `đến hết Quý III`);
- a speck read as a stop ending a header line in capitals where the body's
  name goes on below (`TỈNH TÂY.⏎NINH` → `TỈNH TÂY⏎NINH`);
- a speck read as a stop after a unit's kind word or inside its two-word name,
  where the name without it is on the administrative map (`huyện Châu. Thành`,
  `huyện. An Lão`);
- the N of `Nơi nhận:` lost at the start of its line (`(ơi nhận:` → `Nơi nhận:`);
- the capital of the type a `Căn cứ` line cites (`Căn cứ luật Đất đai` →
  `Căn cứ Luật Đất đai`, `Căn cứ nghị định số` → `Căn cứ Nghị định số`).

Forms it avoids: it never adds or removes letters or digits (except the `/`
of a ký hiệu, the numeral of a heading whose order proves it, the bar of a
quarter's range, the C of `CT, các PCT`, the v of `V/v` and the N of `Nơi nhận:`), never
guesses a misread digit or a word outside the phrase list, and leaves
accepted spelling variants (`Uỷ`/`Ủy`, `hoà`/`hòa`) as they are.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from .textfold import VN_UPPER, fold_chars, is_upper_text

_BODY = rf"[{VN_UPPER}][{VN_UPPER}a-z0-9]*(?:-[{VN_UPPER}][{VN_UPPER}a-z0-9]*)*"
_DATE = re.compile(r"(?<![a-z])ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam(?=\s+\d{4}(?!\d))")
_DATE_WORDS = {"ngay": "ngày", "thang": "tháng", "nam": "năm"}


def repair_ocr_text(text: str) -> tuple[str, list[str]]:
    """The repaired text and one warning per repair (see the module docstring)."""
    warnings: list[str] = []
    for step in (_repair_refs, _repair_legislatures, _repair_type_lines, _repair_dates, _repair_years,
                 _repair_phrase_marks, _repair_phrases, _repair_numerals, _repair_quarters, _repair_chair_line,
                 _repair_subject_mark, _repair_stray_stops, _repair_wrapped_name_stops, _repair_place_stops,
                 _repair_cited_types, _repair_recipients_head):
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


# -- legislature of a body code ------------------------------------------------------

# QH (Quốc hội) and UBTVQH (its Standing Committee) in a ký hiệu carry the
# legislature's number (QH15, UBTVQH14): 1–20, written in digits only
_LEGISLATURE = re.compile(r"(?<=[/-])((?:UBTV)?QH)([0-9Il|]{1,3})(?![\w])")
_BAR_DIGIT = str.maketrans({"I": "1", "l": "1", "|": "1"})


def _repair_legislatures(text: str, warnings: list[str]) -> str:
    """`NQ-UBTVQHI5` → `NQ-UBTVQH15` (I read for 1 after the letters),
    `2025/UBTVQHI15` → `2025/UBTVQH15` (a bar read twice: QH115 is no
    legislature); left when neither reading is a legislature number."""
    def fixed(match: re.Match) -> str:
        code, number = match.groups()
        if number.isdigit() or not any(char.isdigit() for char in number):
            return match.group(0)  # right, or bars only: nothing read as a digit proves a number
        readings = [number.translate(_BAR_DIGIT)] + ([number[1:].translate(_BAR_DIGIT)] if len(number) == 3 else [])
        for reading in readings:
            if reading.isdigit() and 1 <= int(reading) <= 20 and not reading.startswith("0"):
                return _note(warnings, match.group(0), code + reading)
        return match.group(0)
    return _LEGISLATURE.sub(fixed, text)


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

_GLUED_DATE = re.compile(r"(?<!\w)ngày[ \t]*\d{1,2}[ \t]*tháng[ \t]*\d{1,2}[ \t]*năm[ \t]*\d{4}(?!\d)")
_WORD_DIGIT = re.compile(r"(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])")


def _repair_dates(text: str, warnings: list[str]) -> str:
    text = _on_bare(text, [(_DATE, _DATE_WORDS.get)], warnings, anchored=False)
    text = _GLUED_DATE.sub(lambda m: _note(warnings, m.group(0), _WORD_DIGIT.sub(" ", m.group(0))), text)
    return _DATE_BARS.sub(lambda m: _date_figure(m, warnings), text)


# a day or month figure with a bar read as a letter (`tháng I1 năm 2024`)
_DATE_BARS = re.compile(r"(?<=ngày[ \t])([0-9Il|]{1,2})(?=[ \t]+tháng\b)|(?<=tháng[ \t])([0-9Il|]{1,2})(?=[ \t]+năm\b)")


def _date_figure(match: re.Match, warnings: list[str]) -> str:
    """`I1` → `11` between `tháng` and `năm` (or `ngày` and `tháng`): only figures stand
    there, and OCR reads a figure 1 as I, l or |; kept if the figure could not be a month (day)."""
    found = match.group(0)
    figure = found.translate(_BAR_DIGIT)
    limit = 31 if match.group(1) else 12
    if figure == found or not figure.isdigit() or not 1 <= int(figure) <= limit:
        return found
    return _note(warnings, found, figure)


# -- "năm" before a year --------------------------------------------------------------

_YEAR_WORD = re.compile(r"(?<!\w)(\w+[ \t]+)?(nam)(?=[ \t]+(?:19|20)\d\d(?!\d))")
# words before which "Nam" is a name, not "năm": Việt Nam, Hà Nam, Quảng Nam, miền/phía Nam…
_NAME_BEFORE_NAM = {"viet", "ha", "quang", "mien", "phia", "dong", "tay", "bac", "hai"}


def _repair_years(text: str, warnings: list[str]) -> str:
    """`NAM 2025`, `nam 2023`, `NÁM 2024` → `NĂM 2025`…: the word before a year
    (`năm 2023` in titles and periods), in the case it was read in; `Nam`
    written with a capital alone is a person's name and is left, as is the Nam
    of a place (`Việt Nam 2025`, `Quảng Nam 2024`)."""
    folded, pieces, last = bare(text), [], 0
    for match in _YEAR_WORD.finditer(folded):
        found = text[match.start(2):match.end(2)]
        before = (match.group(1) or "").strip()
        if before in _NAME_BEFORE_NAM or (found[0].isupper() and not found.isupper()):
            continue
        pieces += [text[last:match.start(2)], _note(warnings, found, _cased("năm", found))]
        last = match.end(2)
    return "".join(pieces) + text[last:]


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


# marks OCR puts between the words of a phrase: a speck read as `:` or `.`,
# a space read as `-`, a printed dash lost
_STRAY = r"[ \t]*[-–:;.,]?[ \t]*"
_SEPARATOR = r"(?:\s+|[ \t]*[-–:;.,][ \t]*)"


@cache
def _phrase_marks() -> list[tuple[re.Pattern, list[str]]]:
    """Per phrase of three words or more: a pattern over bare text with a
    group for each separator, and the phrase's own separators."""
    import yaml

    raw = resources.files("pipeline.data").joinpath("ocr_phrases.yaml").read_text(encoding="utf-8")
    rules = []
    for row in yaml.safe_load(raw):
        words = re.findall(r"[^\W_]+", row["phrase"])
        if len(words) >= 3:
            separators = re.findall(r"[^\w]+", row["phrase"].strip())
            gaps = "".join(f"({_SEPARATOR}{_STRAY})" + re.escape(bare(w)) for w in words[1:])
            rules.append((re.compile(r"(?<!\w)" + re.escape(bare(words[0])) + gaps + r"(?!\w)"), separators))
    return rules


def _repair_phrase_marks(text: str, warnings: list[str]) -> str:
    """`Sở Lao: động Thương binh và Xã hội` → `Sở Lao động - Thương binh và
    Xã hội`, `Ủy ban nhân-dân` → `Ủy ban nhân dân`: a fixed phrase of three
    words or more of data/ocr_phrases.yaml, read letter for letter, with
    marks between its words that the phrase does not print (or without the
    dash it prints) gets the phrase's own separators; a line break is kept."""
    for pattern, separators in _phrase_marks():
        folded, pieces, last = bare(text), [], 0
        for match in pattern.finditer(folded):
            found = [text[match.start(g):match.end(g)] for g in range(1, len(separators) + 1)]
            if all(_same_gap(gap, printed) for gap, printed in zip(found, separators)):
                continue
            repaired = _rejoined(text, match, separators)
            pieces += [text[last:match.start()], _note(warnings, text[match.start():match.end()], repaired)]
            last = match.end()
        text = "".join(pieces) + text[last:]
    return text


def _same_gap(found: str, printed: str) -> bool:
    """The same marks between two words, whatever the spaces and dash length."""
    def marks(gap: str) -> str:
        return re.sub(r"\s+", "", gap).replace("–", "-")
    return marks(found) == marks(printed)


def _rejoined(text: str, match: re.Match, separators: list[str]) -> str:
    out, position = [], match.start()
    for group, printed in enumerate(separators, start=1):
        gap = text[match.start(group):match.end(group)]
        out += [text[position:match.start(group)], printed.replace(" ", "\n", 1) if "\n" in gap else printed]
        position = match.end(group)
    return "".join(out) + text[position:match.end()]


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

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}
_NUMERALS = {value: numeral for numeral, value in _ROMAN.items()}
_STROKES = {"I": 1, "l": 1, "1": 1, "|": 1, "H": 2}  # how OCR reads the bars of a bold I
_HEADING = re.compile(rf"^([ \t]*)([IVXHl1|]{{1,5}})\.(?=[ \t]+[{VN_UPPER}]{{2,}})(.*)$", re.MULTILINE)


def _repair_numerals(text: str, warnings: list[str]) -> str:
    """Top-level headings count I., II., III., … one by one (Nghị định 30/2020);
    a bold numeral's bars are read as `H`, `1`, `l` or lost (`II.` → `I.`).
    Walking the headings in order, a heading whose numeral is I-bars only
    (`H.`, `IH.`, `1H.`, `II.` for III.) and is not the next numeral takes the
    next numeral when that is II. or III. and the bars read are within one of
    it; `1.`/`l.` becomes `I.` only on an upper-case line followed by a II.
    heading. A real `I.` after others is a new part (Phụ lục) and restarts the count."""
    headings = list(_HEADING.finditer(text))
    readings = [_bars(match.group(2)) for match in headings]
    pieces, last, previous = [], 0, 0
    for index, match in enumerate(headings):
        token, value = match.group(2), _ROMAN.get(match.group(2))
        expected = previous + 1
        numeral = _numeral_for(token, readings[index], expected, match.group(3), readings[index + 1:index + 2])
        if numeral:
            pieces += [text[last:match.start(2)], _note(warnings, token, numeral)]
            last, previous = match.end(2), _ROMAN[numeral]
        elif value:
            previous = value
    return "".join(pieces) + text[last:]


def _numeral_for(token: str, bars: int | None, expected: int, rest: str, following: list) -> str | None:
    """The numeral a misread heading token stands for, or None when it is
    right or not certain."""
    if _ROMAN.get(token) == expected or bars is None or expected > 3:
        return None
    if expected == 1:
        upper = rest.strip() == rest.strip().upper()
        return "I" if token in ("1", "l", "|") and upper and following == [2] else None
    if token == "I":
        return None  # a new part starts again at I.
    return _NUMERALS[expected] if abs(bars - expected) <= 1 else None


def _bars(token: str) -> int | None:
    """The number of I bars a token of bars and H's stands for (None for other numerals)."""
    if any(char not in _STROKES for char in token):
        return None
    return sum(_STROKES[char] for char in token)


# -- quarters ----------------------------------------------------------------------------

# `Quý` followed by a token of I-bars read as I, 1, l or |: Quý I–IV (or 1–4 in digits)
_QUARTER = re.compile(r"(?<!\w)([Qq][Uu][YyÝý][ \t]+)([IVl1|]{1,3})(?=[\W]|$)(?:([ \t]*[-–][ \t]*)([IVl1|]{1,3})(?=\W|$))?")
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _repair_quarters(text: str, warnings: list[str]) -> str:
    """A quarter is I–IV (or 1–4 in digits): `Quý II1/2020` → `Quý III/2020`,
    `Quý 11/2023` → `Quý II/2023` (the bars of a Roman numeral read as 1 or l;
    a quarter 11 does not exist); `Quý 1/2023` is a quarter in digits and is
    left. In a range `Quý II - II` the second numeral lost a bar (a range
    ends after it starts) and becomes III."""
    def fixed(match: re.Match) -> str:
        lead, first, dash, second = match.groups()
        start = _quarter_numeral(first)
        if start is None:
            return match.group(0)
        repaired = lead + _note(warnings, first, start)
        if dash is None:
            return repaired
        end = _quarter_numeral(second) if second else None
        if end == start and set(end) == {"I"} and len(end) < 3:
            end = _note(warnings, second, end + "I")
        return repaired + dash + (end or second)
    return _QUARTER.sub(fixed, text)


def _quarter_numeral(token: str) -> str | None:
    """The quarter a token stands for, in the form it was printed (Roman, or
    digits when read as digits 1–4); None when it is no quarter."""
    if token.isdigit():
        return token if 1 <= int(token) <= 4 else _roman_quarter(token)
    return _roman_quarter(token)


def _roman_quarter(token: str) -> str | None:
    roman = token.replace("1", "I").replace("l", "I").replace("|", "I")
    return roman if roman in _QUARTERS else None


# -- the Chủ tịch line of a Nơi nhận -------------------------------------------------------

# `- CT, các PCT UBND tỉnh;` (Chủ tịch, các Phó Chủ tịch): the C read as Œ
# (then blacklisted) or lost, the comma read as `;`
_CHAIR_LINE = re.compile(r"(?m)^([ \t]*[-–][ \t]*)(C?T)([,;])([ \t]+các[ \t]+PCT)(?!\w)")


def _repair_chair_line(text: str, warnings: list[str]) -> str:
    """`- T, các PCT UBND tỉnh;` → `- CT, các PCT UBND tỉnh;`: a recipient
    item that names the Phó Chủ tịch (các PCT) after one letter T or after CT
    and a `;` is the fixed item `CT, các PCT` (an item ends at `;`, and `các
    PCT` alone would start with a small letter)."""
    return _CHAIR_LINE.sub(lambda m: m.group(1) + _note(warnings, m.group(2) + m.group(3), "CT,") + m.group(4), text)


# -- V/v of a Công văn -------------------------------------------------------------------

# `V/v` (về việc) opens a Công văn's trích yếu; OCR loses the small v after the slash
_SUBJECT_MARK = re.compile(r"(?<![\w/])V/(?=[ \t]+[^\W\d_])")


def _repair_subject_mark(text: str, warnings: list[str]) -> str:
    """`V/ ban hành Thông tư…` → `V/v ban hành Thông tư…`, only before a
    word in small letters (the trích yếu goes on in lower case; `V/` before
    anything else is left)."""
    def fixed(match: re.Match) -> str:
        word = text[match.end():].split(None, 1)[0]
        return _note(warnings, "V/", "V/v") if word[:1].islower() else match.group(0)
    return _SUBJECT_MARK.sub(fixed, text)


# -- a speck read as a full stop ------------------------------------------------------------

# a full stop after a word in small letters, with the next word on its line in small letters
_STRAY_STOP = re.compile(r"(?<![\w.])([^\W\d_]{2,})\.(?=[ \t]+[^\W\d_])")


def _repair_stray_stops(text: str, warnings: list[str]) -> str:
    """`từ Quý II năm 2024 đến. hết Quý III` → `đến hết`: a sentence never
    goes on in small letters after a full stop, and an abbreviation with a
    stop is written in capitals or one letter (`TP.`, `v.v.`, `tr.`), so a
    stop between two words in small letters is a speck (the dev text versions
    hold none; their scans 47). A stop before a capital is left: it may end a
    sentence."""
    def fixed(match: re.Match) -> str:
        word = match.group(1)
        following = text[match.end():].split(None, 1)[0]
        if not (word.islower() and following[:1].islower()) and not _inside_capitals(text, match, following):
            return match.group(0)
        return _note(warnings, match.group(0), word)
    return _STRAY_STOP.sub(fixed, text)


_MARKS_WITH_STOP = {"TM", "KT", "TL", "TUQ", "TP", "TX", "TT"}


def _keeps_its_stop(word: str) -> bool:
    """Authority marks and abbreviations (`TM.`, `TP.`) and Roman numerals are printed with a stop."""
    return word in _MARKS_WITH_STOP or bool(re.fullmatch(r"[IVXL]+", word))


def _inside_capitals(text: str, match: re.Match, following: str) -> bool:
    """`ỦY BAN NHÂN DÂN TỈNH TÂY. NINH`: inside a line in capitals (a header line), a stop
    between two words of three or more capitals is a speck; authority marks and
    abbreviations (`TM.`, `TP.`) and Roman numerals keep theirs."""
    word = match.group(1)
    if len(word) < 3 or _keeps_its_stop(word):
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start:line_end if line_end != -1 else len(text)]
    return word.isupper() and following.isupper() and len(following) >= 2 and is_upper_text(line)


# a stop ending a header line in capitals, the name going on in capitals on the next line
_WRAP_STOP = re.compile(r"(?<![\w.])([^\W\d_]{3,})\.(?=[ \t]*\n[ \t]*([^\n]+))")
HEADER_LINES = 12  # the header's lines: where a body's name is wrapped in capitals


def _repair_wrapped_name_stops(text: str, warnings: list[str]) -> str:
    """`ỦY BAN NHÂN DÂN TỈNH TÂY.⏎NINH` → `TÂY⏎NINH`: in the header, a body's
    name wrapped over two lines in capitals has no stop inside it; the stop is
    a speck. Only where both lines are capitals and the next is a short end of
    a name (a title in capitals may end with a stop, and the next line is then
    a sentence or another block)."""
    header_end = _nth_line_end(text, HEADER_LINES)

    def fixed(match: re.Match) -> str:
        word, following = match.group(1), match.group(2).strip()
        line = text[text.rfind("\n", 0, match.start()) + 1:match.end()]
        if (match.start() > header_end or not word.isupper() or _keeps_its_stop(word)
                or not is_upper_text(line) or not is_upper_text(following) or len(following.split()) > 3):
            return match.group(0)
        return _note(warnings, match.group(0), word)
    return _WRAP_STOP.sub(fixed, text)


# a unit's kind word, then a two-word name with a speck read as a stop after the kind or inside the name
_PLACE_STOP = re.compile(rf"(?<!\w)((?i:tỉnh|huyện|quận|thị xã|thành phố|thị trấn|xã|phường))"
                         rf"([ \t]*\.?[ \t]+)([{VN_UPPER}][^\W\d_]*)([ \t]*\.[ \t]*|[ \t]+)([{VN_UPPER}][^\W\d_]*)(?!\w)")


def _repair_place_stops(text: str, warnings: list[str]) -> str:
    """`huyện Châu. Thành` → `huyện Châu Thành`, `huyện. An Lão` → `huyện An Lão`,
    `Phù .Cát` → `Phù Cát`: a stop after a unit's kind word or inside its name is a
    speck when the name, read without it, is a province or district of the
    administrative map (pipeline/gazetteer.py)."""
    from . import gazetteer

    def fixed(match: re.Match) -> str:
        kind, before, first, between, second = match.groups()
        if "." not in before + between:
            return match.group(0)
        name = f"{first} {second}"
        if not (gazetteer.provinces_of_district(name) or gazetteer.province_named(name)):
            return match.group(0)
        return _note(warnings, match.group(0), f"{kind} {name}")
    return _PLACE_STOP.sub(fixed, text)


def _nth_line_end(text: str, count: int) -> int:
    end = -1
    for _ in range(count):
        end = text.find("\n", end + 1)
        if end == -1:
            return len(text)
    return end


# -- helpers -------------------------------------------------------------------------

def bare(text: str) -> str:
    """Lower case, every mark dropped, đ → d, one character for one (offsets kept)."""
    return fold_chars(text)


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


# -- the type word of a cited document ------------------------------------------------------

# `Căn cứ luật Đất đai` → `Căn cứ Luật Đất đai`: OCR reads a capital L, N, Q, T as its small letter
_CITED_TYPE = re.compile(rf"(?m)^([ \t]*Căn[ \t]+cứ[ \t]+)(luật|nghị[ \t]+định|nghị[ \t]+quyết|quyết[ \t]+định|"
                         rf"thông[ \t]+tư|pháp[ \t]+lệnh|hiến[ \t]+pháp)(?=[ \t]+(?:số\b|[{VN_UPPER}]))")


def _repair_cited_types(text: str, warnings: list[str]) -> str:
    """The type of the document a `Căn cứ` line cites is printed with its
    capital (Nghị định 30/2020, Phụ lục I: `Căn cứ Luật Tổ chức chính quyền
    địa phương`, `Căn cứ Nghị định số …`); a small first letter there, before
    the document's name or its số, is OCR's."""
    def fixed(match: re.Match) -> str:
        word = match.group(2)
        return match.group(1) + _note(warnings, word, word[:1].upper() + word[1:])
    return _CITED_TYPE.sub(fixed, text)


# -- the closing's heading ------------------------------------------------------------------

_LOST_N = re.compile(r"(?m)^([ \t]*)([^\w\s]?[oơ][iíì][ \t]+nh[aậâ]n)(?=[ \t]*:)")


def _repair_recipients_head(text: str, warnings: list[str]) -> str:
    """`(ơi nhận:` → `Nơi nhận:`: a line opening with `ơi nhận:` is the closing's
    heading whose N a seal or the margin took (no word of the language opens so)."""
    return _LOST_N.sub(lambda m: m.group(1) + _note(warnings, m.group(2), "Nơi nhận"), text)

