"""The same plan as .txt, .docx and text .pdf gives the same header fields.

The .docx and .pdf are built by tests/fixtures_build.py from the real text of the
Kiên Giang plan 32/KH-UBND (2020), laid out as Nghị định 30/2020 sets a document."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import process

import fixtures_build as build

FIELDS = ["doc_type", "ref", "number", "symbol", "title", "issuer", "place", "issued_date",
          "province", "level", "period", "signer", "recipients"]


def _as_text(path: Path) -> Path:
    lines = (build.HEADER_LEFT + build.HEADER_RIGHT + [""] + build.TITLE + [""] + build.BODY
             + [""] + build.RECIPIENTS + [""] + build.SIGNATURE)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _header(record) -> dict:
    fields = record.model_dump(include=set(FIELDS))
    fields["legal_bases"] = sorted(b.ref for b in record.legal_bases)
    return fields


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict:
    pytest.importorskip("reportlab")
    folder = tmp_path_factory.mktemp("formats")
    return {
        "txt": process(_as_text(folder / "plan.txt")),
        "docx": process(build.build_docx(folder / "plan.docx")),
        "pdf": process(build.build_pdf(folder / "plan.pdf")),
    }


def test_text_version_reads_the_plan(records) -> None:
    header = _header(records["txt"])
    assert header["ref"] == "32/KH-UBND"
    assert header["issuer"] == "Ủy ban nhân dân tỉnh Kiên Giang"
    assert header["issued_date"] == "2020-03-03"
    assert header["signer"] == {"name": "Lê Thị Minh Phụng", "position": "Phó Chủ tịch", "authority": "KT. Chủ tịch"}
    assert header["legal_bases"] == ["164/KH-UBND", "225/QĐ-TTg"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_formats_give_the_same_header(records, fmt) -> None:
    assert _header(records[fmt]) == _header(records["txt"])
