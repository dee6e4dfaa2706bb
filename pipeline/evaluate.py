"""Field scores against gold records, as a command: the figures of ../shared/eval/score.py."""
from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

from . import scoring


def report(gold_dir: Path, pred_dir: Path, explain: bool = False) -> str:
    """The scorer's table (and, with explain, every miss and extra) as text."""
    args = [str(gold_dir), str(pred_dir)] + (["--explain"] if explain else [])
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        scoring.main(args)
    return buffer.getvalue().rstrip("\n")


def scores(gold_dir: Path, pred_dir: Path) -> dict[str, float]:
    """Field → score, and `macro`."""
    fields = scoring.SCALARS + scoring.LISTS
    tally, _ = scoring.score(str(gold_dir), str(pred_dir), fields, False)
    rows, macro = scoring.summarise(tally)
    return {row[0]: row[4] for row in rows} | {"macro": macro}
