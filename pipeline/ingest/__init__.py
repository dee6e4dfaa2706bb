"""Input formats: one module per format, each turning a file into RawDocument.

A reader returns text in reading order. Where a page lays out two columns side
by side (the header: issuing body and số left, Quốc hiệu and date right; the
closing: Nơi nhận left, signature right), the reader emits the left column's
lines, then the right column's, so later stages see each column whole.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UnreadableFile, UnsupportedFormat


@dataclass
class RawDocument:
    text: str
    format: str  # txt md docx pdf image
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    page_confidence: list[float | None] | None = None  # per page, None where the text layer was read
    warnings: list[str] = field(default_factory=list)


TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read(path: Path) -> RawDocument:
    """Dispatch on the file's suffix; each reader raises a CchcError on bad input."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(path, "not a readable file: check the path and its permissions")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from . import text
        return text.read(path, TEXT_SUFFIXES[suffix])
    if suffix in (".docx", ".doc"):
        from . import docx
        return docx.read(path)
    if suffix == ".pdf":
        from . import pdf
        return pdf.read(path)
    if suffix in IMAGE_SUFFIXES:
        from . import image
        return image.read(path)
    raise UnsupportedFormat(
        path, f"the format '{suffix or 'without suffix'}' is not read: "
              "give a .txt, .md, .docx, .doc, .pdf, .png, .jpg or .tif file")
