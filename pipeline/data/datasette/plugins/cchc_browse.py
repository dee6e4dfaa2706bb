"""Datasette hooks of `cchc serve` (loaded from this plugins folder).

- SQL functions for the canned queries: `cchc_fold` (diacritics dropped, đ → d)
  and `cchc_fold_ref` (a số ký hiệu folded as the store folds it).
- `_search` values get đ → d before FTS5 sees them: the index holds folded
  text and `unicode61 remove_diacritics` drops marks but never turns đ into d.
- The titles and ids of documents link to `/document/<id>`, the page that
  `pipeline.serve.document_context` fills; a search carries its words there.
"""
from __future__ import annotations

import unicodedata
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from pipeline import serve
from pipeline.store import fold_ref
from pipeline.textfold import fold_ascii

DOCUMENT_TABLES = {serve.BROWSE_VIEW, "documents"}
LINKED_COLUMNS = {"id", "title"}


@hookimpl
def prepare_connection(conn):
    conn.create_function("cchc_fold", 1, lambda v: fold_ascii(v) if v else v,
                         deterministic=True)
    conn.create_function("cchc_fold_ref", 1, fold_ref, deterministic=True)


def fold_search_value(value: str) -> str:
    """`người đứng đầu` → `người dứng dầu`, which FTS5 folds to `nguoi dung dau`.

    NFC first, so a đ typed as d plus a combining mark is caught too."""
    text = unicodedata.normalize("NFC", value)
    return text.replace("đ", "d").replace("Đ", "D")


def _fold_query_string(raw: bytes) -> bytes:
    pairs = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
    if not any(key.startswith("_search") for key, _ in pairs):
        return raw
    folded = [(key, fold_search_value(value) if key.startswith("_search") else value)
              for key, value in pairs]
    return urlencode(folded).encode("ascii")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def folded_search(scope, receive, send):
            if scope.get("type") == "http" and scope.get("query_string"):
                scope = dict(scope, query_string=_fold_query_string(scope["query_string"]))
            await app(scope, receive, send)
        return folded_search
    return wrap


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table not in DOCUMENT_TABLES or column not in LINKED_COLUMNS or value is None:
        return None
    doc_id = row["id"]
    return Markup(f'<a class="cchc-doc-link" href="/document/{int(doc_id)}">{escape(value)}</a>')


# The words of a search travel to the document page, which marks them.
_CARRY_SEARCH = """
const q = new URLSearchParams(location.search).get('_search');
if (q) document.querySelectorAll('a.cchc-doc-link').forEach(
  a => { a.href += '?q=' + encodeURIComponent(q); });
"""


@hookimpl
def extra_body_script(template, database, table, view_name, request, datasette):
    if table in DOCUMENT_TABLES:
        return _CARRY_SEARCH
    return None


async def document_page(datasette, request):
    doc_id = int(request.url_vars["doc_id"])
    query = request.args.get("q") or None
    db = datasette.get_database()
    context = await db.execute_fn(lambda conn: serve.document_context(conn, doc_id, query))
    if context is None:
        raise NotFound(f"No document {doc_id}")
    context["database"] = db.name
    html = await datasette.render_template("cchc_document.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/document/(?P<doc_id>\d+)$", document_page)]
