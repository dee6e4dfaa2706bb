"""Batch speed and memory: `cchc ingest` as `pipeline.batch.run_batch` runs it.

    .venv/bin/python bench/batch_speed.py            # everything (the scans take minutes)
    .venv/bin/python bench/batch_speed.py --no-scans

Prints documents per second and pages per second for 1,000 generated text
documents and for 50 scanned pages (from the dev scans), each with 1 and 2
worker processes, the CPU milliseconds each document costs (writer and
workers together: the figure that holds on a busy machine), and the peak memory (RSS) of the writer and of its biggest
worker for 100 and for 1,000 documents: a batch streams its files, so the
figures must not grow with the count.

Every measurement runs in a fresh Python process (`--one`), so its peak RSS is
its own; the database is new each time (nothing skipped). The generated
documents are the dev plans, each made unique by a closing line, so each is a
new sha256 and is read and stored in full.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_DOCS = Path("/work/shared/eval/dev/docs")
DEV_SCANS = Path("/work/shared/eval/dev/scans")
SCAN_PAGES = 50


def generate_docs(folder: Path, count: int) -> Path:
    """`count` distinct text documents made from the dev plans (or corpus/docs)."""
    sources = sorted(DEV_DOCS.glob("*.txt")) or sorted((ROOT / "corpus" / "docs").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"doc-{i:05d}.txt").write_text(f"{texts[i % len(texts)]}\n(Bản số {i + 1})\n", encoding="utf-8")
    return folder


def scan_pages(path: Path) -> int:
    if path.suffix.lower() == ".pdf":
        import pypdfium2
        document = pypdfium2.PdfDocument(str(path))
        try:
            return len(document)
        finally:
            document.close()
    from PIL import Image
    with Image.open(path) as image:
        return getattr(image, "n_frames", 1)


def pick_scans(folder: Path, wanted: int) -> Path:
    """Links to dev scans, in name order, adding up to `wanted` pages (skipping files that overshoot)."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for path in sorted(DEV_SCANS.iterdir()):
        pages = scan_pages(path)
        if total + pages <= wanted:
            (folder / path.name).symlink_to(path)
            total += pages
    return folder


def measure_one(folder: Path, workers: int) -> dict:
    """One batch in this process: speed, and peak RSS of this process and of its workers (MiB)."""
    sys.path.insert(0, str(ROOT))
    from pipeline import store
    from pipeline.batch import run_batch
    from pipeline.cli import _expand
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "bench.db")
        start = time.perf_counter()
        summary = run_batch(db, _expand((folder,)), workers=workers)
        seconds = time.perf_counter() - start
    return {"files": summary.done, "stored": summary.stored, "failed": summary.counts["failed"],
            "pages": summary.pages, "seconds": round(seconds, 2),
            "docs_per_s": round(summary.stored / seconds, 2),
            "pages_per_s": round(summary.pages / seconds, 2),
            "cpu_ms_per_doc": round(1000 * _cpu_seconds() / max(summary.stored, 1), 1),
            "writer_mib": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            "worker_mib": _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)}


def _cpu_seconds() -> float:
    """CPU time of the writer and its finished workers: a figure other jobs on the machine do not change."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                   resource.getrusage(resource.RUSAGE_CHILDREN)))


def _mib(kib: int) -> float:
    return round(kib / 1024, 1)  # Linux gives ru_maxrss in KiB


def measure(folder: Path, workers: int) -> dict:
    """measure_one in a fresh interpreter, so the peak memory is this batch's only."""
    out = subprocess.run([sys.executable, __file__, "--one", str(folder), str(workers)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def row(label: str, workers: int, figures: dict) -> str:
    return (f"{label:<22} {workers:>2}  {figures['stored']:>5}/{figures['files']:<5} "
            f"{figures['seconds']:>8.1f} {figures['docs_per_s']:>8.2f} {figures['pages_per_s']:>8.2f} "
            f"{figures['cpu_ms_per_doc']:>9.1f} "
            f"{figures['writer_mib']:>9.1f} {figures['worker_mib']:>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--no-scans", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("FOLDER", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(Path(args.one[0]), int(args.one[1]))))
        return
    print(f"{'batch':<22} {'w':>2}  {'stored':>11} {'seconds':>8} {'docs/s':>8} {'pages/s':>8} {'CPU ms/doc':>9} "
          f"{'writer MiB':>9} {'worker MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = generate_docs(tmp / "docs-100", 100)
        large = generate_docs(tmp / f"docs-{args.docs}", args.docs)
        for workers in (1, 2):
            print(row(f"{args.docs} text docs", workers, measure(large, workers)), flush=True)
        for count, folder in ((100, small), (args.docs, large)):
            print(row(f"{count} text docs (mem)", 2, measure(folder, 2)), flush=True)
        if not args.no_scans:
            scans = pick_scans(tmp / "scans", SCAN_PAGES)
            for workers in (1, 2):
                print(row(f"{SCAN_PAGES} scanned pages", workers, measure(scans, workers)), flush=True)


if __name__ == "__main__":
    main()
