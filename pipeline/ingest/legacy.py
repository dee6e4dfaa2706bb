"""Legacy Vietnamese encodings (TCVN3, VNI): detection and conversion to Unicode.

Forms it reads:
- TCVN3 (ABC, the .VnTime/.VnArial fonts): one byte per letter, `Uû ban nh©n
  d©n tØnh Qu¶ng Ng·i`; also the PDF form where the .VnTime ư comes out as U+2212
  (`n−íc`);
- VNI (VNI-Windows, the VNI-Times fonts): a base letter then mark bytes,
  `UÛy ban nhaân daân tænh Quaûng Ngaõi`.
Either arrives as bytes that are not UTF-8 (a .txt saved by an old editor) or as
text already mis-decoded into Latin-1 characters (a UTF-8 file saved from a
.VnTime Word document): both are handled on the Latin-1 surface form, where the
character number equals the legacy byte.

Detection: each table is tried on the text's non-ASCII words; the one that
turns more of them into well-formed Vietnamese syllables (initial, vowel
nucleus, final) wins, if it does so for most of them and the text is not
already Unicode Vietnamese. A wrong table leaves impossible syllables (VNI
`nhaân` read as TCVN3 is `nhaõn`), and French `crème` makes none.

Forms it avoids: VISCII, VPS and TCVN3's VN1 capitals in the control range are
not detected (no real document of the corpus uses them); text that already holds
Unicode Vietnamese letters is never converted, so a Unicode file that quotes a
`©` or `«` stays as it is.

The mapping tables are data (pipeline/data/legacy_tcvn3.json, legacy_vni.json),
one entry per legacy byte sequence. The installed `viparse` package has the same
tables but its VNI table lacks ẳ/Ẳ (`khaúng ñònh` = khẳng định, common in plans),
so the pipeline keeps its own.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data"

TCVN3 = "tcvn3"
VNI = "vni"
ENCODING_LABELS = {TCVN3: "TCVN3 (.VnTime, ABC)", VNI: "VNI (VNI-Times)"}

# Letters only Unicode Vietnamese has (never on a Latin-1 surface).
_UNICODE_VIET = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
# .VnTime in a PDF text layer: ư (byte AD, soft hyphen) surfaces as a minus sign,
# ã (B7) as a bullet operator; only between letters are they letters.
_PDF_GLYPHS = re.compile(r"(?<=[^\W\d_])[\u2212\u2219]|[\u2212\u2219](?=[^\W\d_])")
_PDF_GLYPH_BYTES = {"\u2212": "\u00ad", "\u2219": "\u00b7"}
_WORD = re.compile(r"[^\W\d_]+")
_TOKEN_EDGES = "\"'.,;:!?()[]{}<>/\\-–—…“”‘’*_|+=%"
# A Vietnamese syllable once its tones are dropped: initial, vowel nucleus, final.
# Nuclei that end in a glide (ai, ao, ươu…) or are ia/ua/ưa take no final;
# the others may. This is what tells a real decoding from a wrong table's: VNI
# `nhaân` read as TCVN3 gives `nhaõn`, whose `ao` + n no syllable has.
_INITIAL = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
_OPEN_NUCLEI = ("ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|iêu|yêu|oai|oay|oao|oeo|uây|uôi|"
                "uya|uyu|ươi|ươu")
_CLOSED_NUCLEI = "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|iê|yê|oa|oă|oe|uâ|uê|uô|uơ|uy|ươ|uyê"
_SYLLABLE = re.compile(rf"{_INITIAL}(?:(?:{_OPEN_NUCLEI})|(?:{_CLOSED_NUCLEI})(?:ch|ng|nh|[cmnpt])?)")
_TONE_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")

MIN_EVIDENCE = 2  # words that must turn into Vietnamese syllables before converting
MIN_PLAUSIBLE = 0.6  # share of the non-ASCII words that must do so
SAMPLE_WORDS = 4000  # non-ASCII words looked at; enough for any verdict


@dataclass(frozen=True)
class LegacyScores:
    tcvn3: int  # non-ASCII words that TCVN3 turns into Vietnamese syllables
    vni: int  # the same for VNI
    candidates: int  # non-ASCII words looked at
    unicode_words: int  # words already holding Unicode Vietnamese letters


def scores(text: str) -> LegacyScores:
    """How many of the text's non-ASCII words each legacy table turns into real
    Vietnamese syllables, and how many words are Unicode Vietnamese already."""
    words = [word.strip(_TOKEN_EDGES) for word in unicodedata.normalize("NFC", text).split()]
    words = [word for word in words if word and not word.isascii()][:SAMPLE_WORDS]
    unicode_words = sum(1 for word in words if _UNICODE_VIET.search(word))
    legacy_words = [word for word in words if not _UNICODE_VIET.search(word)]
    return LegacyScores(
        tcvn3=sum(1 for word in legacy_words if _becomes_syllable(word, TCVN3)),
        vni=sum(1 for word in legacy_words if _becomes_syllable(word, VNI)),
        candidates=len(words),
        unicode_words=unicode_words,
    )


def detect(text: str) -> str | None:
    """`tcvn3`, `vni`, or None when the text is not (clearly) legacy-encoded.

    The table that turns more words into Vietnamese syllables wins when it does
    so for at least MIN_EVIDENCE words and MIN_PLAUSIBLE of the non-ASCII words,
    and those words outnumber twice the words already in Unicode Vietnamese
    (Unicode text with `cá`, `mà` would otherwise pass for TCVN3; French
    `crème` does not make a syllable)."""
    found = scores(text)
    encoding, evidence = max(((TCVN3, found.tcvn3), (VNI, found.vni)), key=lambda pair: pair[1])
    if evidence < MIN_EVIDENCE or evidence < MIN_PLAUSIBLE * found.candidates:
        return None
    if evidence <= 2 * found.unicode_words:
        return None
    return encoding


def _becomes_syllable(word: str, encoding: str) -> bool:
    converted = _convert_line(word, encoding)
    if converted == word or not _UNICODE_VIET.search(converted) and converted.isascii():
        return False
    bare = _TONE_MARKS.sub("", unicodedata.normalize("NFD", converted.casefold()))
    parts = unicodedata.normalize("NFC", bare).split("-")
    return all(_SYLLABLE.fullmatch(part) for part in parts)


def decode_surface(data: bytes) -> str:
    """Bytes of a legacy file → the Latin-1 surface the tables are keyed on.

    Windows-1252 first, so a Word file's curly quotes (93/94) come out as quotes;
    the five bytes cp1252 leaves undefined fall back to Latin-1."""
    text = data.decode("cp1252", errors="surrogateescape")
    return re.sub("[\udc80-\udcff]", lambda m: chr(ord(m.group()) - 0xDC00), text)


def to_unicode(text: str, encoding: str) -> str:
    """Convert legacy surface text to NFC Unicode (longest legacy sequence first).

    A line that already holds Unicode Vietnamese letters is kept as it is: in a
    document pasted together from old and new files, only the old lines convert."""
    lines = [line if _UNICODE_VIET.search(line) else _convert_line(line, encoding) for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines))


def _convert_line(line: str, encoding: str) -> str:
    table = _table(encoding)
    if encoding == TCVN3:
        line = _PDF_GLYPHS.sub(lambda m: _PDF_GLYPH_BYTES[m.group()], line)
    converted = _pattern(encoding).sub(lambda m: table[m.group()], line)
    return _restore_capitals(converted) if encoding == TCVN3 else converted


def warning_for(encoding: str) -> str:
    """The plain-words warning a reader adds after converting."""
    label = ENCODING_LABELS[encoding]
    if encoding == TCVN3:
        return (f"the text was in the legacy {label} encoding and was converted to Unicode; "
                "TCVN3 has no capital accented letters, so check capital letters in headings")
    return f"the text was in the legacy {label} encoding and was converted to Unicode; check the accents"


# -- tables ---------------------------------------------------------------

@cache
def _table(encoding: str) -> dict[str, str]:
    """Legacy surface sequence → Unicode letter, from pipeline/data/legacy_<encoding>.json."""
    with open(_DATA / f"legacy_{encoding}.json", encoding="utf-8") as handle:
        entries = json.load(handle)["entries"]
    return {bytes.fromhex(entry["bytes"]).decode("latin-1"): entry["letter"] for entry in entries}


@cache
def _pattern(encoding: str) -> re.Pattern[str]:
    keys = sorted(_table(encoding), key=len, reverse=True)
    return re.compile("|".join(re.escape(key) for key in keys))


# -- TCVN3 capitals ---------------------------------------------------------

def _restore_capitals(line: str) -> str:
    """Upper-case a TCVN3 heading typed in capitals: `KẾ HOạCH` → `KẾ HOẠCH`.

    TCVN3 stores accented capitals with lowercase codes, so `CéNG HßA` converts
    to `CộNG HòA`. A word with a capital after its first letter is a capitals
    word; a line with such a word and no lowercase ASCII letter is a capitals
    line, whose accented letters are all raised. `Sè: 32/KH-UBND` (Số) has no
    capitals word with an accented letter and stays as it is."""
    words = _WORD.findall(line)
    caps_words = [w for w in words if _has_converted_lower(w) and any(c.isupper() for c in w[1:])]
    if not caps_words or any(c.isascii() and c.islower() for w in words for c in w):
        return line
    return line.upper()


def _has_converted_lower(word: str) -> bool:
    return any(not c.isascii() and c.islower() for c in word)
