"""`cchc serve` on a real database built from corpus/docs.

The page helpers and the Datasette configuration are checked directly (the
canned queries run on the real file); then the server runs as `python -m
pipeline.cli_serve` on a free loopback port and Debian's Chromium, driven
headless by Playwright, does what a person does: opens the home page, types a
search without diacritics, opens the document and reads its fields and marks.
Nothing downloads a browser: without /usr/bin/chromium the browser tests skip.
"""
from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline import serve, store
from pipeline.flow import process_with_text
from pipeline.store import fold_ref
from pipeline.textfold import fold_ascii

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"
CHROMIUM = Path("/usr/bin/chromium")
# flags for this closed network: no background connections, no sandbox as root
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
KIEN_GIANG_REF = "32/KH-UBND"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "cchc.db"
    db = store.open_db(path)
    for file in sorted(CORPUS.glob("*.txt")):   # as `cchc ingest` stores them
        store.save(db, *process_with_text(file))
    db.close()
    serve.prepare_database(path)
    return path


@pytest.fixture(scope="module")
def conn(db_path):
    connection = sqlite3.connect(db_path)
    connection.create_function("cchc_fold", 1, lambda v: fold_ascii(v) if v else v)
    connection.create_function("cchc_fold_ref", 1, fold_ref)
    yield connection
    connection.close()


def _doc_id(conn, ref: str) -> int:
    return conn.execute("SELECT id FROM documents WHERE ref = ?", [ref]).fetchone()[0]


# --- highlighting ----------------------------------------------------------

@pytest.mark.parametrize("text, marked, expected", [
    ("Căn cứ Quyết định số 225/QĐ-TTg", [("225/QĐ-TTg", "citation")],
     [("Căn cứ Quyết định số ", []), ("225/QĐ-TTg", ["citation"])]),
    # a deadline inside a responsibility: the inner piece carries both
    ("Sở Nội vụ chủ trì, hoàn thành trước ngày 20/5/2022",
     [("Sở Nội vụ chủ trì, hoàn thành trước ngày 20/5/2022", "responsibility"),
      ("trước ngày 20/5/2022", "timeline")],
     [("Sở Nội vụ chủ trì, hoàn thành ", ["responsibility"]),
      ("trước ngày 20/5/2022", ["responsibility", "timeline"])]),
    # overlapping, neither inside the other
    ("kiểm tra từ 30% số cơ quan", [("kiểm tra từ 30%", "match"), ("30% số cơ quan", "target")],
     [("kiểm tra từ ", ["match"]), ("30%", ["match", "target"]), (" số cơ quan", ["target"])]),
])
def test_highlight_segments_cut_at_every_edge(text, marked, expected) -> None:
    marks = [serve.Mark(text.index(piece), text.index(piece) + len(piece), kind, kind)
             for piece, kind in marked]
    segments = serve.highlight_segments(text, marks)
    assert [(s.text, s.kinds) for s in segments] == expected
    assert "".join(s.text for s in segments) == text


def test_a_span_past_the_text_is_dropped_not_cut() -> None:
    # a record edited by hand, or read against another text
    segments = serve.highlight_segments("Quý III/2020", [serve.Mark(0, 99, "timeline", "x")])
    assert [(s.text, s.kinds) for s in segments] == [("Quý III/2020", [])]


@pytest.mark.parametrize("query, text, found", [
    ("kiem tra cai cach", "Kiểm tra công tác cải cách hành chính", ["Kiểm tra", "cải cách"]),
    ("đối tượng", "II. NỘI DUNG, ĐỐI TƯỢNG", ["ĐỐI TƯỢNG"]),
    ("32/KH-UBND", "Số: 32 /KH-UBND", ["32 /KH-UBND"]),
    ("thanh tra", "Kiểm toán công tác", []),
    ("tra", "trách nhiệm, tranh thủ", []),   # whole words only
])
def test_query_marks_find_the_words_with_or_without_diacritics(query, text, found) -> None:
    assert [text[m.start:m.end] for m in serve.query_marks(text, query)] == found


def test_document_context_marks_what_the_record_holds(conn) -> None:
    context = serve.document_context(conn, _doc_id(conn, KIEN_GIANG_REF))
    fields = {f["key"]: f["value"] for f in context["fields"]}
    assert fields["ref"] == KIEN_GIANG_REF and fields["province"] == "Kiên Giang"
    marked = {(s.text, kind) for s in context["segments"] for kind in s.kinds}
    assert any("225/QĐ-TTg" in text for text, kind in marked if kind == "citation")
    assert any(text == "Quý III/2020" and kind == "timeline" for text, kind in marked)
    assert {item["kind"] for item in context["legend"]} >= {"citation", "timeline", "target"}
    assert serve.document_context(conn, 10_000) is None


# --- configuration ---------------------------------------------------------

def test_metadata_describes_only_what_the_database_has(db_path, conn) -> None:
    metadata = serve.load_metadata(db_path.stem)
    assert "/cchc/documents_browse" in metadata["description_html"]
    tables = metadata["databases"][db_path.stem]["tables"]
    for table, config in tables.items():
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        assert columns, f"{table} is described but not in the database"
        assert set(config.get("columns", {})) <= columns, table
        assert set(config.get("facets", [])) <= columns, table
    assert set(serve.store.CONTENT_TABLES) <= set(tables)


@pytest.mark.parametrize("name, params, expect_rows", [
    ("plans_side_by_side", {"province": "kien giang", "year": ""}, True),
    ("plans_side_by_side", {"province": "", "year": "1999"}, False),
    ("lead_bodies", {"body": "noi vu"}, True),
    ("percent_targets", {"province": "Kiên Giang"}, True),
    ("timelines_by_year", {"year": "2020"}, True),
    ("inspected_bodies", {}, True),
    ("areas_by_province", {}, True),
    ("citing_documents", {"ref": "225/QD-TTg"}, True),   # typed without đ
    ("citing_documents", {"ref": "1/XX-YY"}, False),
])
def test_canned_queries_run_on_the_real_database(db_path, conn, name, params, expect_rows) -> None:
    queries = serve.load_metadata(db_path.stem)["databases"][db_path.stem]["queries"]
    rows = conn.execute(queries[name]["sql"], params).fetchall()
    assert bool(rows) == expect_rows


def test_prepare_database_names_a_missing_file(tmp_path) -> None:
    with pytest.raises(serve.NoDatabase, match="cchc ingest"):
        serve.prepare_database(tmp_path / "absent.db")


def test_browse_view_has_the_year_and_is_made_once(db_path, conn) -> None:
    serve.prepare_database(db_path)  # a second time: unchanged, no error
    years = dict(conn.execute("SELECT ref, year FROM documents_browse").fetchall())
    assert years[KIEN_GIANG_REF] == "2020"


# --- the running server in Chromium -----------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"cchc serve exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"cchc serve did not answer at {url} in {seconds} s")


@pytest.fixture(scope="module")
def server(db_path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli_serve", "--db", str(db_path), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _listening_addresses(port: int) -> set[str]:
    """Local addresses (hex, as /proc/net/tcp writes them) listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:   # 0A: LISTEN
                found.add(address)
    return found


def test_server_listens_on_loopback_only(server) -> None:
    port = int(server.rsplit(":", 1)[1])
    assert _listening_addresses(port) == {"0100007F"}   # 127.0.0.1, nothing else
    with urllib.request.urlopen(server + "/-/settings.json") as response:
        assert json.load(response)["default_page_size"] == serve.SETTINGS["default_page_size"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): "
                    "apt-get install chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    yield context.new_page()
    context.close()


def test_home_page_offers_search_and_browse(server, page) -> None:
    page.goto(server + "/")
    assert "cchc" in page.title()
    assert page.locator("form.cchc-search input[name=_search]").is_visible()
    assert page.locator("a[href='/cchc/documents_browse']").first.is_visible()


@pytest.mark.parametrize("typed, expected_refs", [
    ("kiem tra cai cach", {"32/KH-UBND", "243/KH-UBND", "/KH-UBND", "/QĐ-UBND"}),
    ("kiểm tra cải cách", {"32/KH-UBND", "243/KH-UBND", "/KH-UBND", "/QĐ-UBND"}),
    ("doi tuong kiem tra", {"/QĐ-UBND"}),
    ("đối tượng kiểm tra", {"/QĐ-UBND"}),   # đ reaches FTS5 as d
    ("khong co tu nay xyzzy", set()),
])
def test_search_typed_on_the_home_page(server, page, typed, expected_refs) -> None:
    page.goto(server + "/")
    page.fill("#cchc-q", typed)
    page.press("#cchc-q", "Enter")
    page.wait_for_load_state()
    assert "/documents_browse" in page.url
    refs = set(page.locator("table.rows-and-columns td.col-ref").all_inner_texts())
    assert expected_refs <= refs if expected_refs else not refs


def test_year_facet_narrows_the_list(server, page) -> None:
    page.goto(server + "/cchc/documents_browse")
    page.click("[data-column=year] a:text-is('2020')")
    page.wait_for_load_state()
    refs = page.locator("table.rows-and-columns td.col-ref").all_inner_texts()
    assert refs == [KIEN_GIANG_REF]


def test_document_page_shows_fields_and_marks(server, page, tmp_path) -> None:
    page.goto(server + "/")
    page.fill("#cchc-q", "kiem tra cai cach hanh chinh")
    page.press("#cchc-q", "Enter")
    page.wait_for_load_state()
    row = page.locator("table.rows-and-columns tr", has_text=KIEN_GIANG_REF)
    row.locator("td.col-title a").click()
    page.wait_for_load_state()
    assert "/document/" in page.url and "q=" in page.url
    field = lambda key: page.locator(f"tr[data-field={key}] td").inner_text().strip()
    assert field("ref") == KIEN_GIANG_REF
    assert field("province") == "Kiên Giang"
    assert field("doc_type") == "Kế hoạch"
    assert field("issued_date") == "2020-03-03"
    assert "Kiểm tra công tác cải cách hành chính năm 2020" in field("title")
    citations = page.locator("#cchc-text mark.citation").all_inner_texts()
    assert any("225/QĐ-TTg" in text for text in citations)
    assert "Quý III/2020" in page.locator("#cchc-text mark.timeline").all_inner_texts()
    matches = [t.casefold() for t in page.locator("#cchc-text mark.match").all_inner_texts()]
    assert "kiểm tra" in matches
    shot = tmp_path / "document.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_unknown_document_is_not_found(server, page) -> None:
    response = page.goto(server + "/document/99999")
    assert response.status == 404


def test_canned_query_form_runs_in_the_browser(server, page) -> None:
    page.goto(server + "/cchc/lead_bodies")
    page.fill("input[name=body]", "noi vu")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    bodies = page.locator("table.rows-and-columns td.col-body").all_inner_texts()
    assert bodies and all("Nội vụ" in body for body in bodies)
