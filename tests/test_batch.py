"""Batches (pipeline.batch and `cchc ingest`) on real files, real worker processes
and a real SQLite file: statuses, the `files` table, skipping, --force, a bug or a
dead worker costing one file only, a killed run resuming, the summary.

The documents are the shipped plans (corpus/docs: Kế hoạch 32/KH-UBND of Kiên
Giang and the others); bad inputs are the broken files an archive holds.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import fixtures_build as fb  # tests/ is on sys.path (pytest prepend import mode)
from pipeline import batch, store
from pipeline.cli import _expand, main
from pipeline.record import Record

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"
PLANS = sorted(CORPUS.glob("*.txt"))
PLAN_32 = CORPUS / "001_7bee4535614414f0.txt"


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "cchc.db")
    yield database
    database.close()


def files_rows(db) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in db.query("SELECT * FROM files")}


def copy_plans(folder: Path, count: int) -> list[Path]:
    """`count` distinct plans: the shipped ones, each made unique by a closing line."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"plan-{i:03d}.txt"
        path.write_text(PLANS[i % len(PLANS)].read_text(encoding="utf-8") + f"\n(Bản số {i + 1})\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


# --- statuses ------------------------------------------------------------------

BAD_INPUTS = [  # (name, bytes, the error's class, words its message holds)
    ("empty.txt", b"", "EmptyDocument", "empty"),
    ("junk.pdf", b"\x00\x01\x02 not a pdf at all \xff" * 20, "CorruptFile", "re-download"),
    ("plan.xls", b"a,b\n", "UnsupportedFormat", "not read"),
]


@pytest.mark.parametrize("name, content, cause, says", BAD_INPUTS)
def test_a_bad_file_is_failed_with_its_cause_and_the_batch_goes_on(db, tmp_path, name, content, cause, says):
    bad = tmp_path / name
    bad.write_bytes(content)
    errors = []
    summary = batch.run_batch(db, [bad, PLAN_32], workers=2, on_error=errors.append)
    rows = files_rows(db)
    assert rows[name]["status"] == "failed" and says in rows[name]["error"]
    assert rows[name]["document_id"] is None
    assert rows[PLAN_32.name]["status"] == "ok" and rows[PLAN_32.name]["document_id"] is not None
    assert summary.causes == {cause: 1} and dict(summary.counts) == {"failed": 1, "ok": 1}
    assert [e.path for e in errors] == [str(bad)]
    assert db["documents"].count == 1


def test_a_pdf_page_without_text_makes_the_file_partial(db, tmp_path):
    pdf = fb.build_pdf(tmp_path / "scan tail.pdf", body_repeats=1, blank_last_page=True)
    summary = batch.run_batch(db, [pdf], workers=0)
    row = files_rows(db)["scan tail.pdf"]
    assert (row["status"], row["pages"], row["error"]) == ("partial", 2, None)
    assert summary.counts["partial"] == summary.stored == 1
    stored = store.get(db, row["document_id"])
    assert batch.unread_pages(stored["warnings"]) == ["page 2 has no text layer: it needs OCR"]


@pytest.mark.parametrize("warnings, status", [
    ([], "ok"),
    (["page 2 has no text layer: it needs OCR"], "partial"),
    (["page 1 was read by OCR with low confidence (0.62): check its text against the image"], "ok"),
    (["the .doc file was converted to .docx by LibreOffice before reading"], "ok"),
])
def test_only_an_unread_page_makes_a_file_partial(warnings, status):
    assert ("partial" if batch.unread_pages(warnings) else "ok") == status


def test_an_unreadable_path_is_failed_without_a_hash(db, tmp_path):
    missing = tmp_path / "gone.txt"
    summary = batch.run_batch(db, [missing], workers=0)
    row = files_rows(db)["gone.txt"]
    assert (row["status"], row["sha256"]) == ("failed", None)
    assert "not a readable file" in row["error"] and summary.causes == {"UnreadableFile": 1}


def test_each_row_holds_the_hash_pages_seconds_and_document(db):
    batch.run_batch(db, PLANS, workers=2)
    rows = files_rows(db)
    assert sorted(rows) == [p.name for p in PLANS]
    for path in PLANS:
        row = rows[path.name]
        document = db.execute("SELECT sha256, file FROM documents WHERE id = ?", [row["document_id"]]).fetchone()
        assert document == (row["sha256"], path.name)
        assert row["path"] == str(path.absolute()) and row["seconds"] > 0 and row["ingested_at"]


# --- a bug or a dead worker costs one file -------------------------------------

def _reader_with_a_bug(path):
    raise KeyError("section")


def test_a_bug_in_one_file_is_recorded_and_the_others_are_stored(db, tmp_path, monkeypatch):
    import pipeline.flow as flow
    real = flow.process_with_text
    monkeypatch.setattr(flow, "process_with_text",  # the workers are forked: they inherit it
                        lambda path: _reader_with_a_bug(path) if "002_" in str(path) else real(path))
    summary = batch.run_batch(db, PLANS, workers=2)
    rows = files_rows(db)
    assert rows["002_9a23d4ea0e0477f2.txt"]["status"] == "failed"
    assert "KeyError" in rows["002_9a23d4ea0e0477f2.txt"]["error"]
    assert "please report this file" in rows["002_9a23d4ea0e0477f2.txt"]["error"]
    assert summary.stored == len(PLANS) - 1 and summary.causes == {"InternalError": 1}


def test_a_worker_that_dies_costs_only_its_file(db, monkeypatch):
    import pipeline.flow as flow
    real = flow.process_with_text
    monkeypatch.setattr(flow, "process_with_text",  # a segfault in a C reader, the OOM killer
                        lambda path: os._exit(9) if "003_" in str(path) else real(path))
    summary = batch.run_batch(db, PLANS, workers=2)
    rows = files_rows(db)
    assert rows["003_c0a46b905892e1bc.txt"]["status"] == "failed"
    assert "worker process died" in rows["003_c0a46b905892e1bc.txt"]["error"]
    assert {name: r["status"] for name, r in rows.items() if not name.startswith("003_")} == {
        p.name: "ok" for p in PLANS if not p.name.startswith("003_")}
    assert summary.stored == len(PLANS) - 1


# --- skipping, copies, --force, edits --------------------------------------------

def test_an_unchanged_file_is_skipped_and_keeps_its_row(db):
    batch.run_batch(db, PLANS, workers=2)
    before = files_rows(db)
    summary = batch.run_batch(db, PLANS, workers=2)
    assert dict(summary.counts) == {"skipped": len(PLANS)} and summary.pages == 0
    assert files_rows(db) == before


def test_force_reads_again_and_keeps_the_document_id(db):
    batch.run_batch(db, [PLAN_32], workers=0)
    doc_id = files_rows(db)[PLAN_32.name]["document_id"]
    summary = batch.run_batch(db, [PLAN_32], workers=0, force=True)
    assert dict(summary.counts) == {"ok": 1}
    assert files_rows(db)[PLAN_32.name]["document_id"] == doc_id and db["documents"].count == 1


def test_a_copy_under_another_name_is_skipped_and_names_its_twin(db, tmp_path):
    twin = tmp_path / "ban-sao.txt"
    twin.write_bytes(PLAN_32.read_bytes())
    batch.run_batch(db, [PLAN_32], workers=0)
    batch.run_batch(db, [twin], workers=0)
    row = files_rows(db)["ban-sao.txt"]
    assert row["status"] == "skipped" and row["error"] == f"same content as {PLAN_32}"
    assert row["document_id"] == files_rows(db)[PLAN_32.name]["document_id"]
    assert db["documents"].count == 1


def test_two_copies_in_one_run_are_read_once(db, tmp_path):
    twin = tmp_path / "ban-sao.txt"
    twin.write_bytes(PLAN_32.read_bytes())
    summary = batch.run_batch(db, [PLAN_32, twin], workers=2)
    assert dict(summary.counts) == {"ok": 1, "skipped": 1}
    assert "read in this run" in files_rows(db)["ban-sao.txt"]["error"]
    assert db["documents"].count == 1


def test_a_file_edited_in_place_replaces_its_old_document(db, tmp_path):
    plan = tmp_path / "ke-hoach.txt"
    plan.write_bytes(PLAN_32.read_bytes())
    batch.run_batch(db, [plan], workers=0)
    old = files_rows(db)["ke-hoach.txt"]
    plan.write_text(PLAN_32.read_text(encoding="utf-8").replace("32 /KH-UBND", "33/KH-UBND"), encoding="utf-8")
    summary = batch.run_batch(db, [plan], workers=0)
    new = files_rows(db)["ke-hoach.txt"]
    assert dict(summary.counts) == {"ok": 1} and new["sha256"] != old["sha256"]
    assert [r["ref"] for r in db.query("SELECT ref FROM documents")] == ["33/KH-UBND"]


def test_a_failed_file_is_read_again_on_the_next_run(db, tmp_path):
    plan = tmp_path / "ke-hoach.txt"
    plan.write_bytes(b"")
    batch.run_batch(db, [plan], workers=0)
    assert files_rows(db)["ke-hoach.txt"]["status"] == "failed"
    plan.write_bytes(PLAN_32.read_bytes())
    batch.run_batch(db, [plan], workers=0)
    assert files_rows(db)["ke-hoach.txt"]["status"] == "ok"


def test_documents_stored_before_the_files_table_are_skipped(tmp_path, monkeypatch):
    """A version-2 database (no `files` table): the migration adds it, the batch
    finds the stored documents by sha256 and reads nothing again."""
    path = tmp_path / "cchc.db"
    with monkeypatch.context() as patch:
        patch.setattr(store, "SCHEMA_VERSION", 2)
        old = store.open_db(path)
        from pipeline.flow import process_with_text  # the version-2 pipeline stored documents only
        for plan in PLANS:
            store.save(old, *process_with_text(plan))
        assert "files" not in old.table_names()
        old.close()
    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION and "files" in db.table_names()
    summary = batch.run_batch(db, PLANS, workers=0)
    assert dict(summary.counts) == {"skipped": len(PLANS)}
    assert {r["status"] for r in files_rows(db).values()} == {"skipped"}
    assert all(r["error"].startswith("stored before as document") for r in files_rows(db).values())


def test_ingest_files_keeps_its_old_answer(db):
    assert batch.ingest_files(db, PLANS, on_error=print) == {"ok": len(PLANS), "failed": 0}
    assert batch.ingest_files(db, PLANS, on_error=print) == {"ok": len(PLANS), "failed": 0}
    assert db["documents"].count == len(PLANS)


# --- bounded: files are submitted as the workers free up ------------------------

def test_files_are_taken_from_the_walk_as_workers_free_up(db, tmp_path):
    """At most IN_FLIGHT_PER_WORKER files per worker are out: the walk is not read ahead."""
    paths = copy_plans(tmp_path / "plans", 12)
    done, ahead = [0], []

    def walk():
        for taken, path in enumerate(paths):
            ahead.append(taken - done[0])  # submitted and not yet finished
            yield path
    summary = batch.run_batch(db, walk(), workers=2,
                              on_done=lambda status, summary: done.__setitem__(0, done[0] + 1))
    assert summary.stored == 12
    assert max(ahead) == 2 * batch.IN_FLIGHT_PER_WORKER


# --- a killed run ------------------------------------------------------------------

def test_a_killed_run_leaves_whole_documents_and_the_next_run_finishes(tmp_path):
    paths = copy_plans(tmp_path / "plans", 40)
    db_path = tmp_path / "cchc.db"
    command = [sys.executable, "-c", "from pipeline.cli import main; main()", "ingest", str(tmp_path / "plans"), "--db", str(db_path),
               "--workers", "1"]
    run = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = _wait_for_rows(db_path, 5, run)
    os.killpg(run.pid, signal.SIGKILL)  # the writer and its workers, mid-batch
    run.wait()
    assert 5 <= stored < len(paths), "the batch must be killed midway"

    _assert_whole(db_path)
    db = store.open_db(db_path)
    summary = batch.run_batch(db, _expand((tmp_path / "plans",)), workers=2)
    assert summary.counts["skipped"] >= 5 and summary.counts["failed"] == 0
    assert summary.stored + summary.counts["skipped"] == len(paths)
    rows = files_rows(db)
    assert sorted(rows) == sorted(p.name for p in paths)
    assert {r["status"] for r in rows.values()} == {"ok"}
    assert db["documents"].count == len(paths)
    assert db.execute("SELECT COUNT(DISTINCT sha256) FROM documents").fetchone()[0] == len(paths)
    _assert_whole(db_path)


def test_a_stopped_run_reports_and_leaves_no_worker_behind(tmp_path):
    """`kill` (SIGTERM) to the writer: it stops its workers, prints what it stored and exits 130."""
    paths = copy_plans(tmp_path / "plans", 40)
    db_path = tmp_path / "cchc.db"
    command = [sys.executable, "-c", "from pipeline.cli import main; main()", "ingest", str(tmp_path / "plans"),
               "--db", str(db_path), "--workers", "2"]
    run = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    stored = _wait_for_rows(db_path, 5, run)
    run.send_signal(signal.SIGTERM)
    output, _ = run.communicate(timeout=60)
    assert 5 <= stored < len(paths), "the batch must be stopped midway"
    assert run.returncode == 130 and "interrupted" in output and "run the same command to resume" in output
    assert _group_is_gone(run.pid), "a worker process outlived the batch"
    _assert_whole(db_path)


def _group_is_gone(group: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.killpg(group, signal.SIGKILL)  # the test's own processes: leave none running
    return False


def _wait_for_rows(db_path: Path, count: int, run, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and run.poll() is None:
        stored = 0
        if db_path.exists():  # connecting first would create it
            conn = sqlite3.connect(db_path)
            try:
                stored = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is not there yet
                pass
            finally:
                conn.close()
        if stored >= count:
            return stored
        time.sleep(0.05)
    return -1


def _assert_whole(db_path: Path) -> None:
    """Every document has its files row, its children and its FTS row, and the reverse."""
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        documents = conn.execute("SELECT id FROM documents ORDER BY id").fetchall()
        linked = conn.execute("SELECT document_id FROM files WHERE status = 'ok' ORDER BY document_id").fetchall()
        assert documents == linked
        for (doc_id,) in documents:
            record = Record.model_validate_json(
                conn.execute("SELECT record_json FROM documents WHERE id = ?", [doc_id]).fetchone()[0])
            sections = conn.execute("SELECT COUNT(*) FROM sections WHERE document_id = ?", [doc_id]).fetchone()[0]
            assert sections == len(record.sections)
        fts = conn.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
        assert fts == len(documents)
    finally:
        conn.close()


# --- the command -------------------------------------------------------------------

@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


def test_ingest_prints_the_summary_and_resumes(run, tmp_path):
    bad = tmp_path / "in" / "junk.pdf"
    copy_plans(tmp_path / "in", 3)
    bad.write_bytes(b"\x00 not a pdf \xff" * 30)
    db_path = tmp_path / "cchc.db"
    first = run("ingest", tmp_path / "in", "--db", db_path, "--workers", "2")
    assert first.exit_code == 0, first.output
    assert "4 files in" in first.output and "ok 3 · partial 0 · failed 1 · skipped 0" in first.output
    assert "failed (CorruptFile 1):" in first.output and f"{bad.absolute()}: " in first.output
    assert "slowest:" in first.output and "WHERE status = 'failed'" in first.output
    again = run("ingest", tmp_path / "in", "--db", db_path)
    assert "ok 0 · partial 0 · failed 1 · skipped 3" in again.output
    forced = run("ingest", tmp_path / "in", "--db", db_path, "--force", "--workers", "0")
    assert "ok 3 · partial 0 · failed 1 · skipped 0" in forced.output


def test_ingest_exits_1_when_nothing_is_stored(run, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("ingest", bad, "--db", tmp_path / "cchc.db", "--workers", "0")
    assert result.exit_code == 1 and f"Error: {bad}" in result.output


def test_expand_walks_folders_in_name_order_and_keeps_readable_formats(tmp_path):
    for name in ("b/2.pdf", "b/1.docx", "a/x.txt", "a/notes.xls", "c.md", "scan.TIFF", "a/z/deep.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    named = tmp_path / "named.xls"  # a file named outright is read, whatever its suffix
    named.write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in _expand((tmp_path / "a", tmp_path, named))]
    assert found[:2] == ["a/x.txt", "a/z/deep.png"]
    assert found[2:] == ["c.md", "scan.TIFF", "a/x.txt", "a/z/deep.png", "b/1.docx", "b/2.pdf", "named.xls"]
