"""Documents per second for `extract` (process(path) -> Record) on text documents.

    .venv/bin/python bench/extract_speed.py [DIR ...] [--rounds N]

Defaults to ../shared/eval/dev/docs when it is there, else corpus/docs. Prints the
figures; asserts nothing (speed is measured here, never in a timed test).
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from pipeline import process

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = [ROOT.parent / "shared" / "eval" / "dev" / "docs", ROOT / "corpus" / "docs"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = next(d for d in (args.dirs or DEFAULT_DIRS) if d.is_dir())
    files = sorted(p for p in folder.iterdir() if p.is_file())
    started = time.perf_counter()
    process(files[0])  # first call loads data files (gazetteer, word lists)
    warm_up = time.perf_counter() - started
    per_round, per_file = [], {}
    for _ in range(args.rounds):
        round_start = time.perf_counter()
        for path in files:
            file_start = time.perf_counter()
            process(path)
            per_file.setdefault(path.name, []).append(time.perf_counter() - file_start)
        per_round.append(time.perf_counter() - round_start)
    size = sum(p.stat().st_size for p in files)
    best = min(per_round)
    print(f"documents: {len(files)} from {folder} ({size / 1024:.0f} KiB)")
    print(f"first call (loads data): {warm_up:.2f} s")
    print(f"extract: {len(files) / best:.1f} documents/s, {size / 1024 / best:.0f} KiB/s "
          f"(best of {args.rounds} rounds; median round {statistics.median(per_round):.2f} s)")
    slowest = sorted(per_file.items(), key=lambda item: -min(item[1]))[:3]
    print("slowest: " + ", ".join(f"{name} {min(times) * 1000:.0f} ms" for name, times in slowest))


if __name__ == "__main__":
    main()
