"""A batch: process each file, hand each record to the store; one bad file never stops it."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from .errors import CchcError, unexpected

SUPPORTED = {".txt", ".md", ".markdown", ".docx", ".doc", ".pdf"}


def ingest_files(db, files: Iterable[Path], on_error: Callable[[CchcError], None]) -> dict:
    from . import store
    from .flow import process_with_text
    summary = {"ok": 0, "failed": 0}
    for path in files:
        try:
            record, text = process_with_text(path)
            store.save(db, record, text)
        except CchcError as error:
            on_error(error)
            summary["failed"] += 1
            continue
        except Exception as error:  # a bug must not stop an archive's batch: record it and go on
            on_error(unexpected(path, error))
            summary["failed"] += 1
            continue
        summary["ok"] += 1
    return summary
