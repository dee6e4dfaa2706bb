"""Plain-text and Markdown files → RawDocument.

Forms it reads:
- UTF-8 with or without a BOM; UTF-16 and UTF-32 with a BOM; UTF-16 without a
  BOM when every other byte is NUL (Vietnamese text in UTF-16 is mostly ASCII);
- bytes that are not UTF-8: legacy TCVN3 or VNI (converted through legacy.py),
  else Windows-1258 when that yields Vietnamese letters, else Windows-1252;
- UTF-8 text that holds TCVN3/VNI already mis-decoded (`Uû ban nh©n d©n`), as a
  file saved as UTF-8 from a .VnTime Word document shows it.
Each conversion adds a plain-words warning. NFC, Markdown marks and tables are
left to normalize.canonical.

Forms it refuses: an empty or blank file (EmptyDocument); binary data, i.e. NUL
bytes that are not UTF-16, or a run of control characters (CorruptFile).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import CorruptFile, EmptyDocument, UnreadableFile
from . import RawDocument, legacy

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.02  # above this share of control characters the file is binary
MIN_VIETNAMESE_WORDS = 3  # Windows-1258 is taken when it yields this many Vietnamese words


def read(path: Path, fmt: str) -> RawDocument:
    """Read a .txt/.md file; see the module docstring for the encodings it takes."""
    data = _read_bytes(path)
    text, warnings = decode(path, data)
    _refuse_blank(path, text)
    _refuse_binary(path, text)
    encoding = legacy.detect(text)
    if encoding:
        text = legacy.to_unicode(text, encoding)
        warnings.append(legacy.warning_for(encoding))
    return RawDocument(text=text, format=fmt, warnings=warnings)


def decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Bytes → text and the warnings the choice of encoding calls for."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(path, data, codec), []
    if b"\x00" in data:
        return _decode_utf16_without_bom(path, data), ["the file is UTF-16 without a byte-order mark; it was read as UTF-16"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return _decode_not_utf8(data)


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UnreadableFile(path, f"the file cannot be read ({error.strerror}): check the path and its permissions") from error


def _decode_strict(path: Path, data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise CorruptFile(path, f"the file starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                                f"(bad byte at {error.start}): re-save it as UTF-8 text") from error


def _decode_utf16_without_bom(path: Path, data: bytes) -> str:
    """NUL bytes in a text file: UTF-16 when they sit on one parity, else binary."""
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) / 2
    if len(data) % 2 == 0 and max(even_nuls, odd_nuls) > 0.3 * half and min(even_nuls, odd_nuls) < 0.02 * half:
        try:
            return data.decode("utf-16-be" if even_nuls > odd_nuls else "utf-16-le")
        except UnicodeDecodeError:
            pass
    raise CorruptFile(path, "the file holds binary data (NUL bytes), not text: "
                            "check that it is the right file, or export the document again as UTF-8 text")


def _decode_not_utf8(data: bytes) -> tuple[str, list[str]]:
    """Not UTF-8: a legacy Vietnamese encoding if the bytes show one, else a Windows code page."""
    surface = legacy.decode_surface(data)
    if legacy.detect(surface):
        return surface, []  # read() converts it and adds the warning
    vietnamese = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if legacy.scores(vietnamese).unicode_words >= MIN_VIETNAMESE_WORDS:
        return vietnamese, ["the file is not UTF-8; it was read as Windows-1258 (Vietnamese): "
                            "check the accents, and save the file as UTF-8"]
    return surface, ["the file is not UTF-8 and shows no Vietnamese encoding; it was read as Windows-1252: "
                     "check the characters, and save the file as UTF-8"]


def _refuse_blank(path: Path, text: str) -> None:
    if not text.strip():
        what = "empty (0 bytes of text)" if not text else "blank (only spaces and line breaks)"
        raise EmptyDocument(path, f"the file is {what}: check that it is the right file, "
                                  "or export the document's text again")


def _refuse_binary(path: Path, text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise CorruptFile(path, f"the file holds binary data ({controls} control characters), not text: "
                                "check that it is the right file, or export the document again as UTF-8 text")
