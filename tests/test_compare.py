"""pipeline.compare, its text, CSV and HTML forms, and `cchc compare`, on a database
built from corpus/docs (five plans: Nghi Xuân/Hà Tĩnh 2022, Kiên Giang 2020, a district
plan of 2023 without a province, Cần Thơ 2022, Bình Định 2024)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli_research import compare as compare_command
from pipeline.compare import Spread, compare, group_key, months_between
from pipeline.compare_text import text_table, write_csv
from pipeline.report import html_report
from pipeline.search import Filters





@pytest.fixture(scope="module")
def by_province(corpus_db):
    return {r.group: r for r in compare(store.open_db(corpus_db), "province")}


@pytest.mark.parametrize("start, end, months", [
    ("2020-07", "2020-09", {7, 8, 9}),        # Quý III/2020
    ("2022-06", "2022-07", {6, 7}),           # Tháng 6 - 7/2022
    ("2022-11", "2023-02", {11, 12, 1, 2}),   # over the new year
    ("2024-04-15", "2024-05-10", {4, 5}),
    ("2021", "2025", set()),                  # giai đoạn: not a schedule
    ("2021-01", "2022-06", set()),            # longer than a year
    (None, "2022-05", set()),                 # a deadline's open side
])
def test_months_between(start, end, months):
    assert months_between(start, end) == months


@pytest.mark.parametrize("values, spread", [
    ([30.0, 30.0], Spread(30.0, 30.0, 30.0, 2)),
    ([10.0, 2.0], Spread(6.0, 2.0, 10.0, 2)),
    ([20.0, 50.0, 30.0], Spread(30.0, 20.0, 50.0, 3)),
    ([], Spread()),
])
def test_spread(values, spread):
    assert Spread.of(values) == spread


@pytest.mark.parametrize("by, new_map, doc, group", [
    ("province", False, dict(province="Kiên Giang", level="tỉnh", issued_date="2020"), "Kiên Giang"),
    ("province", True, dict(province="Kiên Giang", level="tỉnh", issued_date="2020"), "An Giang"),
    ("province", True, dict(province="Bình Định", level="tỉnh", issued_date="2024"), "Gia Lai"),
    ("province", True, dict(province="Hà Tĩnh", level="huyện", issued_date="2022"), "Hà Tĩnh"),
    ("province", False, dict(province=None, level="trung ương", issued_date="2023"), "(trung ương)"),
    ("province", False, dict(province=None, level="huyện", issued_date="2023"), "—"),
    ("level", False, dict(province="Hà Tĩnh", level="huyện", issued_date="2022-03"), "huyện"),
    ("year", False, dict(province="Hà Tĩnh", level="huyện", issued_date="2022-03"), "2022"),
    ("year", False, dict(province="Hà Tĩnh", level="huyện", issued_date=None), "—"),
])
def test_group_key(by, new_map, doc, group):
    assert group_key(by, new_map)(doc) == group


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="cannot group by"):
        group_key("district")


def test_one_row_per_province_unknown_last(by_province):
    assert list(by_province) == ["Bình Định", "Cần Thơ", "Hà Tĩnh", "Kiên Giang", "—"]
    assert all(row.plans == 1 for row in by_province.values())


def test_kien_giang_inspection_plan(by_province):
    """Plan 32/KH-UBND: `từ 30%` twice, `10 Ủy ban nhân dân cấp xã` and `02 xã`,
    inspections in Quý III/2020, eleven bodies named for inspection, led by Sở Nội vụ."""
    row = by_province["Kiên Giang"]
    assert row.coverage == Spread(30.0, 30.0, 30.0, 2)
    assert row.bodies == Spread(6.0, 2.0, 10.0, 2)
    assert (row.months, row.quarters) == ({7: 1, 8: 1, 9: 1}, {3: 1})
    assert row.subjects == 11
    assert row.leads == [("Sở Nội vụ", 1)]
    assert [c.ref for c in row.cited] == ["225/QĐ-TTg", "609/QĐ-TTg"]


def test_areas_are_shares_of_plans(corpus_db):
    [row] = compare(store.open_db(corpus_db), "level", Filters(level="huyện"))
    assert row.plans == 2
    assert set(row.areas.values()) <= {0.5, 1.0}
    assert row.areas["cải cách tổ chức bộ máy"] == 1.0


@pytest.mark.parametrize("by, filters, groups", [
    ("level", Filters(), {"huyện": 2, "tỉnh": 3}),
    ("year", Filters(), {"2020": 1, "2022": 2, "2023": 1, "2024": 1}),
    ("year", Filters(date_from="2022", date_to="2023"), {"2022": 2, "2023": 1}),
    ("province", Filters(level="tỉnh"), {"Bình Định": 1, "Cần Thơ": 1, "Kiên Giang": 1}),
    ("level", Filters(cites="1847/QĐ-TTg"), {"huyện": 2}),
    ("level", Filters(agency="Sở Nội vụ"), {"tỉnh": 3}),
    ("level", Filters(province="Lâm Đồng"), {}),
])
def test_groups_and_filters(corpus_db, by, filters, groups):
    rows = compare(store.open_db(corpus_db), by, filters)
    assert {r.group: r.plans for r in rows} == groups


def test_new_provinces_merge_groups(corpus_db):
    groups = [r.group for r in compare(store.open_db(corpus_db), "province", new_map=True)]
    assert groups == ["An Giang", "Cần Thơ", "Gia Lai", "Hà Tĩnh", "—"]


# --- text, CSV, HTML ---------------------------------------------------------------------

def test_text_table(by_province):
    table = text_table(list(by_province.values()))
    lines = table.splitlines()
    assert len({len(line) for line in lines}) == 1          # every line as wide
    assert re.search(r"\| Kiên Giang +\| 1 +\| 30% +\| 6 \(2–10\) +\| 11 +\| Q3:1 ", table)


def test_csv_has_a_column_per_figure(by_province):
    buffer = io.StringIO()
    write_csv(list(by_province.values()), buffer)
    table = {row["group"]: row for row in csv.DictReader(io.StringIO(buffer.getvalue()))}
    kien_giang = table["Kiên Giang"]
    assert (kien_giang["coverage_median"], kien_giang["month_08"], kien_giang["q3"]) == ("30.0", "1", "1")
    assert kien_giang["area: cải cách chế độ công vụ"] == "1.0"
    assert table["—"]["coverage_median"] == ""


def test_html_report_is_self_contained(by_province):
    page = html_report(list(by_province.values()), "province")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 3
    assert not re.search(r"(?:src|href)=\"?https?:", page)   # nothing fetched from a network
    assert "<script" not in page
    assert "Kiên Giang" in page and "30%" in page


def test_html_escapes_names():
    from pipeline.compare import GroupRow
    page = html_report([GroupRow(group="<b>Tỉnh</b> & co", plans=1)], "province")
    assert "&lt;b&gt;Tỉnh&lt;/b&gt; &amp; co" in page and "<b>Tỉnh" not in page


# --- the command ----------------------------------------------------------------------

def _run(*args):
    return CliRunner().invoke(compare_command, [str(a) for a in args])


def test_compare_command_table(corpus_db):
    result = _run("--by", "level", "--db", corpus_db)
    assert result.exit_code == 0, result.output
    assert re.search(r"\| huyện +\| 2 ", result.output)
    assert re.search(r"\| tỉnh +\| 3 +\| 30% ", result.output)


def test_compare_command_csv_and_html(corpus_db, tmp_path):
    result = _run("--by", "year", "--format", "csv", "--db", corpus_db, "--from", "2022")
    assert result.exit_code == 0, result.output
    assert [r["group"] for r in csv.DictReader(io.StringIO(result.output))] == ["2022", "2023", "2024"]
    out = tmp_path / "report.html"
    result = _run("--format", "html", "--out", out, "--new-provinces", "--db", corpus_db)
    assert result.exit_code == 0, result.output
    assert "5 groups" in result.output and "An Giang" in out.read_text(encoding="utf-8")


def test_compare_command_without_a_database(tmp_path):
    result = _run("--db", tmp_path / "none.db")
    assert result.exit_code == 1 and "cchc ingest" in result.output
