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

Snippets come from the original canonical text, diacritics kept: each folded
word is searched in the original as a pattern whose letters are classes of
the characters folding to them (`fold_chars`, one character to one), so an
offset found is an offset in the original and no text is folded to be searched.

Speed (10,000 plans, `bench/search_latency.py`): a common phrase (`cai cach
hanh chinh`) is in nearly every document and FTS5 scores every match, so a
tier costs up to 20-30 ms of bm25. Hence: a tier runs only when the tiers
above leave room under the limit; the FTS table is ranked without joining
`documents`; a filter the indexes answer is applied inside the ranking query
(bm25 then scores only the documents that pass), any other is checked down
the ranking in batches (`_Passing`); snippets search only the hits' texts.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Optional

import sqlite_utils

from pipeline.agencies import agency_key
from pipeline.store import fold_ref
from pipeline.textfold import fold_ascii, fold_ascii_char, fold_chars  # noqa: F401 (fold_chars: public here too)

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
    word anywhere. A higher tier always scores above a lower one, so a tier is
    only run when the tiers above it leave room under `limit`.
    """
    where, args = Filters(province, level, year, doc_type, date_from, date_to, cites,
                          agency).sql(db)
    parsed = parse_query(query)
    if not parsed.phrases and not parsed.words:
        return [_hit(row, 0.0, parsed) for row in _listing(db, where, args, limit)]
    tiers = [[(doc_id, 0.0) for doc_id in _ref_matches(db, parsed, where, args)]]
    unit_tiers = [parsed.units(True)] if len(parsed.words) > 1 else []
    passing = _Passing(db, where, args) if where else None
    for units in unit_tiers + [parsed.units()]:
        if len(_stack(tiers)) >= limit or (passing and passing.none):
            break
        tiers.append(_text_matches(db, units, passing, limit))
    ranked = _stack(tiers)[:limit]
    rows = _rows(db, [doc_id for doc_id, _ in ranked])
    return [_hit(rows[doc_id], score, parsed) for doc_id, score in ranked]


def _stack(tiers: list[list[tuple[int, float]]]) -> list[tuple[int, float]]:
    """Tiers of (id, score) best first → one list, each document once, scores
    lifted so that every score of a tier is above every score of the tiers below it."""
    lifted, floor = [], 0.0
    for tier in reversed(tiers):
        lifted.append([(doc_id, score + floor) for doc_id, score in tier])
        floor = max((score for _, score in lifted[-1]), default=floor) + 1.0
    ranked, seen = [], set()
    for tier in reversed(lifted):
        for doc_id, score in tier:
            if doc_id not in seen:
                seen.add(doc_id)
                ranked.append((doc_id, score))
    return ranked


_COLUMNS = "d.id, d.ref, d.doc_type, d.title, d.province, d.issued_date, d.text"


def _ref_matches(db, parsed: Query, where: str, args: list) -> list[int]:
    folded = sorted({fold_ref(r) for r in parsed.refs} - {None})
    if not folded:
        return []
    marks = ", ".join("?" for _ in folded)
    sql = (f"SELECT d.id FROM documents d WHERE d.ref_folded IN ({marks}){where} "
           "ORDER BY d.issued_date DESC, d.id DESC")
    return [doc_id for doc_id, in db.execute(sql, folded + args)]


def _text_matches(db, units: tuple[tuple[str, ...], ...], passing: Optional[_Passing],
                  limit: int) -> list[tuple[int, float]]:
    """(id, score) of the best `limit` documents holding every unit and passing the filters.

    The FTS table is ranked without joining `documents`: the join would read a
    documents row for every match (all of them, for `cai cach hanh chinh`)."""
    expression = fts_expression(units)
    select = f"SELECT rowid, -{BM25} FROM documents_fts WHERE documents_fts MATCH ?"
    order = f" ORDER BY {BM25}"
    if passing is None:
        return db.execute(select + order + " LIMIT ?", [expression, limit]).fetchall()
    if passing.indexed:
        # `+rowid`: a filter on the ranked rows, never a rowid given to FTS5 (which
        # would run the MATCH, and bm25's document counts, once per id)
        sql = f"{select} AND +rowid IN ({passing.select}){order} LIMIT ?"
        return db.execute(sql, [expression] + passing.args + [limit]).fetchall()
    ranked = db.execute(select + order, [expression])
    try:
        return passing.first(ranked, limit)
    finally:
        ranked.close()  # read no further down the ranking


_MAX_BATCH = 4096  # ids bound in one statement, well under SQLite's 32766


class _Passing:
    """Which documents pass the filters (`where` on `documents d`), and how
    to learn it cheaply, for one search.

    A filter the indexes answer (a province, dates, a citation) is `indexed`:
    its ids are listed once by SQLite inside the ranking query, so bm25 scores
    only the documents that pass, and a filter nothing passes (`none`) stops
    the search before any ranking. A filter SQLite answers only by reading
    every row (a level, a type, a body's name through `agency_key`) is checked
    down each ranking in growing batches instead (`first`): one most
    documents pass is settled by the first batch."""

    def __init__(self, db: sqlite_utils.Database, where: str, args: list):
        self.db, self.args = db, args
        self.select = f"SELECT d.id FROM documents d WHERE 1{where}"
        self.where = where
        self.indexed = not self._reads_every_row()
        self.none = self.indexed and db.execute(self.select + " LIMIT 1",
                                                args).fetchone() is None

    def first(self, ranked, limit: int) -> list[tuple[int, float]]:
        """The first `limit` rows of the `ranked` (id, score) cursor that pass."""
        kept: list[tuple[int, float]] = []
        size = min(4 * limit, _MAX_BATCH)
        while len(kept) < limit:
            batch = ranked.fetchmany(size)
            if not batch:
                break
            marks = ", ".join("?" for _ in batch)
            passed = {doc_id for doc_id, in self.db.execute(
                f"SELECT d.id FROM documents d WHERE d.id IN ({marks}){self.where}",
                [doc_id for doc_id, _ in batch] + self.args)}
            kept += [(doc_id, score) for doc_id, score in batch if doc_id in passed]
            size = min(4 * size, _MAX_BATCH)
        return kept[:limit]

    def _reads_every_row(self) -> bool:
        """SQLite's plan for listing the passing documents scans the table
        (a scan of a covering index reads no row, and is cheap)."""
        plan = self.db.execute("EXPLAIN QUERY PLAN " + self.select, self.args)
        return any(detail.startswith("SCAN d") and "COVERING INDEX" not in detail
                   for *_, detail in plan)


def _rows(db, ids: list[int]) -> dict[int, dict]:
    """The header and text of each document, by id: read once, for the hits only."""
    rows: dict[int, dict] = {}
    for at in range(0, len(ids), _MAX_BATCH):
        chunk = ids[at:at + _MAX_BATCH]
        marks = ", ".join("?" for _ in chunk)
        rows.update((row["id"], row) for row in db.query(
            f"SELECT {_COLUMNS} FROM documents d WHERE d.id IN ({marks})", chunk))
    return rows


def _listing(db, where: str, args: list, limit: int) -> list[dict]:
    sql = (f"SELECT {_COLUMNS} FROM documents d WHERE 1{where} "
           "ORDER BY d.issued_date DESC, d.id DESC LIMIT ?")
    return list(db.query(sql, args + [limit]))


# a character above every other, so `date < bound || _TOP` keeps every date
# that starts with `bound` (TEXT compares as UTF-8 bytes)
_TOP = "\U0010ffff"


@dataclass(frozen=True)
class Filters:
    """Which documents a search or a comparison looks at; every set field must hold.

    `date_from`/`date_to` are ISO bounds at any precision (`2022`, `2022-06`), compared
    at the bound's precision, both inclusive: `--to 2022` keeps `2022-03` and `2022`.
    `cites` keeps documents citing that số ký hiệu (compared folded); `agency` keeps
    documents a body issued or gives a role to (`Sở Nội vụ`, `UBND tỉnh Kiên Giang`:
    compared by `agency_key`, so `UBND` = `Ủy ban nhân dân`).

    Province and dates are written as conditions the indexes of `documents`
    answer (`d.province IN (…)`, the stored spellings whose fold is the one
    asked; a range of `d.issued_date`). Level and type are written so too
    when a schema indexes them, and through the `cchc_fold` function, row by
    row, while none does (schema 3).
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
        clauses = [c for c in (self._place(db), self._time(), self._links()) if c]
        where = "".join(f" AND {c}" for part in clauses for c in part[0])
        return where, [a for part in clauses for a in part[1]]

    def _place(self, db: sqlite_utils.Database) -> tuple[list[str], list]:
        clauses, args = [], []
        indexed = _indexed_columns(db)
        wanted = [("province", self.province and _PLACE_PREFIX.sub("", fold_ascii(self.province))),
                  ("level", self.level and fold_ascii(self.level)),
                  ("doc_type", self.doc_type and fold_ascii(self.doc_type))]
        for column, folded in wanted:
            if not folded:
                continue
            if column in indexed:
                spellings = _spellings(db, column, folded)
                clauses.append(f"d.{column} IN ({', '.join('?' for _ in spellings)})"
                               if spellings else "0")
                args += spellings
            else:
                clauses.append(f"cchc_fold(d.{column}) = ?")
                args.append(folded)
        return clauses, args

    def _time(self) -> tuple[list[str], list]:
        """Each bound as a range of the ISO date string, so the index serves it:
        `d >= from` is `d[:len(from)] >= from`, and `d < to + _TOP` is
        `d[:len(to)] <= to`; a year is both bounds at once."""
        clauses, args = [], []
        year = str(self.year) if self.year else None
        for bound in (year, self.date_from):
            if bound:
                clauses.append("d.issued_date >= ?")
                args.append(str(bound))
        for bound in (year, self.date_to):
            if bound:
                clauses.append("d.issued_date < ?")
                args.append(str(bound) + _TOP)
        return clauses, args

    def _links(self) -> tuple[list[str], list]:
        clauses, args = [], []
        # `d.id IN (SELECT …)`: the list is read once, by the index on the key
        if self.cites:
            clauses.append("d.id IN (SELECT c.document_id FROM citations c "
                           "WHERE c.ref_folded = ?)")
            args.append(fold_ref(self.cites))
        if self.agency:
            clauses.append("(cchc_agency_key(d.issuer) = ? OR d.id IN (SELECT r.document_id "
                           "FROM responsibilities r WHERE r.agency_key = ?))")
            args += [agency_key(self.agency)] * 2
        return clauses, args


def _indexed_columns(db: sqlite_utils.Database) -> set[str]:
    """The columns of `documents` that lead one of its indexes."""
    names = [row[1] for row in db.execute("PRAGMA index_list(documents)")]
    return {info[2] for name in names
            for info in db.execute("PRAGMA index_info(" + _quoted(name) + ")") if info[0] == 0}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _spellings(db: sqlite_utils.Database, column: str, folded: str) -> list[str]:
    """The stored spellings (`Hà Tĩnh`, `Hà tĩnh`) of an indexed column whose fold
    is `folded`: read from the index, one entry per spelling, never from the rows."""
    stored = db.execute(f"SELECT DISTINCT {column} FROM documents WHERE {column} IS NOT NULL")
    return [value for value, in stored if fold_ascii(value) == folded]


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



@functools.lru_cache(maxsize=1024)
def _unit_pattern(unit: tuple[str, ...]) -> re.Pattern:
    """The unit's folded words as a pattern over the original text: each letter
    a class of every character that folds to it (`a` → `[aAàÀáÁ…]`), so no
    text is folded to be searched; `fold_chars` says what "folds to" means."""
    # words of a phrase may be split by a line break or a joiner (`32 /KH-UBND`)
    letters = [[_letter_class(c) for c in token] for token in unit]
    body = r"[\W_]+".join("".join(token) for token in letters)
    first = letters[0][0]
    # the word-start check comes after the first letter, as a lookbehind over
    # it and the character before: a pattern that opens with a class lets the
    # regex engine skip to that letter (six times faster than opening on a check)
    return re.compile(rf"{first}(?<![^\W_].){body[len(first):]}(?![^\W_])", re.DOTALL)


# the characters whose fold is worth listing: Latin, Greek and Cyrillic (their
# capitals fold to small letters), Vietnamese (Latin Extended Additional) and
# the letterlike signs that decompose to a Latin letter (K, Å)
_FOLDED_RANGES = (range(0x250), range(0x370, 0x530), range(0x1E00, 0x1F00),
                  range(0x2100, 0x2150))


@functools.cache
def _letter_classes() -> dict[str, str]:
    """Folded character → a regex class of the characters that fold to it."""
    sources: dict[str, list[str]] = {}
    for code in (c for r in _FOLDED_RANGES for c in r):
        sources.setdefault(fold_ascii_char(chr(code)), []).append(chr(code))
    return {folded: "[" + "".join(re.escape(c) for c in chars) + "]"
            for folded, chars in sources.items()}


def _letter_class(folded: str) -> str:
    return _letter_classes().get(folded) or re.escape(folded)


def match_spans(text: str, units: Iterable[tuple[str, ...]]) -> list[list[tuple[int, int]]]:
    """For each unit, the offsets in `text` of its occurrences, in order."""
    return [[m.span() for m in _unit_pattern(u).finditer(text)] for u in units]


def snippet(text: str, units: Iterable[tuple[str, ...]], width: int = SNIPPET_WIDTH) -> str:
    """A window of `text` around the first match of the first unit that
    matches (units come best first), every match inside marked `[like this]`.

    Only the window is searched for the marks: a long text is scanned once
    for the anchor, not once per unit for every occurrence."""
    patterns = [_unit_pattern(u) for u in dict.fromkeys(units)]
    anchor = next((found.span() for found in map(lambda p: p.search(text), patterns)
                   if found), None)
    if anchor is None:
        return _squeeze(_window_text(text, 0, min(len(text), width), []))
    start = max(0, anchor[0] - width // 3)
    end = max(anchor[1], min(len(text), start + width))
    start, end = _snap(text, start, end, anchor)
    # endpos one past the window, so the word-end check sees the next character
    inside = sorted(m.span() for p in patterns
                    for m in p.finditer(text, start, min(len(text), end + 1))
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
