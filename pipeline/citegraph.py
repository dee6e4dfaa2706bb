"""The citation graph of the database: who cites what, resolved to stored documents.

An edge is one document citing one other (the `references` rows of `citations`: every
document cited anywhere, each once); when the citing document also names it in its
preamble, the edge carries that clause's relation (`căn cứ`, `thực hiện`, `đề nghị`).

Resolution, a cited document to a stored one (`resolve_edges`), by:
- the số ký hiệu, compared folded (`QĐ.TTg` = `QĐ-TTg`, `đ` = `d`);
- the year: a citation's date must agree with the stored issue date at the precision
  both have (`32/KH-UBND` of 2020 is not the `32/KH-UBND` of 2021);
- the place: a local ký hiệu (`KH-UBND`, `CTr/TU`) is one per province, so the stored
  document must be of the province the citation's issuer names (`UBND tỉnh Bắc Giang`)
  or, when it names none (`Ủy ban nhân dân tỉnh`), of the citing document's province.
  A central document (`QĐ-TTg`, `NĐ-CP`, `NQ/TW`, data in
  pipeline/data/central_bodies.yaml and issuers.yaml) is one nationwide.
A citation that leaves several stored documents, or none, stays unresolved: a wrong link
is worse than none. A document never resolves to itself.

Forms it avoids: citations without a số ký hiệu (a law cited by name and date) are edges
but never resolved, and are counted by type and date.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path
from typing import IO, Iterable, Optional

import sqlite_utils
import yaml

from pipeline.store import fold_ref
from pipeline.textfold import fold

DATA = Path(__file__).parent / "data"
_CODE_SPLIT = re.compile(r"[-‐‑–./]")


@dataclass(frozen=True)
class Edge:
    citing_id: int
    citing_ref: Optional[str]
    citing_province: Optional[str]
    cited_ref: Optional[str]
    cited_type: Optional[str]
    cited_date: Optional[str]
    cited_issuer: Optional[str]
    cited_title: Optional[str]
    cited_text: Optional[str]    # the words cited: names a law cited without a ref
    relation: Optional[str]      # the preamble clause's relation; None for a mention
    central: bool
    cited_id: Optional[int] = None  # the stored document it resolves to


@dataclass(frozen=True)
class Cited:
    """One cited document and how many stored documents cite it."""
    name: str                    # the ref, or the words naming a law cited without one
    ref: Optional[str]
    doc_type: Optional[str]
    date: Optional[str]
    issuer: Optional[str]
    title: Optional[str]
    central: bool
    cited_id: Optional[int]
    citing: int


# --- central or local ----------------------------------------------------------------

@cache
def _central_data() -> tuple[frozenset[str], tuple[str, ...]]:
    own = yaml.safe_load((DATA / "central_bodies.yaml").read_text(encoding="utf-8"))
    issuers = yaml.safe_load((DATA / "issuers.yaml").read_text(encoding="utf-8"))
    codes = {fold(c) for c in list(issuers["by_code"]) + own["codes"]}
    return frozenset(codes), tuple(fold(s) for s in own["issuer_starts"])


def organisation_code(ref: Optional[str]) -> Optional[str]:
    """The code ending a ký hiệu: `225/QĐ-TTg` → `TTg`, `72/2025/QH15` → `QH`, `05-NQ/TW` → `TW`."""
    if not ref:
        return None
    last = _CODE_SPLIT.split(ref.strip())[-1]
    return re.sub(r"\d+$", "", last) or None


def is_central(ref: Optional[str], issuer: Optional[str]) -> bool:
    """A document of a central body: by its ký hiệu's code, else by its issuer's name."""
    codes, starts = _central_data()
    code = organisation_code(ref)
    if code and fold(code) in codes:
        return True
    folded = fold(issuer or "")
    return any(folded.startswith(s) for s in starts)


@cache
def _issuer_province(issuer: Optional[str]) -> Optional[str]:
    """The province a local issuer names (`UBND tỉnh Bắc Giang` → Bắc Giang), else None."""
    from pipeline.gazetteer import find_units  # the map loads on first use only
    for unit in find_units(issuer or ""):
        if unit.level == "tỉnh":
            return unit.province
    return None


# --- edges -----------------------------------------------------------------------------

_EDGE_SQL = """
SELECT c.document_id, d.ref AS citing_ref, d.province AS citing_province, c.ref, c.ref_folded,
       c.doc_type, c.date, c.issuer, c.title, c.text,
       (SELECT b.relation FROM citations b WHERE b.document_id = c.document_id
          AND b.kind = 'legal_basis' AND b.ref_folded IS c.ref_folded
          AND (b.ref_folded IS NOT NULL OR b.date IS c.date) LIMIT 1) AS relation
FROM citations c JOIN documents d ON d.id = c.document_id
WHERE c.kind = 'reference'
ORDER BY c.document_id, c.id
"""


def edges(db: sqlite_utils.Database) -> list[Edge]:
    """Every edge of the database, resolved where the rules above settle it."""
    stored = _stored_by_ref(db)
    return [_edge(row, stored) for row in db.execute(_EDGE_SQL).fetchall()]


def _edge(row: tuple, stored: dict[str, list[dict]]) -> Edge:
    (citing_id, citing_ref, citing_province, ref, ref_folded, doc_type, date, issuer,
     title, text, relation) = row
    central = is_central(ref, issuer)
    edge = Edge(citing_id, citing_ref, citing_province, ref, doc_type, date, issuer, title,
                text, relation, central)
    found = resolve(edge, stored.get(ref_folded or "", []))
    return Edge(**{**asdict(edge), "cited_id": found})


def _stored_by_ref(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    by_ref: dict[str, list[dict]] = defaultdict(list)
    for row in db.query("SELECT id, ref_folded, issued_date, province, level FROM documents "
                        "WHERE ref_folded IS NOT NULL"):
        by_ref[row["ref_folded"]].append(row)
    return by_ref


def resolve(edge: Edge, candidates: Iterable[dict]) -> Optional[int]:
    """The one stored document (among those sharing the ref) the edge cites, else None."""
    left = [c for c in candidates if c["id"] != edge.citing_id
            and _dates_agree(edge.cited_date, c["issued_date"])
            and _places_agree(edge, c)]
    return left[0]["id"] if len(left) == 1 else None


def _dates_agree(cited: Optional[str], issued: Optional[str]) -> bool:
    """`2020-03-03` agrees with `2020-03` and `2020`; an unknown side agrees with any."""
    if not cited or not issued:
        return True
    shared = min(len(cited), len(issued))
    return cited[:shared] == issued[:shared]


def _places_agree(edge: Edge, stored: dict) -> bool:
    if edge.central or stored["level"] == "trung ương":
        return edge.central and stored["level"] in ("trung ương", None)
    expected = _issuer_province(edge.cited_issuer) or edge.citing_province
    return expected is None or stored["province"] in (None, expected)


# --- questions -------------------------------------------------------------------------

def _document_id(db: sqlite_utils.Database, ref: str) -> Optional[int]:
    from pipeline.store import get
    found = get(db, ref)
    return found["id"] if found else None


def cites(db: sqlite_utils.Database, ref: str) -> list[Edge]:
    """What the stored document `ref` (or id) cites; [] when it is not stored."""
    doc_id = _document_id(db, ref)
    return [e for e in edges(db) if e.citing_id == doc_id] if doc_id else []


def cited_by(db: sqlite_utils.Database, ref: str) -> list[Edge]:
    """Every edge to `ref`: those resolved to the stored document of that ref, and the
    unresolved ones naming the same số ký hiệu (which may be another year's or province's)."""
    folded = fold_ref(ref)
    doc_id = _document_id(db, ref)
    return [e for e in edges(db)
            if (doc_id is not None and e.cited_id == doc_id)
            or (e.cited_id is None and folded and fold_ref(e.cited_ref) == folded)]


def _cited_key(edge: Edge) -> tuple:
    """One key per cited document: the stored one, else ref + year (+ province if local)."""
    if edge.cited_id is not None:
        return ("id", edge.cited_id)
    year = (edge.cited_date or "")[:4] or None
    if edge.cited_ref is None:
        return ("untitled", fold(edge.cited_type or ""), edge.cited_date)
    place = None if edge.central else (_issuer_province(edge.cited_issuer)
                                       or edge.citing_province)
    return ("ref", fold_ref(edge.cited_ref), year, place)


def most_cited(db: sqlite_utils.Database, limit: int = 20, central_only: bool = False,
               among: Optional[set[int]] = None, all_edges: Optional[list[Edge]] = None
               ) -> list[Cited]:
    """Cited documents by the number of stored documents citing them, most first.

    `among` keeps only edges from those citing documents (a compare group)."""
    chosen = [e for e in (all_edges if all_edges is not None else edges(db))
              if (not central_only or e.central)
              and (among is None or e.citing_id in among)]
    citing: dict[tuple, set[int]] = defaultdict(set)
    first: dict[tuple, Edge] = {}
    for edge in chosen:
        key = _cited_key(edge)
        citing[key].add(edge.citing_id)
        first.setdefault(key, edge)
    order = sorted(citing, key=lambda k: (-len(citing[k]), first[k].cited_ref or ""))
    return [_cited(first[k], len(citing[k])) for k in order[:limit]]


def _cited(edge: Edge, count: int) -> Cited:
    return Cited(cited_name(edge), edge.cited_ref, edge.cited_type, edge.cited_date, edge.cited_issuer,
                 edge.cited_title, edge.central, edge.cited_id, count)


_NAME_END = re.compile(r"\s+(?:ngày\s|năm\s+\d{4}).*$|[;:(].*$", re.S)
NAME_LIMIT = 60


def cited_name(edge: Edge) -> str:
    """`225/QĐ-TTg`; for a law cited by name and date, its name and year:
    `Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015` → `Luật Tổ chức chính
    quyền địa phương (2015)`."""
    if edge.cited_ref:
        return edge.cited_ref
    words = _NAME_END.sub("", " ".join((edge.cited_text or edge.cited_type or "").split()))
    if len(words) > NAME_LIMIT:
        words = words[:NAME_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    year = (edge.cited_date or "")[:4]
    return f"{words or 'văn bản'} ({year})" if year else (words or "văn bản")


def write_edges_csv(all_edges: Iterable[Edge], out: IO[str]) -> int:
    """Write the edges as CSV (one header row, the Edge fields); return the row count."""
    writer = csv.writer(out)
    writer.writerow([f.name for f in fields(Edge)])
    count = 0
    for edge in all_edges:
        writer.writerow(["" if v is None else v for v in asdict(edge).values()])
        count += 1
    return count
