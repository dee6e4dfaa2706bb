"""Folding Vietnamese text for matching, never for display.

Two folds, each a pure function of its input:
- `fold`: casefold and drop the five tone marks, keeping the vowel marks
  (â ê ô ơ ư ă) and đ, as ../shared/eval/score.py does. Old and new tone
  placement (`hoà`/`hòa`, `Uỷ`/`Ủy`) fold alike; so do `sở` and `số`, so use
  it to compare names, not to tell words apart.
- `fold_ascii`: every mark dropped and `đ` to `d`: what a user types without
  diacritics, for search.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[-‐‑–—]\s*")


def fold(text: str) -> str:
    """Casefold, drop tone marks, unify dashes and spaces."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    toneless = "".join(c for c in decomposed if c not in TONE_MARKS)
    text = unicodedata.normalize("NFC", toneless)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def fold_ascii(text: str) -> str:
    """Lowercase ASCII: every diacritic dropped, đ → d."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare).strip()


def sentence_case(text: str) -> str:
    """`ỦY BAN NHÂN DÂN` → `Ủy ban nhân dân`: the first letter kept upper."""
    text = _SPACES.sub(" ", text).strip()
    return text[:1].upper() + text[1:].lower() if text else text


# Character classes for regexes: Python's `re` has no \p{Lu}.
VN_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
VN_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"


def is_upper_text(text: str) -> bool:
    """True when the text has letters and all of them are upper case."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# -- one character for one: offsets found in the folded text point into the original --

@lru_cache(maxsize=4096)
def fold_ascii_char(char: str) -> str:
    """`Ế` → `e`, `Đ` → `d`; a lone combining mark (NFD text, which the canonical
    text never is) becomes a space."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    if unicodedata.combining(base):
        return " "
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _AsciiTable(dict):
    """str.translate's table, filled on first sight of each character."""
    def __missing__(self, code: int) -> str:
        self[code] = fold_ascii_char(chr(code))
        return self[code]


_ASCII_TABLE = _AsciiTable()


def fold_chars(text: str) -> str:
    """`fold_ascii` without collapsing spaces: len(fold_chars(t)) == len(t)."""
    return text.translate(_ASCII_TABLE)


@lru_cache(maxsize=4096)
def _toneless_char(char: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", char.lower()) if c not in TONE_MARKS)
    bare = unicodedata.normalize("NFC", bare)
    return bare if len(bare) == 1 else char


def fold_tones_chars(text: str) -> str:
    """`fold` without touching spaces or dashes: lower case, tone marks dropped
    (vowel marks and đ kept), len(fold_tones_chars(t)) == len(t)."""
    return "".join(_toneless_char(char) for char in text)
