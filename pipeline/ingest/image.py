"""Scanned page images → RawDocument, by OCR (ocr.py).

Forms it reads: PNG, JPEG and TIFF files, each frame of a multi-page TIFF a
page (bitonal CCITT G4 frames included). Every frame is OCR'd, then laid out
by the same line and zone logic as a PDF's words (pdf.reading_order), so the
two-column header and closing read column by column.

Forms it avoids: animated PNG/GIF frames are not pages; an image that Pillow
cannot open raises CorruptFile (re-scan or re-export it).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import CorruptFile
from . import RawDocument, ocr, pdf


def read(path: Path) -> RawDocument:
    path = Path(path)
    frames = frame_count(path)
    pages = ocr.ocr_pages([ocr.PageJob(str(path), index, "image") for index in range(frames)])
    texts = pdf.reading_order([pdf.page_of_ocr(page) for page in pages])
    text = "\n".join("\n".join(lines) for lines in texts.values())
    return ocr.with_confidence(RawDocument(text=text, format="image", pages=frames), pages, frames)


def frame_count(path: Path) -> int:
    """Pages in the image: a TIFF's frames, otherwise one."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format == "TIFF":
                return image.n_frames
            image.verify()  # a truncated PNG or JPEG fails here, before any OCR
            return 1
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise CorruptFile(path, f"the image cannot be read ({error}): re-scan it or re-export it as PNG or TIFF") from error
