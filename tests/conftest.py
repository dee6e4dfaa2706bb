"""Fixtures shared by the test modules."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import store
from pipeline.batch import ingest_files

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "docs"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A database built from corpus/docs, once per test session; tests only read it."""
    path = tmp_path_factory.mktemp("corpus") / "cchc.db"
    summary = ingest_files(store.open_db(path), sorted(CORPUS.glob("*.txt")), on_error=print)
    assert summary == {"ok": 5, "failed": 0}
    return path
