"""Build pipeline/data/admin_units.json from the data files of `vietnamadminunits`.

The package `vietnamadminunits` (PyPI, MIT, github.com/tranngocminhhieu/vietnamadminunits)
ships a SQLite file with the 63-province map in force until 30 June 2025 (63 provinces, 696
districts, 10,035 communes, with GSO codes and kinds) and the 34-province map from 1 July 2025
(34 provinces, 3,321 communes), plus a JSON table that tells which old provinces and communes
merged into which new ones. It also keeps ASCII keys of former district names (Hoành Bồ, Quận 9).

This script reads those files directly (sqlite3 and json, never `import vietnamadminunits`,
whose parser module builds a geocoder client): no code path here touches the network. It writes
one JSON file, one unit per line so a diff shows what changed:

- `source`: package, version, sha256 of the files read, date built;
- `provinces`: the 63, each with `code`, `name` (without Tỉnh/Thành phố), `kind` (`tỉnh` or
  `thành phố trực thuộc trung ương`), `aliases` (abbreviations and spelling variants written
  in documents), `former_names` (a name the unit bore earlier in the 63-province period, with
  the date it ended), `new_province` (the province it belongs to from 1 July 2025);
- `districts`: `code`, `name`, `kind` (`huyện`, `quận`, `thị xã`, `thành phố`), `province`,
  `former_keys` (the package's ASCII keys of names the district bore before a merger);
- `communes`: `code`, `name`, `kind` (`xã`, `phường`, `thị trấn`), `district`,
  `district_code`, `province`;
- `provinces_2025`: the 34, with `code`, `name`, `kind`, `merged_from` (old province names);
- `communes_2025`: `code`, `name`, `kind` (`xã`, `phường`, `đặc khu`), `province`.

Run: .venv/bin/python scripts/build_gazetteer.py [--out pipeline/data/admin_units.json]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

PACKAGE = "vietnamadminunits"
OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "admin_units.json"

PROVINCE_CITY = "thành phố trực thuộc trung ương"
# Kind words as the package prints them (some rows capitalise the second word).
UNIT_KINDS = ("thành phố", "thị xã", "thị trấn", "huyện", "quận", "phường", "xã",
              "tỉnh", "đặc khu")

# How documents write province names besides the official form. Tone placement
# (Hoà/Hòa) and dash spacing need no entry: the reader folds both away.
ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TPHCM", "HCM", "TP HCM", "Sài Gòn - Gia Định"],
    "Bà Rịa - Vũng Tàu": ["BR-VT", "BRVT"],
    "Bắc Kạn": ["Bắc Cạn"],
    "Đắk Lắk": ["Đắc Lắc", "Đắk Lắc", "Đắc Lắk", "Daklak"],
    "Đắk Nông": ["Đắc Nông", "Daknong"],
    "Kon Tum": ["Kontum"],
}
# Huế was the province Thừa Thiên Huế until it became a centrally-run city on
# 1 January 2025 (Nghị quyết 1314/NQ-UBTVQH15); the package holds the new name only.
FORMER_NAMES = {
    "Huế": [{"name": "Thừa Thiên Huế", "kind": "tỉnh", "until": "2024-12-31",
             "aliases": ["TT-Huế", "TT Huế"]}],
}


def package_data_dir() -> Path:
    """The package's data folder, found without importing (and so running) the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_kind(full: str, kind_hint: str | None = None) -> tuple[str, str]:
    """`Thị Trấn Ái Tử` → (`thị trấn`, `Ái Tử`). The name's own prefix wins over the
    package's type column, which is wrong on a few rows (`Phường 5` typed `Xã`)."""
    for kind in UNIT_KINDS:
        if full.lower().startswith(kind + " "):
            return kind, full[len(kind) + 1:].strip()
    if kind_hint is None:
        raise ValueError(f"no kind word in {full!r}")
    return kind_hint.lower(), full


def read_legacy(db: sqlite3.Connection) -> tuple[list[dict], list[dict], list[dict]]:
    """The 63-province map: provinces, districts, communes in GSO code order."""
    provinces: dict[str, dict] = {}
    districts: dict[str, dict] = {}
    communes: list[dict] = []
    rows = db.execute(
        "SELECT province, provinceCode, provinceKey, district, districtCode, districtType,"
        " districtAlias, ward, wardCode, wardType FROM admin_units_legacy"
        " ORDER BY provinceCode, districtCode, wardCode")
    for (province, p_code, p_key, district, d_code, d_type, d_alias,
         ward, w_code, w_type) in rows:
        p_kind, p_name = split_kind(province)
        if p_code not in provinces:
            provinces[p_code] = {
                "code": p_code, "name": p_name,
                "kind": PROVINCE_CITY if p_kind == "thành phố" else "tỉnh",
                "aliases": ALIASES.get(p_name, []),
                "former_names": FORMER_NAMES.get(p_name, []),
                "key": p_key}
        d_kind, d_name = split_kind(district, d_type)
        if d_code not in districts:
            districts[d_code] = {
                "code": d_code, "name": d_name, "kind": d_kind, "province": p_name,
                "former_keys": former_keys(d_alias, d_name)}
        if ward is None:  # island districts with no commune (Hoàng Sa, Bạch Long Vĩ)
            continue
        w_kind, w_name = split_kind(ward, w_type)
        communes.append({"code": w_code, "name": w_name, "kind": w_kind,
                         "district": d_name, "district_code": d_code,
                         "province": p_name})
    return list(provinces.values()), list(districts.values()), communes


ALIAS_PREFIXES = ("huyen", "quan", "thixa", "thanhpho", "district", "tx", "tp", "q")
# An alias without a bare partner: its kind word may be long, short, or trailing.
UNPAIRED_PREFIX = re.compile(r"^(huyen|quan|thixa|thanhpho|district|tx|tp|q(?=\d))|thixa$")


def former_keys(alias_json: str | None, name: str) -> list[str]:
    """The package's ASCII aliases of a district come in pairs (`huyenhoanhbo`,
    `hoanhbo`) or alone with a kind prefix (`huyenquevo`). Keep the bare name of
    each, minus the district's own current name: what is left are former names."""
    if not alias_json:
        return []
    keys = json.loads(alias_json)
    bare = {k[len(p):] for k in keys for p in ALIAS_PREFIXES
            if k.startswith(p) and k[len(p):] in keys}
    prefixed = {p + b for b in bare for p in ALIAS_PREFIXES}
    for key in keys:
        if key not in bare and key not in prefixed:
            bare.add(UNPAIRED_PREFIX.sub("", key))
    current = ascii_name(name)
    names = {b.lstrip("0") if b.isdigit() else b for b in bare}
    return sorted(n for n in names if n and n != current)


def ascii_name(name: str) -> str:
    """`Phú Yên` → `phuyen`, the package's key form (letters only, đ → d)."""
    decomposed = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(
        c for c in decomposed if not unicodedata.combining(c)))


def read_2025(db: sqlite3.Connection, converter: dict,
              old_by_key: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """The 34-province map and the communes under it."""
    provinces: dict[str, dict] = {}
    communes: list[dict] = []
    rows = db.execute("SELECT province, provinceCode, provinceKey, ward, wardCode, wardType"
                      " FROM admin_units ORDER BY provinceCode, wardCode")
    for province, p_code, p_key, ward, w_code, w_type in rows:
        p_kind, p_name = split_kind(province)
        if p_code not in provinces:
            provinces[p_code] = {
                "code": p_code, "name": p_name,
                "kind": PROVINCE_CITY if p_kind == "thành phố" else "tỉnh",
                "merged_from": [old_by_key[k] for k in converter["DICT_PROVINCE"][p_key]]}
        w_kind, w_name = split_kind(ward, w_type)
        communes.append({"code": w_code, "name": w_name, "kind": w_kind, "province": p_name})
    return list(provinces.values()), communes


def attach_new_provinces(provinces: list[dict], provinces_2025: list[dict]) -> None:
    new_of = {old: new["name"] for new in provinces_2025 for old in new["merged_from"]}
    for province in provinces:
        province["new_province"] = new_of[province["name"]]
        del province["key"]


def dump(data: dict) -> str:
    """JSON with one unit per line: small diffs, easy review."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            lines = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f'  "{key}": [\n{lines}\n  ]')
        else:
            parts.append(f'  "{key}": ' + json.dumps(value, ensure_ascii=False))
    return "{\n" + ",\n".join(parts) + "\n}\n"


def build() -> dict:
    data_dir = package_data_dir()
    db_path, conv_path = data_dir / "dataset.db", data_dir / "converter_2025.json"
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    converter = json.loads(conv_path.read_text(encoding="utf-8"))
    provinces, districts, communes = read_legacy(db)
    old_by_key = {p["key"]: p["name"] for p in provinces}
    provinces_2025, communes_2025 = read_2025(db, converter, old_by_key)
    attach_new_provinces(provinces, provinces_2025)
    source = {
        "package": PACKAGE,
        "version": importlib.metadata.version(PACKAGE),
        "files": {p.name: sha256(p) for p in (db_path, conv_path)},
        "tables": ["admin_units_legacy (63 provinces, before 1 July 2025)",
                   "admin_units (34 provinces, from 1 July 2025)",
                   "converter_2025.json DICT_PROVINCE (old → new provinces)"],
        "built": dt.date.today().isoformat(),
        "builder": "scripts/build_gazetteer.py",
    }
    return {"source": source, "provinces": provinces, "districts": districts,
            "communes": communes, "provinces_2025": provinces_2025,
            "communes_2025": communes_2025}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build()
    args.out.write_text(dump(data), encoding="utf-8")
    print(f"{args.out}: {len(data['provinces'])} provinces, {len(data['districts'])} districts,"
          f" {len(data['communes'])} communes; {len(data['provinces_2025'])} provinces and"
          f" {len(data['communes_2025'])} communes from 2025-07-01")


if __name__ == "__main__":
    main()
