"""Document types of Nghị định 30/2020/NĐ-CP and their ký hiệu abbreviations,
read from data/doc_types.yaml on first use."""
from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from .textfold import fold


def entries() -> list[dict]:
    """Every entry of data/doc_types.yaml: name, abbr (list), header (bool)."""
    return _types()


@cache
def _types() -> list[dict]:
    raw = resources.files("pipeline.data").joinpath("doc_types.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(raw)


def header_types() -> list[str]:
    """Type names that can head a document (the type line under the header)."""
    return sorted({entry["name"] for entry in _types() if entry["header"]})


def all_types() -> list[str]:
    return sorted({entry["name"] for entry in _types()})


def name_for_upper(word: str) -> str:
    """`KẾ HOẠCH` → `Kế hoạch`; unknown words come back in sentence case."""
    key = fold(" ".join(word.split()))
    for name in all_types():
        if fold(name) == key:
            return name
    if key.startswith("đê cương"):
        return "Đề cương"
    if key.startswith("phu luc"):
        return "Phụ lục"
    word = " ".join(word.split())
    return word[:1].upper() + word[1:].lower()


def abbreviations() -> dict[str, str]:
    """Upper-case ký hiệu abbreviation → type name (`KH` → `Kế hoạch`)."""
    return _by_abbreviation()


@cache
def _by_abbreviation() -> dict[str, str]:
    table = {}
    for entry in _types():
        for abbr in entry["abbr"]:
            table.setdefault(abbr.upper(), entry["name"])
    return table


def type_for_abbreviation(abbr: str) -> str | None:
    """`KH` → `Kế hoạch`; None for a code that names no type (a Công văn's symbol)."""
    return _by_abbreviation().get(abbr.upper().replace(".", ""))
