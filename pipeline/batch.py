"""Batches: many files read in worker processes (or on a Dask cluster), one writer.

The parent walks the inputs lazily, hashes each file and looks its sha256 up in
the database before it submits anything; at most `IN_FLIGHT_PER_WORKER` files
per worker are out at a time, so memory holds the files in flight and a few
numbers, never the batch. Workers return an `Outcome` (record JSON, canonical
text, status, seconds); the parent is the only writer and stores each document
with its `files` row in one transaction, so a run killed at any point leaves
whole documents only and the next run resumes where it stopped.

Status of an input, as the `files` table and the summary give it:
- ok: the record is stored and every page was read.
- partial: the record is stored, but its warnings say a page could not be read
  (`page N has no text layer: it needs OCR`: a scanned page and no OCR run on
  it); the record holds what the other pages give. `--force` reads it again,
  say once Tesseract is installed.
- failed: nothing is stored; `error` names the cause and what to do.
- skipped: not read in this run because a document with the same content
  (sha256) is stored: the file is unchanged since an earlier run, or is a copy
  of another input of this run (`error` then names that one, whose row says
  whether it could be read). `--force` reads it anyway.
  A failed file is read again on every run: its cause may have been fixed.

What it avoids: one file stopping the batch (a reader's bug is `failed` with
`errors.unexpected`; a worker that dies reading a file, a crash in a C library
or the kernel's out-of-memory killer, costs that file only: the files that
were in flight with it are read again one by one), and threads fighting over
cores (Tesseract runs one thread per worker: OMP_THREAD_LIMIT=1).
"""
from __future__ import annotations

import heapq
import os
import re
import signal
import tempfile
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .errors import CchcError, InternalError, UnreadableFile, unexpected

SUPPORTED = {".txt", ".md", ".markdown", ".docx", ".doc", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
IN_FLIGHT_PER_WORKER = 2  # one being read, one waiting: workers never idle, memory stays bounded
SLOWEST_KEPT = 5
ERRORS_KEPT = 10  # the summary names the first failures; the `files` table keeps them all

OK, PARTIAL, FAILED, SKIPPED = "ok", "partial", "failed", "skipped"
# the readers' words for a page whose text is missing from the record (ingest/pdf.py)
_UNREAD_PAGE = re.compile(r"^page \d+ has no text layer", re.IGNORECASE)
_DIED = ("the worker process died while reading it (a crash in a reader library, or out of memory); "
         "the rest of the batch goes on: please report this file")


@dataclass
class Outcome:
    """What a worker sends back for one file: small, picklable, no Record object."""
    path: str
    status: str  # ok, partial or failed
    seconds: float
    record_json: Optional[str] = None
    text: Optional[str] = None
    pages: Optional[int] = None
    error: Optional[str] = None
    cause: Optional[str] = None  # the error's class: CorruptFile, InternalError…


@dataclass
class Job:
    path: Path
    sha256: str
    generation: int = 0  # the worker pool it was submitted to (see _LocalPool)


@dataclass
class Summary:
    """The run's counts and a bounded sample of its slowest files and failures."""
    counts: Counter = field(default_factory=Counter)
    pages: int = 0
    seconds: float = 0.0
    slowest: list = field(default_factory=list)  # heap of (seconds, path, pages)
    failures: list = field(default_factory=list)  # (path, cause, message), the first ERRORS_KEPT
    causes: Counter = field(default_factory=Counter)
    interrupted: bool = False

    def add(self, status: str, outcome: Optional[Outcome] = None) -> None:
        self.counts[status] += 1
        if outcome is None:
            return
        self.pages += outcome.pages or 0
        heapq.heappush(self.slowest, (outcome.seconds, outcome.path, outcome.pages))
        if len(self.slowest) > SLOWEST_KEPT:
            heapq.heappop(self.slowest)
        if status == FAILED:
            self.causes[outcome.cause] += 1
            if len(self.failures) < ERRORS_KEPT:
                self.failures.append((outcome.path, outcome.cause, outcome.error))

    @property
    def stored(self) -> int:
        return self.counts[OK] + self.counts[PARTIAL]

    @property
    def done(self) -> int:
        return sum(self.counts.values())


# --- the worker's side ----------------------------------------------------------

def unread_pages(warnings: Iterable[str]) -> list[str]:
    """The warnings that say a page's text is missing: they make a file `partial`."""
    return [w for w in warnings if _UNREAD_PAGE.match(w)]


def read_file(path: str) -> Outcome:
    """Process one file (in a worker); every failure comes back as an Outcome."""
    from .flow import process_with_text
    _one_ocr_thread()
    start = time.perf_counter()
    try:
        record, text = process_with_text(path)
    except CchcError as error:
        return _failed(path, error, start)
    except Exception as error:  # a bug must not stop an archive's batch: record it and go on
        return _failed(path, unexpected(path, error), start)
    status = PARTIAL if unread_pages(record.warnings) else OK
    return Outcome(path, status, time.perf_counter() - start, record.model_dump_json(), text,
                   record.source.pages)


def read_bytes(name: str, data: bytes) -> Outcome:
    """Process a file sent as bytes (on a cluster worker that cannot see the
    driver's disks): written under its own name, so the record is the same."""
    with tempfile.TemporaryDirectory(prefix="cchc-") as folder:
        copy = Path(folder) / Path(name).name
        copy.write_bytes(data)
        outcome = read_file(str(copy))
    outcome.path = name
    return outcome


def _failed(path: str, error: CchcError, start: float) -> Outcome:
    return Outcome(path, FAILED, time.perf_counter() - start, error=error.message,
                   cause=type(error).__name__)


def _one_ocr_thread() -> None:
    # Tesseract reads this when it starts; with one process per core, more threads only fight
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _worker_init(ocr_processes: int = 1) -> None:
    _one_ocr_thread()
    # the cores are shared out between batch workers: a scan's pages get this many OCR processes
    os.environ.setdefault("CCHC_OCR_PROCESSES", str(ocr_processes))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _ocr_share(workers: int) -> int:
    """OCR processes per batch worker: the cores divided among the workers, at least one."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


# --- where the work runs ------------------------------------------------------------

class _Done:
    """A finished 'future' (a dict key, so hashed by identity)."""
    __slots__ = ("outcome",)

    def __init__(self, outcome: Outcome):
        self.outcome = outcome


class _InProcess:
    """Each file read here, in order: for a few files, tests and debugging."""
    slots = 1

    def submit(self, job: Job):
        return _Done(read_file(str(job.path)))

    def wait(self, futures) -> list:
        return list(futures)

    def outcome(self, future, job: Job) -> Outcome:
        return future.outcome

    def close(self, cancel: bool = False) -> None:
        pass


class _LocalPool:
    """Worker processes on this machine. A worker that dies breaks the whole
    pool: the pool is replaced and each file that was in flight is read again
    alone, so only the file that kills its worker is marked failed."""

    def __init__(self, workers: int):
        self.slots = workers
        self.generation = 0
        self.pool = self._new_pool(workers)

    @staticmethod
    def _new_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(_ocr_share(workers),))

    def submit(self, job: Job):
        try:
            job.generation = self.generation
            return self.pool.submit(read_file, str(job.path))
        except BrokenProcessPool:  # a worker died before its future was collected
            self._replace(job.generation)
            job.generation = self.generation
            return self.pool.submit(read_file, str(job.path))

    def wait(self, futures) -> set:
        return wait(futures, return_when=FIRST_COMPLETED).done

    def outcome(self, future, job: Job) -> Outcome:
        try:
            return future.result()
        except BrokenProcessPool:
            self._replace(job.generation)
            return self._alone(job)

    def _replace(self, broken: int) -> None:
        if broken == self.generation:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.generation += 1
            self.pool = self._new_pool(self.slots)

    @staticmethod
    def _alone(job: Job) -> Outcome:
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=1, initializer=_worker_init) as solo:
            try:
                return solo.submit(read_file, str(job.path)).result()
            except BrokenProcessPool:
                return _failed(str(job.path), InternalError(job.path, _DIED), start)

    def close(self, cancel: bool = False) -> None:
        if cancel:  # Ctrl-C: the files in flight are dropped; the next run reads them
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _DaskPool:
    """Tasks on a Dask distributed cluster (`local` starts one on this machine).
    Each file goes to the workers as bytes, so they need the package and
    Tesseract, not the driver's disks; the driver stays the only writer."""

    def __init__(self, address: str, workers: int):
        import dask
        from distributed import Client, LocalCluster
        self.cluster = None
        if address == "local":
            # OCR of a many-page scan starts its own processes, which a daemon worker may not
            with dask.config.set({"distributed.worker.daemon": False}):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
        self.slots = max(1, sum(self.client.nthreads().values()))

    def submit(self, job: Job):
        return self.client.submit(read_bytes, str(job.path), job.path.read_bytes(), pure=False)

    def wait(self, futures) -> set:
        from distributed import wait as dask_wait
        return dask_wait(list(futures), return_when="FIRST_COMPLETED").done

    def outcome(self, future, job: Job) -> Outcome:
        start = time.perf_counter()
        try:
            return future.result()
        except Exception as error:  # KilledWorker, a lost connection: that file fails, not the batch
            return _failed(str(job.path), InternalError(job.path, f"the Dask cluster could not read it "
                                                                  f"({type(error).__name__}: {error})"), start)
        finally:
            future.release()

    def close(self, cancel: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _executor(workers: int, dask: Optional[str]):
    if dask:
        return _DaskPool(dask, workers)
    return _InProcess() if workers == 0 else _LocalPool(workers)


# --- the writer's side ------------------------------------------------------------

def run_batch(db, paths: Iterable[Path], *, workers: Optional[int] = None, force: bool = False,
              dask: Optional[str] = None, on_error: Optional[Callable[[CchcError], None]] = None,
              on_done: Optional[Callable[[str, Summary], None]] = None) -> Summary:
    """Read every path and store the records in `db` (from `store.open_db`).

    workers: processes (default: every core; 0 reads in this process); with
    `dask` (an address or "local") the workers of that cluster. force: read
    files whose content is stored already. on_error gets each failure as it
    happens; on_done(status, summary) each finished file (a progress bar).
    A KeyboardInterrupt stops the workers and marks the summary interrupted.
    """
    workers = (os.cpu_count() or 1) if workers is None else workers
    summary = Summary()
    started = time.perf_counter()
    executor = _executor(workers, dask)
    in_flight: dict = {}
    report = _Reporter(db, summary, on_error, on_done)
    try:
        for job in _jobs(db, paths, force, in_flight, report):
            while len(in_flight) >= executor.slots * IN_FLIGHT_PER_WORKER:
                _collect(executor, in_flight, report)
            try:
                in_flight[executor.submit(job)] = job
            except OSError:  # gone or locked since it was hashed (a cluster gets its bytes)
                report.unreadable(job.path)
        while in_flight:
            _collect(executor, in_flight, report)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:  # on any error too: no worker outlives the batch
        executor.close(cancel=summary.interrupted)
    summary.seconds = time.perf_counter() - started
    return summary


def ingest_files(db, files: Iterable[Path], on_error: Callable[[CchcError], None]) -> dict:
    """Every file read in this process and stored, stored or not before:
    {"ok": stored, "failed": not stored}. For small sets and tests."""
    summary = run_batch(db, files, workers=0, force=True, on_error=on_error)
    return {"ok": summary.stored, "failed": summary.counts[FAILED]}


def _jobs(db, paths: Iterable[Path], force: bool, in_flight: dict, report: "_Reporter") -> Iterator[Job]:
    """The paths still to read; the others are reported as skipped or failed here."""
    from . import store
    from .ingest import sha256_of
    for path in paths:
        path = Path(path)
        try:
            if not path.is_file():  # a FIFO or device would block the hash: only regular files
                raise OSError(path)
            sha256 = sha256_of(path)
        except OSError:
            report.unreadable(path)
            continue
        copy = _in_flight_copy(in_flight, sha256)
        if copy is not None:  # the same bytes under two names in one run: read once
            report.skipped(path, sha256, f"same content as {copy}, read in this run")
            continue
        stored = None if force else store.stored_copy(db, sha256)
        if stored is not None:
            report.stored_before(path, sha256, *stored)
            continue
        yield Job(path, sha256)


def path_key(path: Path) -> str:
    """How the `files` table names an input: absolute, so a run from another folder resumes too."""
    return str(Path(path).absolute())


def _in_flight_copy(in_flight: dict, sha256: str) -> Optional[Path]:
    return next((job.path for job in in_flight.values() if job.sha256 == sha256), None)


def _collect(executor, in_flight: dict, report: "_Reporter") -> None:
    for future in executor.wait(in_flight):
        job = in_flight.pop(future)
        report.outcome(job, executor.outcome(future, job))


class _Reporter:
    """Writes each file's result (with its document, in one transaction) and counts it."""

    def __init__(self, db, summary: Summary, on_error, on_done):
        self.db, self.summary = db, summary
        self.on_error, self.on_done = on_error or (lambda error: None), on_done or (lambda s, summary: None)

    def outcome(self, job: Job, outcome: Outcome) -> None:
        outcome.path = path_key(job.path)
        try:
            self._store(job, outcome)
        except Exception as error:  # the record would not store (a bug): the file fails, the batch goes on
            failure = unexpected(job.path, error)
            outcome = Outcome(path_key(job.path), FAILED, outcome.seconds, pages=outcome.pages,
                              error=failure.message, cause=type(failure).__name__)
            self._store(job, outcome)
        if outcome.status == FAILED:
            self.on_error(CchcError(job.path, outcome.error))
        self._count(outcome.status, outcome)

    def _store(self, job: Job, outcome: Outcome) -> None:
        from . import store
        from .record import Record
        with self.db.atomic():
            previous = store.file_row(self.db, outcome.path)
            doc_id = None
            sha256 = job.sha256
            if outcome.record_json is not None:
                record = Record.model_validate_json(outcome.record_json)
                sha256 = record.source.sha256
                doc_id = store.save(self.db, record, outcome.text or "")
            store.record_file(self.db, outcome.path, sha256, outcome.status, error=outcome.error,
                              pages=outcome.pages, seconds=outcome.seconds, document_id=doc_id)
            if previous and previous["document_id"] not in (None, doc_id):
                store.drop_if_orphan(self.db, previous["document_id"])  # the file was edited in place

    def stored_before(self, path: Path, sha256: str, doc_id: int, twin: Optional[str]) -> None:
        """An unchanged file keeps its row as it was; another path gets a `skipped` row naming its twin."""
        from . import store
        row = store.file_row(self.db, path_key(path))
        if row and row["sha256"] == sha256 and row["status"] in (OK, PARTIAL, SKIPPED):
            self._count(SKIPPED)
            return
        self.skipped(path, sha256, f"same content as {twin}" if twin else f"stored before as document {doc_id}",
                     document_id=doc_id)

    def skipped(self, path: Path, sha256: str, note: str, document_id: Optional[int] = None) -> None:
        from . import store
        with self.db.atomic():
            store.record_file(self.db, path_key(path), sha256, SKIPPED, error=note, document_id=document_id)
        self._count(SKIPPED)

    def unreadable(self, path: Path) -> None:
        error = UnreadableFile(path, "not a readable file: check the path and its permissions")
        self.outcome(Job(path, None), Outcome(str(path), FAILED, 0.0, error=error.message,
                                              cause=type(error).__name__))

    def _count(self, status: str, outcome: Optional[Outcome] = None) -> None:
        self.summary.add(status, outcome)
        self.on_done(status, self.summary)


# --- the report -----------------------------------------------------------------

def summary_lines(summary: Summary, db_path) -> list[str]:
    """The end-of-run report: counts by status, rate, the slowest files, where the errors are."""
    counts = summary.counts
    lines = [f"{summary.done} files in {summary.seconds:.1f} s"
             f" ({_rate(summary.done - counts[SKIPPED], summary.seconds)} files/s read,"
             f" {_rate(summary.pages, summary.seconds)} pages/s) → {db_path}",
             "  " + " · ".join(f"{status} {counts[status]}" for status in (OK, PARTIAL, FAILED, SKIPPED))]
    if summary.slowest:
        lines.append("  slowest:")
        lines += [f"    {seconds:7.2f} s  {path}" + (f" ({pages} pages)" if pages else "")
                  for seconds, path, pages in sorted(summary.slowest, reverse=True)]
    if counts[FAILED]:
        causes = ", ".join(f"{cause} {n}" for cause, n in summary.causes.most_common())
        lines.append(f"  failed ({causes}):")
        lines += [f"    {path}: {message}" for path, _, message in summary.failures]
        if counts[FAILED] > len(summary.failures):
            lines.append(f"    … {counts[FAILED] - len(summary.failures)} more")
        lines.append(f"  all failures: sqlite3 {db_path} \"SELECT path, error FROM files WHERE status = 'failed'\"")
    if counts[PARTIAL]:
        lines.append(f"  partial: a page could not be read (see each record's warnings); "
                     f"once OCR works, run again with --force")
    if summary.interrupted:
        lines.append("  interrupted: the documents above are stored whole; run the same command to resume")
    return lines


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:.1f}" if seconds > 0 else "—"
