"""Batches on a Dask distributed cluster (a LocalCluster here, as in CI): the
workers read each file from the bytes the driver sends, the driver writes.

Inputs: the shipped plans (corpus/docs), a many-page scan of the plan of
fixtures_build rasterised at 300 dpi (its OCR starts processes of its own
inside a Dask worker) and a damaged PDF.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import fixtures_build as fb  # tests/ is on sys.path (pytest prepend import mode)
from pipeline import batch, store

distributed = pytest.importorskip("distributed", reason="the `cluster` extra: pip install 'dask[distributed]'")

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted((ROOT / "corpus" / "docs").glob("*.txt"))
DPI = 300


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("inputs")
    junk = folder / "hong.pdf"
    junk.write_bytes(b"%PDF-1.4\n\x00 truncated in transfer \xff" * 40)
    paths = [*PLANS, junk]
    if shutil.which("tesseract"):
        paths.append(_scan(folder))
    return paths


def _scan(folder: Path) -> Path:
    """The text PDF of the plan, each page rasterised: an image-only PDF, as a scanner makes."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(fb.build_pdf(folder / "text.pdf", body_repeats=3)))
    try:
        images = [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()
    (folder / "text.pdf").unlink()
    scan = folder / "ban-quet.pdf"
    images[0].save(scan, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return scan


@pytest.fixture(scope="module")
def local_records(inputs, tmp_path_factory) -> dict:
    """The same inputs read in this process: what the cluster must store too."""
    db = store.open_db(tmp_path_factory.mktemp("local") / "cchc.db")
    batch.run_batch(db, inputs, workers=0)
    return _records(db)


def _records(db) -> dict:
    return {Path(path).name: (status, record_json) for path, status, record_json in db.execute(
        "SELECT f.path, f.status, d.record_json FROM files f LEFT JOIN documents d ON d.id = f.document_id")}


def _check(db, summary, inputs, local_records) -> None:
    assert summary.done == len(inputs) and summary.counts["failed"] == 1
    assert summary.causes == {"CorruptFile": 1}
    assert _records(db) == local_records
    statuses = {name: status for name, (status, _) in local_records.items()}
    assert statuses["hong.pdf"] == "failed" and statuses[PLANS[0].name] == "ok"
    if "ban-quet.pdf" in statuses:
        scan = db.execute("SELECT ocr, pages, ref FROM documents WHERE file = 'ban-quet.pdf'").fetchone()
        assert scan[0] == 1 and scan[1] > 1 and scan[2] == "32/KH-UBND"


def test_dask_local_stores_what_the_local_workers_store(inputs, local_records, tmp_path):
    db = store.open_db(tmp_path / "cchc.db")
    summary = batch.run_batch(db, inputs, workers=2, dask="local")
    _check(db, summary, inputs, local_records)
    again = batch.run_batch(db, inputs, workers=2, dask="local")
    assert again.counts["skipped"] == len(inputs) - 1 and again.counts["failed"] == 1


def test_a_cluster_by_its_address(inputs, local_records, tmp_path):
    """A scheduler elsewhere, as `dask scheduler` and `dask worker` start one."""
    import dask
    with dask.config.set({"distributed.worker.daemon": False}):  # as the README starts workers
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    try:
        db = store.open_db(tmp_path / "cchc.db")
        summary = batch.run_batch(db, inputs, dask=cluster.scheduler_address)
        _check(db, summary, inputs, local_records)
    finally:
        cluster.close()
