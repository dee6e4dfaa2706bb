"""The gazetteer of administrative units, on real names as documents write them."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import gazetteer
from pipeline.gazetteer import (district_kind, find_units, new_province, place_province,
                                province_named, provinces_of_district)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(gazetteer.DATA.read_text(encoding="utf-8"))


def test_data_file_holds_the_63_province_map(data):
    assert data["source"]["package"] == "vietnamadminunits"
    assert data["source"]["version"] and data["source"]["built"]
    assert len(data["provinces"]) == 63
    assert len(data["districts"]) > 690
    assert len(data["communes"]) > 10_000
    kinds = {d["kind"] for d in data["districts"]}
    assert kinds == {"huyện", "quận", "thị xã", "thành phố"}
    assert {c["kind"] for c in data["communes"]} == {"xã", "phường", "thị trấn"}
    cities = {p["name"] for p in data["provinces"]
              if p["kind"] == "thành phố trực thuộc trung ương"}
    assert cities == {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế"}


def test_data_file_holds_the_34_province_map(data):
    new_names = {p["name"] for p in data["provinces_2025"]}
    assert len(new_names) == 34
    merged = [old for p in data["provinces_2025"] for old in p["merged_from"]]
    assert sorted(merged) == sorted(p["name"] for p in data["provinces"])
    assert {p["new_province"] for p in data["provinces"]} == new_names


def test_committed_data_is_what_the_script_builds(data):
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built = script.build()
    for key in ("provinces", "districts", "communes", "provinces_2025", "communes_2025"):
        assert built[key] == data[key], key
    assert built["source"]["files"] == data["source"]["files"]


def test_reading_never_loads_the_package_or_a_geocoder():
    code = ("import sys; from pipeline import gazetteer as g;"
            "g.find_units('UBND huyện Chợ Mới'); g.place_province('Vinh');"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in"
            " ('vietnamadminunits', 'geopy', 'shapely')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("text, province", [
    ("Quảng Ngãi", "Quảng Ngãi"),
    ("tỉnh Quảng Ngãi", "Quảng Ngãi"),
    ("TỈNH QUẢNG NGÃI", "Quảng Ngãi"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP.Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP.HCM", "Hồ Chí Minh"),
    ("THÀNH PHỐ HÀ NỘI", "Hà Nội"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("tỉnh Hoà Bình", "Hòa Bình"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("tỉnh Thừa Thiên Huế", "Thừa Thiên Huế"),
    ("Huế", "Huế"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Đăk Lăk", "Đắk Lắk"),
    ("Bắc Cạn", "Bắc Kạn"),
    ("thành phố Vinh", None),        # a city of Nghệ An, not a province
    ("huyện Quảng Ninh", None),      # a district of Quảng Bình, named like a province
    ("Nghi Xuân", None),
    ("xã hội", None),
])
def test_province_named(text, province):
    assert province_named(text) == province


@pytest.mark.parametrize("name, kind, provinces", [
    ("Chợ Mới", None, {"An Giang", "Bắc Kạn"}),
    ("huyện Chợ Mới", None, {"An Giang", "Bắc Kạn"}),
    ("Chợ Mới", "thị xã", set()),
    ("Nghi Xuân", None, {"Hà Tĩnh"}),
    ("Kỳ Anh", "thị xã", {"Hà Tĩnh"}),
    ("Rạch Giá", "thành phố", {"Kiên Giang"}),
    ("Rạch Giá", "huyện", set()),
    ("Quận 9", None, {"Hồ Chí Minh"}),   # merged into Thủ Đức in 2021
    ("Hoành Bồ", None, {"Quảng Ninh"}),  # merged into Hạ Long in 2019
    ("Atlantis", None, set()),
])
def test_provinces_of_district(name, kind, provinces):
    assert provinces_of_district(name, kind) == provinces


@pytest.mark.parametrize("place, date, expected", [
    ("Nghi Xuân", None, ("Hà Tĩnh", False)),
    ("Kiên Giang", None, ("Kiên Giang", False)),
    ("Cần Thơ", None, ("Cần Thơ", False)),
    ("TP. Hồ Chí Minh", None, ("Hồ Chí Minh", False)),
    ("TP.Hồ Chí Minh", "2001-10-23", ("Hồ Chí Minh", False)),
    ("Hà Nội", None, ("Hà Nội", False)),
    ("Vinh", None, ("Nghệ An", False)),
    ("Rạch Giá", None, ("Kiên Giang", False)),
    ("Hà Tĩnh", None, ("Hà Tĩnh", False)),    # province wins over its city
    ("Chợ Mới", None, (None, True)),          # huyện in An Giang and in Bắc Kạn
    ("Châu Thành", None, (None, True)),
    ("Huế", "2020-05-04", ("Thừa Thiên Huế", False)),
    ("Huế", "2025-03-01", ("Huế", False)),
    ("Phúc Xá", None, ("Hà Nội", False)),     # a commune-level body's place
    ("Đồng Tháp", "2025-12-01", ("Đồng Tháp", False)),
    ("Atlantis", None, (None, False)),
])
def test_place_province(place, date, expected):
    assert place_province(place, date) == expected


@pytest.mark.parametrize("name, province, kind", [
    ("An Biên", None, "huyện"),
    ("Rạch Giá", None, "thành phố"),
    ("Hà Tiên", None, "thành phố"),           # a thành phố since 2018
    ("Hồng Lĩnh", "Hà Tĩnh", "thị xã"),
    ("Ba Đình", "Hà Nội", "quận"),
    ("Châu Thành", "Tiền Giang", "huyện"),
    ("Kỳ Anh", "Hà Tĩnh", None),              # both a huyện and a thị xã
    ("Rạch Giá", "Hà Tĩnh", None),
    ("Cần Thơ", None, None),                  # a province, not a district
])
def test_district_kind(name, province, kind):
    assert district_kind(name, province) == kind


@pytest.mark.parametrize("text, date, units", [
    ("ỦY BAN NHÂN DÂN\nHUYỆN CHỢ MỚI", None,
     [("huyện", "Chợ Mới", "huyện", None)]),
    ("UBND huyện Chợ Mới, tỉnh An Giang", None,
     [("huyện", "Chợ Mới", "huyện", None), ("tỉnh", "An Giang", "tỉnh", "An Giang")]),
    ("Ủy ban nhân dân tỉnh Bình Định", None, [("tỉnh", "Bình Định", "tỉnh", "Bình Định")]),
    ("Ủy ban nhân dân thành phố Cần Thơ", None,
     [("thành phố", "Cần Thơ", "tỉnh", "Cần Thơ")]),
    ("Ủy ban nhân dân thành phố Rạch\nGiá", None,
     [("thành phố", "Rạch Giá", "huyện", "Kiên Giang")]),
    ("UBND thị xã Hà Tiên", "2015-01-01", [("thị xã", "Hà Tiên", "huyện", "Kiên Giang")]),
    ("UBND TP.HCM", None, [("thành phố", "Hồ Chí Minh", "tỉnh", "Hồ Chí Minh")]),
    ("UBND thành phố Huế", "2020-01-01", [("thành phố", "Huế", "huyện", "Thừa Thiên Huế")]),
    ("tỉnh Bà Rịa - Vũng Tàu", None,
     [("tỉnh", "Bà Rịa - Vũng Tàu", "tỉnh", "Bà Rịa - Vũng Tàu")]),
    ("UBND xã Nghi Xuân, Phường 01, thị trấn Nông trường Việt Lâm", None,
     [("xã", "Nghi Xuân", "xã", "Nghệ An"), ("phường", "1", "xã", None),  # a xã of Vinh
      ("thị trấn", "Nông trường Việt Lâm", "xã", "Hà Giang")]),
    ("UBND xã Nghi Xuân", "2025-08-01", [("xã", "Nghi Xuân", "xã", "Hà Tĩnh")]),  # new map
    ("huyện Cư M'gar", None, [("huyện", "Cư M'gar", "huyện", "Đắk Lắk")]),
    ("các huyện, thành phố: An Biên, Rạch Giá; công tác xã hội", None, []),
    ("Thành phố chủ trì, phối hợp", None, []),     # `chủ` is not the town Chũ
    ("cấp xã từ năm 2023", None, []),
])
def test_find_units(text, date, units):
    found = find_units(text, date)
    assert [(u.kind, u.name, u.level, u.province) for u in found] == units
    for unit in found:
        assert province_named(text[unit.start:unit.end]) in (None, unit.name)


def test_find_units_spans_cover_kind_and_name():
    text = "Căn cứ Quyết định của UBND tỉnh Kiên Giang về huyện An Biên."
    spans = [text[u.start:u.end] for u in find_units(text)]
    assert spans == ["tỉnh Kiên Giang", "huyện An Biên"]


@pytest.mark.parametrize("old, new", [
    ("Kiên Giang", "An Giang"),
    ("tỉnh Bình Dương", "Hồ Chí Minh"),
    ("Thừa Thiên Huế", "Huế"),
    ("Hà Giang", "Tuyên Quang"),
    ("Hà Nội", "Hà Nội"),
    ("Atlantis", None),
])
def test_new_province(old, new):
    assert new_province(old) == new
