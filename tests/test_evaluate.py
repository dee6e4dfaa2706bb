"""`cchc evaluate` gives the contract scorer's figures: the copy in pipeline/scoring.py
must not drift from ../shared/eval/score.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import scoring

SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared/ is not beside the checkout")
def test_scoring_copy_matches_shared_scorer() -> None:
    shared = SHARED_SCORER.read_text(encoding="utf-8")
    ours = Path(scoring.__file__).read_text(encoding="utf-8")
    body = lambda text: text.split('"""', 2)[2]  # everything after the module docstring
    assert body(ours).strip() == body(shared).strip()


@pytest.mark.parametrize("want, got, same", [
    ("32/KH-UBND", "32 /KH-UBND", True),
    ("136/2001/QĐ.TTg", "136/2001/QĐ-TTg", True),
    ("32/KH-UBND", "33/KH-UBND", False),
])
def test_refs_compare_without_joiners(want, got, same) -> None:
    assert (scoring.fold_ref(want) == scoring.fold_ref(got)) is same
