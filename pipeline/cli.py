"""The `cchc` command: thin; turns domain errors into `Error: <file>: …` and exit codes."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import CchcError, unexpected


def _fail(error: CchcError) -> None:
    click.echo(f"Error: {error.path}: {error.message}", err=True)


def _progress(items, label: str):
    """A progress bar on a terminal and for batches; silent for one file or a pipe."""
    from tqdm import tqdm
    return tqdm(items, desc=label, unit="file", disable=len(items) < 2 or not sys.stderr.isatty())


@click.group()
@click.version_option(package_name="cchc")
def main() -> None:
    """Read Vietnamese administrative-reform (CCHC) plans into records and a searchable database."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write one <stem>.json per input here (default: print to stdout).")
def extract(files: tuple[Path, ...], out: Path | None) -> None:
    """Extract one record per FILE (.txt .md .docx .doc .pdf)."""
    from .flow import process
    failures = 0
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for path in _progress(list(files), "extract"):
        try:
            record = process(path)
        except CchcError as error:
            _fail(error)
            failures += 1
            continue
        except Exception as error:  # one file's bug never stops the others
            _fail(unexpected(path, error))
            failures += 1
            continue
        if out:
            (out / f"{path.stem}.json").write_text(record.to_json(), encoding="utf-8")
        else:
            click.echo(record.to_json())
    sys.exit(1 if failures else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="outputs/cchc.db", show_default=True, type=click.Path(path_type=Path),
              help="The SQLite database to write.")
@click.option("--workers", type=click.IntRange(min=0),
              help="Worker processes (default: every core; 0: read in this process). "
                   "With --dask local: the local cluster's workers.")
@click.option("--force", is_flag=True, help="Read files again even when their content is stored already.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run the reading on a Dask cluster: tcp://HOST:8786, or `local` for one on this machine. "
                   "Needs the `cluster` extra (dask[distributed]).")
def ingest(paths: tuple[Path, ...], db_path: Path, workers: int | None, force: bool, dask_address: str | None) -> None:
    """Extract every file under PATHS and store the records in the database.

    Files whose content (sha256) is stored already are skipped; an interrupted
    run leaves whole documents only, and running it again resumes it. The
    `files` table keeps each input's status, error, pages and seconds.
    """
    import signal

    from . import store
    from .batch import run_batch, summary_lines
    signal.signal(signal.SIGTERM, _interrupt)  # `kill`: stop as cleanly as Ctrl-C
    db = store.open_db(db_path)
    bar = _batch_bar(paths)
    try:
        summary = run_batch(db, _expand(paths), workers=workers, force=force, dask=dask_address,
                            on_error=_fail if bar is None else lambda error: bar.write(
                                f"Error: {error.path}: {error.message}", file=sys.stderr),
                            on_done=None if bar is None else _advance(bar))
    finally:
        if bar is not None:
            bar.close()
    for line in summary_lines(summary, db_path):
        click.echo(line)
    if summary.interrupted:
        sys.exit(130)
    sys.exit(1 if summary.counts["failed"] and not summary.stored + summary.counts["skipped"] else 0)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _batch_bar(paths: tuple[Path, ...]):
    """A bar with rate and ETA on a terminal (it walks the folders once to count); None in a pipe."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm
    return tqdm(total=sum(1 for _ in _expand(paths)), desc="ingest", unit="file", dynamic_ncols=True)


def _advance(bar):
    def done(status: str, summary) -> None:
        bar.update(1)
        bar.set_postfix({s: summary.counts[s] for s in ("ok", "partial", "failed", "skipped")}, refresh=False)
    return done


def _expand(paths: tuple[Path, ...]):
    """Each file to read, folders walked one at a time in name order: an archive's
    list of names is never held whole. A file named outright is read whatever its suffix."""
    import os

    from .batch import SUPPORTED
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            for name in sorted(names):
                if Path(name).suffix.lower() in SUPPORTED:
                    yield Path(folder) / name


@main.command()
@click.argument("query")
@click.option("--db", "db_path", default="outputs/cchc.db", show_default=True, type=click.Path(path_type=Path))
@click.option("--province", help="Only documents of this province (with or without diacritics).")
@click.option("--level", type=click.Choice(["trung ương", "tỉnh", "huyện", "xã"]))
@click.option("--year", help="Only documents issued in this year.")
@click.option("--type", "doc_type", help="Only documents of this type (Kế hoạch, Quyết định…).")
@click.option("--from", "date_from", help="Issued on or after (2021, 2021-06, 2021-06-15).")
@click.option("--to", "date_to", help="Issued on or before (2022: the whole year).")
@click.option("--cites", help="Only documents citing this số ký hiệu.")
@click.option("--agency", help="Only documents this body issued or gives a role to.")
@click.option("--limit", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search(query, db_path, province, level, year, doc_type, date_from, date_to, cites, agency, limit, as_json) -> None:
    """Full-text search, with or without diacritics; a số ký hiệu finds its document first."""
    from . import store
    from .search import search as run_search
    db = store.open_db(db_path)
    hits = run_search(db, query, province=province, level=level, year=year, doc_type=doc_type, limit=limit,
                      date_from=date_from, date_to=date_to, cites=cites, agency=agency)
    if as_json:
        click.echo(json.dumps([h.__dict__ if hasattr(h, "__dict__") else h._asdict() for h in hits],
                              ensure_ascii=False, indent=1))
        return
    for hit in hits:
        hit = hit.__dict__ if hasattr(hit, "__dict__") else hit._asdict()
        click.echo(f"[{hit['id']}] {hit.get('ref') or '—'} · {hit.get('doc_type') or ''} · "
                   f"{hit.get('province') or ''} · {hit.get('issued_date') or ''}")
        click.echo(f"    {hit.get('title') or ''}")
        click.echo(f"    {hit.get('snippet') or ''}")
    if not hits:
        click.echo("no document matches")


@main.command()
@click.argument("key")
@click.option("--db", "db_path", default="outputs/cchc.db", show_default=True, type=click.Path(path_type=Path))
def show(key: str, db_path: Path) -> None:
    """Print the stored record of a document, by its id or its số ký hiệu."""
    from . import store
    found = store.get(store.open_db(db_path), key)
    if not found:
        click.echo(f"Error: {key}: no such document in {db_path}: try `cchc search`", err=True)
        sys.exit(1)
    click.echo(json.dumps(found, ensure_ascii=False, indent=1))


@main.command()
@click.option("--sections", "sections_path", default="corpus/areas/sections.jsonl", show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Labelled sections (JSON lines).")
@click.option("--model-dir", default="models/areas", show_default=True, type=click.Path(path_type=Path),
              help="Where to save the model and its manifest.")
@click.option("--seed", default=0, show_default=True)
def train(sections_path: Path, model_dir: Path, seed: int) -> None:
    """Train the reform-areas classifier on labelled sections; print its held-out scores."""
    from .train import train_areas
    manifest = train_areas(sections_path, model_dir, seed=seed)
    for method, figures in manifest["scores"].items():
        micro, macro = figures["micro"], figures["macro"]
        click.echo(f"{method:9} micro F1 {micro['f1']:.3f}  macro F1 {macro['f1']:.3f}  (held-out split)")
    click.echo(f"saved → {model_dir} (manifest.json)")


@main.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("pred_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--explain", is_flag=True, help="List every miss and extra.")
def evaluate(gold_dir: Path, pred_dir: Path, explain: bool) -> None:
    """Score records in PRED_DIR against gold records (the figures of shared/eval/score.py)."""
    from .evaluate import report
    click.echo(report(gold_dir, pred_dir, explain))


def _add_research_commands() -> None:
    from .cli_research import COMMANDS  # compare, cites, cited-by, most-cited, export
    for command in COMMANDS:
        main.add_command(command)
    from .cli_serve import serve  # Datasette over the database
    main.add_command(serve)


_add_research_commands()
