"""Golden records end to end: every document of corpus/ through the whole pipeline.

Two checks per document:
- the record equals its golden copy in tests/golden/ (regenerate on purpose with
  `CCHC_GEN_TEST_DATA=1 .venv/bin/python -m pytest tests/test_end_to_end.py`, then read the diff);
- the record scores against the annotated gold of corpus/gold/ as the contract scorer does.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline import process
from pipeline.evaluate import scores

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus" / "docs").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
REGENERATE = os.environ.get("CCHC_GEN_TEST_DATA") == "1"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_record_matches_golden_copy(path: Path) -> None:
    record = json.loads(process(path).to_json())
    golden = GOLDEN / f"{path.stem}.json"
    if REGENERATE:
        golden.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert record == json.loads(golden.read_text(encoding="utf-8"))


HEADER_FIELDS = ["ref", "doc_type", "title", "place", "issued_date", "province", "level", "period",
                 "signer.name", "signer.position", "recipients", "legal_bases", "references"]


def test_corpus_scores_against_gold(tmp_path: Path) -> None:
    for path in CORPUS:
        (tmp_path / f"{path.stem}.json").write_text(process(path).to_json(), encoding="utf-8")
    figures = scores(ROOT / "corpus" / "gold", tmp_path)
    low = {field: round(figures[field], 3) for field in HEADER_FIELDS if figures.get(field, 1.0) < 0.95}
    assert not low, f"fields below 0.95 on corpus/: {low}"
