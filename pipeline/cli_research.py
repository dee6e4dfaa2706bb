"""The research commands of `cchc`: compare, cites, cited-by, most-cited, export.

Thin, like pipeline/cli.py: options in, a call to the module that answers, text out.
pipeline/cli.py adds them to its group (`main.add_command(compare)` …).
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

DB_OPTION = dict(default="outputs/cchc.db", show_default=True,
                 type=click.Path(path_type=Path), help="The SQLite database to read.")
LEVELS = ["trung ương", "tỉnh", "huyện", "xã"]


def _open(db_path: Path):
    from . import store
    if not db_path.exists():
        click.echo(f"Error: {db_path}: no such database: build it with `cchc ingest`", err=True)
        sys.exit(1)
    return store.open_db(db_path)


def filter_options(command):
    """The document filters shared by `compare` and `export` (and `search`)."""
    options = [
        click.option("--province", help="Only documents of this province (with or without diacritics)."),
        click.option("--level", type=click.Choice(LEVELS)),
        click.option("--year", help="Only documents issued in this year."),
        click.option("--from", "date_from", help="Issued on or after (2021, 2021-06, 2021-06-15)."),
        click.option("--to", "date_to", help="Issued on or before (2022: the whole year)."),
        click.option("--type", "doc_type", help="Only documents of this type (Kế hoạch, Quyết định…)."),
        click.option("--cites", help="Only documents citing this số ký hiệu."),
        click.option("--agency", help="Only documents this body issued or gives a role to."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(kwargs: dict):
    from .search import Filters
    return Filters(**{k: kwargs.pop(k) for k in list(kwargs) if k in Filters.__dataclass_fields__})


# --- compare -------------------------------------------------------------------------

@click.command()
@click.option("--by", type=click.Choice(["province", "level", "year"]), default="province",
              show_default=True, help="One row per province, level or year.")
@click.option("--new-provinces", "new_map", is_flag=True,
              help="Group by the 34 provinces from 1 July 2025 (old provinces mapped to new).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "html"]), default="table",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: stdout).")
@click.option("--db", "db_path", **DB_OPTION)
@filter_options
def compare(by, new_map, fmt, out, db_path, **kwargs) -> None:
    """Compare plans by province, level or year: coverage, subjects, periods, areas, leads, citations."""
    from .compare import compare as run_compare
    rows = run_compare(_open(db_path), by, _filters(kwargs), new_map=new_map)
    text = _render(rows, by, fmt)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        click.echo(f"{len(rows)} groups → {out}")
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _render(rows, by: str, fmt: str) -> str:
    if fmt == "html":
        from .report import html_report
        return html_report(rows, by)
    if fmt == "csv":
        import io
        from .compare_text import write_csv
        buffer = io.StringIO()
        write_csv(rows, buffer)
        return buffer.getvalue()
    from .compare_text import text_table
    return text_table(rows) if rows else "no document matches"


# --- citations -----------------------------------------------------------------------

def _edge_line(edge, side: str) -> str:
    from .citegraph import cited_name
    if side == "cited":
        name = cited_name(edge)
        what = " ".join(filter(None, [edge.cited_type, name, edge.cited_date, edge.cited_issuer]))
    else:
        what = " · ".join(filter(None, [edge.citing_ref or "(no ref)", edge.citing_province]))
    found = f"→ [{edge.cited_id}]" if edge.cited_id and side == "cited" else ""
    return f"{edge.relation or 'nhắc đến':9} {what} {found}".rstrip()


@click.command()
@click.argument("ref")
@click.option("--db", "db_path", **DB_OPTION)
@click.option("--json", "as_json", is_flag=True)
def cites(ref, db_path, as_json) -> None:
    """The documents REF (a số ký hiệu or an id) cites; `→ [id]` marks those stored here."""
    from .citegraph import cites as run_cites
    from .store import get
    db = _open(db_path)
    if get(db, ref) is None:
        click.echo(f"Error: {ref}: no such document in {db_path}: try `cchc search`", err=True)
        sys.exit(1)
    _print_edges(run_cites(db, ref), "cited", as_json)


@click.command("cited-by")
@click.argument("ref")
@click.option("--db", "db_path", **DB_OPTION)
@click.option("--json", "as_json", is_flag=True)
def cited_by(ref, db_path, as_json) -> None:
    """The stored documents citing REF (a số ký hiệu, with or without diacritics)."""
    from .citegraph import cited_by as run_cited_by
    _print_edges(run_cited_by(_open(db_path), ref), "citing", as_json)


def _print_edges(found, side: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([asdict(e) for e in found], ensure_ascii=False, indent=1))
        return
    for edge in found:
        prefix = "" if side == "cited" else f"[{edge.citing_id}] "
        click.echo(prefix + _edge_line(edge, side))
    if not found:
        click.echo("no citation")


@click.command("most-cited")
@click.option("--db", "db_path", **DB_OPTION)
@click.option("--limit", default=10, show_default=True)
@click.option("--central", is_flag=True, help="Only central documents (Chính phủ, Thủ tướng, Bộ…).")
@click.option("--edges", "edges_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every citation edge to this CSV file.")
def most_cited(db_path, limit, central, edges_out) -> None:
    """The documents cited by the most stored documents."""
    from .citegraph import edges, most_cited as run_most_cited, write_edges_csv
    db = _open(db_path)
    all_edges = edges(db)
    for cited in run_most_cited(db, limit, central_only=central, all_edges=all_edges):
        stored = f" → [{cited.cited_id}]" if cited.cited_id else ""
        click.echo(f"{cited.citing:3}  {cited.name} · {cited.issuer or ''}{stored}")
    if edges_out:
        with edges_out.open("w", encoding="utf-8", newline="") as out:
            count = write_edges_csv(all_edges, out)
        click.echo(f"{count} edges → {edges_out}")


# --- export --------------------------------------------------------------------------

@click.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), required=True)
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="A file (jsonl, xlsx; `-` for stdout with jsonl) or a folder (csv).")
@click.option("--db", "db_path", **DB_OPTION)
@filter_options
def export(fmt, out, db_path, **kwargs) -> None:
    """Export the records and every child table (JSON lines, CSV folder, Excel workbook)."""
    from . import export as exporter
    db = _open(db_path)
    ids = _selected_ids(db, _filters(kwargs))
    if fmt == "jsonl":
        _export_jsonl(db, out, ids)
    elif fmt == "csv":
        _summary(exporter.write_csv(db, out, ids), out)
    else:
        _summary(exporter.write_xlsx(db, out, ids), out)


def _selected_ids(db, filters):
    from .search import Filters
    if filters == Filters():
        return None
    where, args = filters.sql(db)
    return {row[0] for row in db.execute(f"SELECT d.id FROM documents d WHERE 1{where}", args)}


def _export_jsonl(db, out: Path, ids) -> None:
    from .export import write_jsonl
    if str(out) == "-":
        write_jsonl(db, sys.stdout, ids)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        count = write_jsonl(db, handle, ids)
    click.echo(f"{count} records → {out}", err=True)


def _summary(counts: dict[str, int], out: Path) -> None:
    click.echo(", ".join(f"{table} {n}" for table, n in counts.items()) + f" → {out}")


COMMANDS = (compare, cites, cited_by, most_cited, export)
