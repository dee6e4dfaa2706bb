"""Seconds per page of our OCR path from the page image (deskew, Tesseract TSV,
a second filtered reading of a page read with low confidence, a second
reading of its unsure lines, words → lines)
against plain `tesseract` on the same page images, one core
each (OMP_THREAD_LIMIT=1), then pages per second with every core.

    python bench/ocr_speed.py [FILES...]   (default: ../shared/eval/dev/scans/*)
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.ingest import ocr, pdf  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "scans"
SAMPLE = 12  # pages timed one by one


def page_jobs(files: list[Path]) -> list[ocr.PageJob]:
    from PIL import Image
    import pypdfium2

    jobs = []
    for path in files:
        if path.suffix.lower() == ".pdf":
            count = len(pypdfium2.PdfDocument(str(path)))
            jobs += [ocr.PageJob(str(path), i, "pdf") for i in range(count)]
        elif path.suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
            with Image.open(path) as image:
                jobs += [ocr.PageJob(str(path), i, "image") for i in range(getattr(image, "n_frames", 1))]
    return jobs


def ours(job: ocr.PageJob) -> float:
    """From the page image (as plain tesseract starts) to lines in reading order."""
    image, dpi = ocr.load_image(job)
    start = time.perf_counter()
    page = ocr.read_image(image, dpi, job.index + 1)
    pdf.reading_order([pdf.page_of_ocr(page)])
    return time.perf_counter() - start


def loading(job: ocr.PageJob) -> float:
    """Rendering a PDF page (pypdfium2) or loading an image frame: a cost both paths share."""
    start = time.perf_counter()
    ocr.load_image(job)
    return time.perf_counter() - start


def plain(job: ocr.PageJob, folder: str) -> float:
    """`tesseract page.png out -l vie tsv` on the page as loaded (the image a user would give it)."""
    image, dpi = ocr.load_image(job)
    png = os.path.join(folder, "page.png")
    image.save(png, dpi=(dpi, dpi))
    start = time.perf_counter()
    subprocess.run(["tesseract", png, os.path.join(folder, "out"), "-l", "vie", "--psm", str(ocr.PSM), "tsv"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def _count_rereads() -> tuple[list, list]:
    """Pages read a second time (ocr.reread) and pages with unsure lines read
    again (ocr_lines), counted as the sample runs."""
    pages: list = []
    lines: list = []
    real_page, real_lines = ocr.reread, ocr.reread_unsure_lines

    def page_counted(page, *args):
        pages.append(page.number)
        return real_page(page, *args)

    def lines_counted(data, image, read):
        def counted_read(*args):
            lines.append(1)
            return read(*args)
        return real_lines(data, image, counted_read)
    ocr.reread, ocr.reread_unsure_lines = page_counted, lines_counted
    return pages, lines


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _overhead(mine: list[float], theirs: list[float]) -> str:
    return f"{(sum(mine) / sum(theirs) - 1) * 100:+.0f}%"


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or sorted(DEFAULT.iterdir())
    jobs = page_jobs(files)
    sample = jobs[:: max(1, len(jobs) // SAMPLE)][:SAMPLE]
    with tempfile.TemporaryDirectory() as folder:
        theirs = [plain(job, folder) for job in sample]
    load = sum(loading(job) for job in sample) / len(sample)
    rereads, line_reads = _count_rereads()
    mine, read_once = [], []
    for job in sample:
        calls = len(rereads) + len(line_reads)
        mine.append(ours(job))
        read_once.append(len(rereads) + len(line_reads) == calls)
    print(f"{len(sample)} pages, one core: plain tesseract {_mean(theirs):.2f} s/page, our OCR path "
          f"{_mean(mine):.2f} s/page ({_overhead(mine, theirs)}; {len(rereads)} page(s) under {ocr.REREAD_BELOW} "
          f"confidence read twice, {len(line_reads)} extra call(s) for unsure lines); rendering or loading "
          f"the page image {load:.2f} s/page before either")
    once = [i for i, flag in enumerate(read_once) if flag]
    if once and len(once) < len(sample):
        print(f"  the {len(once)} page(s) read once: {_overhead([mine[i] for i in once], [theirs[i] for i in once])}; "
              f"the {len(sample) - len(once)} read again: "
              f"{_overhead([m for i, m in enumerate(mine) if i not in once], [t for i, t in enumerate(theirs) if i not in once])}")
    start = time.perf_counter()
    ocr.ocr_pages(jobs)
    elapsed = time.perf_counter() - start
    print(f"{len(jobs)} pages, {os.cpu_count()} cores: {len(jobs) / elapsed:.2f} pages/s ({elapsed:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
