"""Search the stored documents: a số ký hiệu first, then words ranked by bm25.

Forms it reads, with or without diacritics (the query is folded to ASCII,
đ → d, as the indexed columns are):
- words: `kiem tra cai cach hanh chinh`, `kiểm tra cải cách hành chính`;
  every word must occur (FTS5 AND), and documents holding them in a row,
  as one phrase, rank first;
- a "quoted phrase": its words must follow one another;
- a số ký hiệu in the query (`32/KH-UBND`, `32 /KH-UBND`, `05-NQ/HU`,
  `30/2018/QĐ-UBND`, a draft's `/KH-UBND`): the documents whose own ref is
  that one rank above every text match; its words are also a phrase for the
  text match, so documents citing it follow.
Filters (`Filters`): province, level, type, year, a date range at any precision
(`--from 2021 --to 2022-06`), the documents citing a số ký hiệu, and the documents a
body issued or is given a role in; compared folded, so `ha tinh` = `Hà Tĩnh`.
Forms it avoids: FTS5 operators typed by the user (AND, OR, NEAR, `*`) are
searched as words, never run; a ref cited by a document does not make it a
ref match (citations are a different question).

Snippets come from the original canonical text, diacritics kept: the text is
folded one character to one character (`fold_chars`), so an offset found in
the fold is the same offset in the original.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional

import sqlite_utils

from pipeline.agencies import agency_key
from pipeline.store import fold_ref
from pipeline.textfold import fold_ascii

# bm25 weights of the FTS columns (title_folded, text_folded, ref): a word of
# the trích yếu says more about a document than one in its body
BM25 = "bm25(documents_fts, 10.0, 1.0, 5.0)"
SNIPPET_WIDTH = 200

# số ký hiệu: a number (or nothing, for a draft) then "/" and a symbol with a letter
_REF_LIKE = re.compile(
    r"(?<![\w/])(?:\d[\w.\-‐‑–—]*)?\s*/\s*[\w.\-‐‑–—/]*[^\W\d_][\w.\-‐‑–—/]*")
_QUOTED = re.compile(r'"([^"]*)"')
_TOKEN = re.compile(r"[^\W_]+")  # what FTS5 unicode61 calls a token
_JOINER_GAP = re.compile(r"[\s\-‐‑–—/.]*")
_PLACE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")


@dataclass(frozen=True)
class Hit:
    id: int
    ref: Optional[str]
    doc_type: Optional[str]
    title: Optional[str]
    province: Optional[str]
    issued_date: Optional[str]
    score: float
    snippet: str


@dataclass(frozen=True)
class Query:
    refs: tuple[str, ...]                 # số ký hiệu as typed
    phrases: tuple[tuple[str, ...], ...]  # folded tokens of each ref and "quoted phrase"
    words: tuple[str, ...]                # the other folded tokens, in order

    def units(self, words_as_phrase: bool = False) -> tuple[tuple[str, ...], ...]:
        """What must match: each phrase, and the words one by one or as one phrase."""
        if words_as_phrase and self.words:
            return self.phrases + (self.words,)
        return self.phrases + tuple((w,) for w in self.words)


def parse_query(query: str) -> Query:
    """Split a query into refs, quoted phrases and single words, all folded."""
    refs = tuple(m.group().strip() for m in _REF_LIKE.finditer(query))
    rest = _REF_LIKE.sub(" ", query)
    phrases = [_tokens(r) for r in refs] + [_tokens(p) for p in _QUOTED.findall(rest)]
    words = _tokens(_QUOTED.sub(" ", rest))
    return Query(refs, tuple(p for p in phrases if p), words)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold_ascii(text)))


def fts_expression(units: Iterable[tuple[str, ...]]) -> str:
    """`(("32","kh","ubnd"), ("kiem",))` → `"32 kh ubnd" "kiem"`: quoted, so never an operator."""
    return " ".join('"' + " ".join(unit) + '"' for unit in units)


# --- the search ------------------------------------------------------------

def search(db: sqlite_utils.Database, query: str, province: Optional[str] = None,
           level: Optional[str] = None, year: Optional[int | str] = None,
           doc_type: Optional[str] = None, limit: int = 20,
           date_from: Optional[str] = None, date_to: Optional[str] = None,
           cites: Optional[str] = None, agency: Optional[str] = None) -> list[Hit]:
    """Documents matching `query` and the filters, best first (at most `limit`).

    Three tiers, each ranked by bm25 inside: documents whose own ref the query
    names; documents holding the query's words as one phrase (a Vietnamese
    term is several syllables: `cải cách hành chính`); documents holding every
    word anywhere. A higher tier always scores above a lower one.
    """
    where, args = Filters(province, level, year, doc_type, date_from, date_to, cites,
                          agency).sql(db)
    parsed = parse_query(query)
    if not parsed.phrases and not parsed.words:
        return [_hit(row, 0.0, parsed) for row in _listing(db, where, args, limit)]
    tiers = [[(row, 0.0) for row in _ref_matches(db, parsed, where, args)]]
    if len(parsed.words) > 1:
        tiers.append(_text_matches(db, parsed.units(True), where, args, limit))
    tiers.append(_text_matches(db, parsed.units(), where, args, limit))
    return [_hit(row, score, parsed) for row, score in _stack(tiers)[:limit]]


def _stack(tiers: list[list[tuple[dict, float]]]) -> list[tuple[dict, float]]:
    """Tiers best first → one list, each document once, scores lifted so that
    every score of a tier is above every score of the tiers below it."""
    lifted, floor = [], 0.0
    for tier in reversed(tiers):
        lifted.append([(row, score + floor) for row, score in tier])
        floor = max((score for _, score in lifted[-1]), default=floor) + 1.0
    ranked, seen = [], set()
    for tier in reversed(lifted):
        for row, score in tier:
            if row["id"] not in seen:
                seen.add(row["id"])
                ranked.append((row, score))
    return ranked


_COLUMNS = "d.id, d.ref, d.doc_type, d.title, d.province, d.issued_date, d.text"


def _ref_matches(db, parsed: Query, where: str, args: list) -> list[dict]:
    folded = sorted({fold_ref(r) for r in parsed.refs} - {None})
    if not folded:
        return []
    marks = ", ".join("?" for _ in folded)
    sql = (f"SELECT {_COLUMNS} FROM documents d WHERE d.ref_folded IN ({marks}){where} "
           "ORDER BY d.issued_date DESC, d.id DESC")
    return list(db.query(sql, folded + args))


def _text_matches(db, units: tuple[tuple[str, ...], ...], where: str, args: list,
                  limit: int) -> list[tuple[dict, float]]:
    # Rank first, read the texts of the winners after: with d.text in the ranked
    # SELECT, SQLite carries every matching document's text through the sorter.
    sql = (f"SELECT {_COLUMNS}, ranked.score FROM ("
           f"SELECT documents_fts.rowid AS id, -{BM25} AS score FROM documents_fts "
           "JOIN documents d ON d.id = documents_fts.rowid "
           f"WHERE documents_fts MATCH ?{where} ORDER BY {BM25} LIMIT ?) AS ranked "
           "JOIN documents d ON d.id = ranked.id ORDER BY ranked.score DESC")
    rows = db.query(sql, [fts_expression(units)] + args + [limit])
    return [(row, row.pop("score")) for row in rows]


def _listing(db, where: str, args: list, limit: int) -> list[dict]:
    sql = (f"SELECT {_COLUMNS} FROM documents d WHERE 1{where} "
           "ORDER BY d.issued_date DESC, d.id DESC LIMIT ?")
    return list(db.query(sql, args + [limit]))


@dataclass(frozen=True)
class Filters:
    """Which documents a search or a comparison looks at; every set field must hold.

    `date_from`/`date_to` are ISO bounds at any precision (`2022`, `2022-06`), compared
    at the bound's precision, both inclusive: `--to 2022` keeps `2022-03` and `2022`.
    `cites` keeps documents citing that số ký hiệu (compared folded); `agency` keeps
    documents a body issued or gives a role to (`Sở Nội vụ`, `UBND tỉnh Kiên Giang`:
    compared by `agency_key`, so `UBND` = `Ủy ban nhân dân`).
    """
    province: Optional[str] = None
    level: Optional[str] = None
    year: Optional[int | str] = None
    doc_type: Optional[str] = None
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    cites: Optional[str] = None
    agency: Optional[str] = None

    def sql(self, db: sqlite_utils.Database) -> tuple[str, list]:
        """SQL conditions on `documents d` (each starting with AND) and their arguments."""
        _register_functions(db)
        clauses = [c for c in (self._place(), self._time(), self._links()) if c]
        where = "".join(f" AND {c}" for part in clauses for c in part[0])
        return where, [a for part in clauses for a in part[1]]

    def _place(self) -> tuple[list[str], list]:
        clauses, args = [], []
        if self.province:
            clauses.append("cchc_fold(d.province) = ?")
            args.append(_PLACE_PREFIX.sub("", fold_ascii(self.province)))
        if self.level:
            clauses.append("cchc_fold(d.level) = ?")
            args.append(fold_ascii(self.level))
        if self.doc_type:
            clauses.append("cchc_fold(d.doc_type) = ?")
            args.append(fold_ascii(self.doc_type))
        return clauses, args

    def _time(self) -> tuple[list[str], list]:
        clauses, args = [], []
        if self.year:
            clauses.append("substr(d.issued_date, 1, 4) = ?")
            args.append(str(self.year))
        for bound, op in ((self.date_from, ">="), (self.date_to, "<=")):
            if bound:
                clauses.append(f"substr(d.issued_date, 1, length(?)) {op} ?")
                args += [str(bound), str(bound)]
        return clauses, args

    def _links(self) -> tuple[list[str], list]:
        clauses, args = [], []
        if self.cites:
            clauses.append("EXISTS (SELECT 1 FROM citations c WHERE c.document_id = d.id "
                           "AND c.ref_folded = ?)")
            args.append(fold_ref(self.cites))
        if self.agency:
            clauses.append("(cchc_agency_key(d.issuer) = ? OR EXISTS (SELECT 1 FROM "
                           "responsibilities r WHERE r.document_id = d.id AND r.agency_key = ?))")
            args += [agency_key(self.agency)] * 2
        return clauses, args


def _register_functions(db: sqlite_utils.Database) -> None:
    def cchc_fold(value):
        return fold_ascii(value) if value else value

    def cchc_agency_key(value):
        return agency_key(value) if value else value
    # registered once per connection: register_function skips a known name
    db.register_function(cchc_fold, deterministic=True)
    db.register_function(cchc_agency_key, deterministic=True)


def _hit(row: dict, score: float, parsed: Query) -> Hit:
    return Hit(row["id"], row["ref"], row["doc_type"], row["title"], row["province"],
               row["issued_date"], score,
               snippet(row["text"] or "", parsed.units(True) + parsed.units()))


# --- snippets --------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character to one: `Ế` → `e`, `Đ` → `d`. A lone combining mark
    (NFD text, which the canonical text never is) becomes a space."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    if unicodedata.combining(base):
        return " "
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _FoldTable(dict):
    """str.translate's table, filled on first sight of each character."""
    def __missing__(self, code: int) -> str:
        self[code] = _fold_char(chr(code))
        return self[code]


_FOLD_TABLE = _FoldTable()


def fold_chars(text: str) -> str:
    """`fold_ascii` without collapsing spaces: len(fold_chars(t)) == len(t)."""
    return text.translate(_FOLD_TABLE)


@functools.lru_cache(maxsize=1024)
def _unit_pattern(unit: tuple[str, ...]) -> re.Pattern:
    # words of a phrase may be split by a line break or a joiner (`32 /KH-UBND`)
    body = r"[\W_]+".join(re.escape(t) for t in unit)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


def match_spans(text: str, units: Iterable[tuple[str, ...]]) -> list[list[tuple[int, int]]]:
    """For each unit, the offsets in `text` of its occurrences, in order."""
    folded = fold_chars(text)
    return [[m.span() for m in _unit_pattern(u).finditer(folded)] for u in units]


def snippet(text: str, units: Iterable[tuple[str, ...]], width: int = SNIPPET_WIDTH) -> str:
    """A window of `text` around the first match of the first unit that
    matches (units come best first), every match inside marked `[like this]`.

    Only the window is searched for the marks: a long text is scanned once
    for the anchor, not once per unit for every occurrence."""
    folded = fold_chars(text)
    patterns = [_unit_pattern(u) for u in dict.fromkeys(units)]
    anchor = next((found.span() for found in map(lambda p: p.search(folded), patterns)
                   if found), None)
    if anchor is None:
        return _squeeze(_window_text(text, 0, min(len(text), width), []))
    start = max(0, anchor[0] - width // 3)
    end = max(anchor[1], min(len(text), start + width))
    start, end = _snap(text, start, end, anchor)
    # endpos one past the window, so the word-end check sees the next character
    inside = sorted(m.span() for p in patterns
                    for m in p.finditer(folded, start, min(len(folded), end + 1))
                    if m.end() <= end)
    return _squeeze(_window_text(text, start, end, _merge(text, inside)))


def _snap(text: str, start: int, end: int, first: tuple[int, int]) -> tuple[int, int]:
    """Move the window's edges to spaces, so no word is cut, never past the first match."""
    while 0 < start < first[0] and not text[start - 1].isspace():
        start += 1
    while first[1] < end < len(text) and not text[end].isspace():
        end -= 1
    return start, end


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join matches that overlap or stand apart only by spaces and joiners:
    `[kiểm tra]`, `[32/KH-UBND]`."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or _JOINER_GAP.fullmatch(text[merged[-1][1]:start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window_text(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    pieces, at = [], start
    for mark_start, mark_end in marks:
        pieces += [text[at:mark_start], "[", text[mark_start:mark_end], "]"]
        at = mark_end
    pieces.append(text[at:end])
    return ("…" if start > 0 else "") + "".join(pieces) + ("…" if end < len(text) else "")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
