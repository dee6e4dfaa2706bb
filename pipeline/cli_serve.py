"""`cchc serve`: browse the database in a web browser (Datasette on 127.0.0.1).

Added to the `cchc` group in pipeline/cli.py; also runs as
`python -m pipeline.cli_serve --db outputs/cchc.db --port 8001`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import CchcError


@click.command()
@click.option("--db", "db_path", default="outputs/cchc.db", show_default=True,
              type=click.Path(path_type=Path), help="The SQLite database to browse.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1 (the server listens on loopback only).")
@click.option("--open", "open_browser", is_flag=True, help="Open the home page in a browser.")
def serve(db_path: Path, port: int, open_browser: bool) -> None:
    """Browse and search the database: facets, canned comparisons, document pages."""
    from .serve import serve as run_server
    try:
        run_server(db_path, port=port, open_browser=open_browser)
    except CchcError as error:
        click.echo(f"Error: {error.path}: {error.message}", err=True)
        sys.exit(error.exit_code)


if __name__ == "__main__":
    serve()
