"""Responsibilities: which body leads, cooperates on or carries out a task (RECORD.md,
"Responsibilities, by rule").

Forms it reads, in the canonical text:
- labels: `Cơ quan chủ trì: Phòng Văn hóa & Thông tin.`, `Cơ quan phối hợp: …`,
  `Cơ quan thực hiện: Phòng Nội vụ; các ngành liên quan`, `Đơn vị chủ trì: …`,
  `Mời tham gia: …`, `Mời tham gia Đoàn kiểm tra: …` (phối hợp);
- verbs after their subject: `Sở Nội vụ chủ trì tham mưu …` (chủ trì), `X chủ trì,
  phối hợp với Y …` (Y phối hợp), `Sở Tài chính phối hợp với …` (X phối hợp, never the
  partner), `X là cơ quan chủ trì`, `X có trách nhiệm …`, `X chịu trách nhiệm …`
  (thực hiện, or the role that follows: `có trách nhiệm phối hợp`; `X chịu trách nhiệm chủ
  trì, phối hợp với Y`: Y phối hợp); a clause opening with `Giao`, `Đề nghị` is read as a
  verb before its object (`Giao Văn phòng HĐND và UBND huyện chủ trì`: one body, not two);
- verbs before their object: `Giao Sở Nội vụ tham mưu …` (thực hiện), `Giao Công an
  tỉnh chủ trì, phối hợp với …`, `Đề nghị Ủy ban MTTQ huyện … tăng cường phối hợp`,
  `Phó Thủ tướng yêu cầu Bộ … khẩn trương …`; the role is read past plural groups closing
  the list (`Đề nghị Ủy ban MTTQ xã và các đoàn thể … tăng cường phối hợp`: phối hợp);
- in the organisation section (Tổ chức thực hiện, Phân công nhiệm vụ, Điều 3 of a
  Quyết định …), items that open with bodies: `2. Sở Nội vụ: …`, `a) Sở Tài chính: …`,
  `1. Sở Khoa học và Công nghệ` on its own line (its tasks after a blank line, or, as
  scans give it, on the next line opening with a capital), `6. Đề nghị: Hiệp hội …, Hội …`,
  `3. Hội đồng Dân tộc, …, Đoàn đại biểu Quốc hội … giám sát …` (thực hiện), and their
  sub-items that name a role only (`- Chủ trì, phối hợp với …`, `b) Phối hợp với …`),
  which belong to the heading's bodies, as do those of `Giám đốc Sở Nội vụ chịu trách
  nhiệm:` and `Trách nhiệm của Sở Nội vụ:` (`Nhiệm vụ của …`);
- tables of tasks read cell by cell: the cells under `Cơ quan chủ trì` and `Cơ quan
  phối hợp` (each run of body cells in a row restarts at the first column).
Bodies are read by pipeline.agencies (persons → bodies, plural groups kept with
group: true).

Forms it avoids: the partner of `X phối hợp với Y`; `theo đề nghị của`, `việc giao`,
`được giao`, `đề xuất`; `báo cáo UBND huyện (qua Phòng Nội vụ)`; a role word with no
body before it outside a heading's scope (`bộ phận chủ trì`, `Đoàn kiểm tra có trách
nhiệm`: `Đoàn` names no standing body); text in `skip` spans (preamble, closing).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from pipeline.agencies import Piece, agency_key, fold_same_length, list_end, split_bodies
from pipeline.record import Responsibility

Span = tuple[int, int]
CHU_TRI, PHOI_HOP, THUC_HIEN = "chủ trì", "phối hợp", "thực hiện"

# Outline markers: Điều N., I., 1., 1.1., a), and bullets; rank 0 is the highest.
MARKER = re.compile(
    r"(?P<art>Điều\s+\d+\s*[.:])|(?P<roman>[IVXL]{1,5}\s*[.)])(?=\s|$)"
    r"|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s*\\?[.)](?=\s|$)|(?P<letter>[a-zđ]\s*[).])(?=\s)"
    r"|(?P<bullet>[-+•*–])(?=\s)")
ORG_HEADING = re.compile(
    r"tô\s+chưc\s+thưc\s+hiên|trach\s+nhiêm\s+thưc\s+hiên|phân\s+công\s+nhiêm\s+vu"
    r"|phân\s+công\s+trach\s+nhiêm|tô\s+chưc\s+thi\s+hanh")
ARTICLE_ORG = re.compile(r"chiu\s+trach\s+nhiêm|co\s+trach\s+nhiêm|tô\s+chưc\s+thưc\s+hiên|thi\s+hanh")
LABEL = re.compile(
    r"(?:(?:cơ\s+quan|đơn\s+vị)(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị))?\s+(?P<role>chủ\s+trì|phối\s+hợp|thực\s+hiện)"
    r"(?:\s+thực\s+hiện)?|(?P<invite>mời\s+tham\s+gia(?:\s+[^\W\d][^:;.\n]{0,40}?)?))\s*:", re.IGNORECASE)
ROLE_MARK = re.compile(r"(?<!\w)(chu\s+tri|phôi\s+hơp|co\s+trach\s+nhiêm|chiu\s+trach\s+nhiêm)(?!\w)")
ASSIGN = re.compile(r"(?<!\w)(giao(?:\s+cho)?|đê\s+nghi|yêu\s+câu)\s+")
NOT_ASSIGN = re.compile(r"(?:viêc|đươc|theo|xet|đa\s+đươc|sư|cơ\s+chê|phân)\s+$")
COOPERATE_WITH = re.compile(r"\s*,?\s*(?:và\s+)?phối\s+hợp(?:\s+với)?\s+", re.IGNORECASE)
LEAD_IN = re.compile(r"(?:,?\s*là\s+(?:cơ\s+quan|đơn\s+vị)(?:\s+đầu\s+mối)?\s*,?\s*)$", re.IGNORECASE)
ROLE_OPENING = re.compile(
    r"\s*(?:là\s+(?:cơ\s+quan|đơn\s+vị)[^,.;:]{0,30}?,\s*)?(?P<role>chủ\s+trì|phối\s+hợp)(?!\w)", re.IGNORECASE)
PREFIX = re.compile(r"\s*(?:Đề\s+nghị\s*:?|Đối\s+với|Giao\s+cho|Mời|(?:Trách\s+nhiệm|Nhiệm\s+vụ)\s+của)\s*",
                    re.IGNORECASE)
# An assignment verb that opens a clause: the subject of a later role word follows it.
CLAUSE_VERB = re.compile(r"\s*(?:Giao(?:\s+cho)?|Đề\s+nghị|Yêu\s+cầu)\s+", re.IGNORECASE)
RESPONSIBLE_TAIL = re.compile(r"\s*(?:chịu|có)\s+trách\s+nhiệm[^:\n]{0,80}$", re.IGNORECASE)
TABLE_HEAD = re.compile(
    r"^(?:(?:cơ\s+quan|đơn\s+vị)(?:\s*[,/]\s*(?:cơ\s+quan|đơn\s+vị))?\s+)?"
    r"(?P<role>chủ\s+trì|phối\s+hợp|thực\s+hiện)(?:\s+thực\s+hiện)?$", re.IGNORECASE)
TABLE_HEAD_WINDOW = 8  # a table header's cells read one a line stand within this many lines
ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[IVXL]{1,5})\.?$")
# Words that make a "group" a clause: `các tổ chức thành viên tăng cường phối hợp …`.
PREDICATE = re.compile(r"\b(?:chủ trì|phối hợp|tham mưu|trách nhiệm|tăng cường|triển khai|xây dựng|"
                       r"thực hiện|tổ chức thực hiện|báo cáo|hướng dẫn)\b", re.IGNORECASE)
PART_BREAK = re.compile(r"^(?:N[ơo]i\s+nhận|PHỤ\s+LỤC|ĐỀ\s+CƯƠNG|KẾ\s+HOẠCH|ỦY\s+BAN|UỶ\s+BAN|TM\.|KT\.)")


@dataclass
class Block:
    """A paragraph or outline item: [start, end), the text after its marker, its rank."""
    start: int
    end: int
    body: int
    rank: Optional[int]


@dataclass
class _Found:
    items: list[Responsibility] = field(default_factory=list)
    seen: set = field(default_factory=set)

    def add(self, piece: Piece, role: str, task: str = "") -> None:
        if piece.kind not in ("body", "group") or not piece.name:
            return
        key = (agency_key(piece.name), role, piece.start)
        if key in self.seen:
            return
        self.seen.add(key)
        self.items.append(Responsibility(agency=piece.name, role=role, group=piece.kind == "group",
                                         task=_squeeze(task)[:300], span=(piece.start, piece.end)))


def extract_responsibilities(text: str, org_sections: Optional[list[Span]] = None,
                             skip: Iterable[Span] = ()) -> list[Responsibility]:
    """Every assignment the text marks, in reading order (see module docstring)."""
    skip = list(skip)
    blocks = split_blocks(text)
    if org_sections is None:
        org_sections = find_org_sections(text, blocks, skip)
    found = _Found()
    folded = fold_same_length(text)
    _read_labels(text, found)
    _read_subject_verbs(text, folded, found)
    _read_assignments(text, folded, found)
    _read_org_items(text, blocks, org_sections, found)
    _read_tables(text, found)
    kept = [r for r in found.items if not _inside(r.span[0], skip)]
    return _dedupe(sorted(kept, key=lambda r: r.span[0]))


def _dedupe(items: list[Responsibility]) -> list[Responsibility]:
    out, seen = [], set()
    for item in items:
        key = (agency_key(item.agency), item.role, item.span)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _inside(pos: int, spans: Iterable[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .;:,")


# -- outline -------------------------------------------------------------------------

def _rank(match: re.Match) -> int:
    if match.group("art"):
        return 0
    if match.group("roman"):
        return 1
    if match.group("num"):
        return 2 + match.group("num").count(".")
    if match.group("letter"):
        return 6
    return 7 if match.group("bullet") in "-–•" else 8


def split_blocks(text: str) -> list[Block]:
    """Paragraphs and outline items: a block opens at a marker line or after a blank line."""
    blocks: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.lstrip()
        if not stripped:
            if blocks and blocks[-1].end >= start - 1:
                blocks[-1].end = blocks[-1].end  # a blank line closes the block
            blocks.append(Block(start, start, start, -1))
            continue
        indent = start + len(line) - len(stripped)
        marker = MARKER.match(line, len(line) - len(stripped))
        opens = marker is not None or not blocks or blocks[-1].rank == -1
        if opens:
            body = start + marker.end() if marker else indent
            blocks.append(Block(start, end, body, _rank(marker) if marker else None))
        else:
            blocks[-1].end = end
    return [b for b in blocks if b.rank != -1]


def find_org_sections(text: str, blocks: list[Block], skip: Iterable[Span] = ()) -> list[Span]:
    """The organisation sections: a heading naming them, to the next heading of the same
    or a higher rank, a closing or a new part."""
    spans = []
    for index, block in enumerate(blocks):
        if block.rank is None or block.rank > 5:
            continue
        heading = fold_same_length(text[block.body:block.end])
        first = re.split(r"[:.]\s", heading, maxsplit=1)[0][:160]
        pattern = ARTICLE_ORG if block.rank == 0 else ORG_HEADING
        if not pattern.search(heading if block.rank == 0 else first):
            continue
        end = len(text)
        for later in blocks[index + 1:]:
            stripped = text[later.start:later.end].strip()
            if (later.rank is not None and later.rank <= block.rank) or PART_BREAK.match(stripped) \
                    or _inside(later.start, skip):
                end = later.start
                break
        spans.append((block.start, end))
    return spans


# -- labels ------------------------------------------------------------------------

def _read_labels(text: str, found: _Found) -> None:
    for match in LABEL.finditer(text):
        role = PHOI_HOP if match.group("invite") else _role(match.group("role"))
        stop = re.compile(r"\n\s*\n|\n(?=\s*(?:[-+•*]\s|[a-zđ]\)|\d+\.|[IVX]+\.))|\.\s+(?=[A-ZĐ])|\.?$",
                          re.MULTILINE).search(text, match.end())
        end = stop.start() if stop else len(text)
        task = _task_before(text, match.start())
        for piece in split_bodies(text, match.end(), end):
            found.add(piece, role, task)


def _role(words: str) -> str:
    words = re.sub(r"\s+", " ", words.lower())
    return CHU_TRI if words == "chủ trì" else PHOI_HOP if words == "phối hợp" else THUC_HIEN


def _task_before(text: str, pos: int) -> str:
    """The heading of the item a label belongs to: the nearest marker line above."""
    head = None
    for match in re.finditer(r"(?m)^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\\?\.|[a-zđ]\))\s+(.+)$", text[:pos]):
        head = match.group(1)
    return head or ""


# -- verbs after their subject --------------------------------------------------------

CLAUSE_START = re.compile(r"(?:[.:(]\s|\n\s*\n|\n(?=\s*(?:[-+•*]\s|[a-zđ]\)\s|\d+(?:\.\d+)*\\?\.\s|[IVX]+\.\s|Điều\s)))")


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding pos starts: after a sentence end, a colon, an opening
    parenthesis, a blank line or an outline marker."""
    start = max(0, pos - 600)
    for match in CLAUSE_START.finditer(text, start, pos):
        start = match.end()
    lead = start + len(text[start:pos]) - len(text[start:pos].lstrip())
    marker = MARKER.match(text, lead)
    return marker.end() if marker and marker.end() <= pos else start


def _read_subject_verbs(text: str, folded: str, found: _Found) -> None:
    for mark in ROLE_MARK.finditer(folded):
        word = mark.group(1)
        before = text[:mark.start()]
        if word.startswith("phôi") and re.search(r"chủ\s+trì\s*,?\s*(?:và\s+)?$", before, re.IGNORECASE):
            continue  # the partner clause of `X chủ trì, phối hợp với Y`
        role = _role_at(text, folded, mark)
        subject = _subject(text, mark.start())
        task = _sentence_after(text, mark.end())
        for piece in subject:
            found.add(piece, role, task)
        if subject and role == CHU_TRI:
            # `X chịu trách nhiệm chủ trì, phối hợp với Y`: the partners follow `chủ trì`
            lead = re.match(r"\s*chu\s+tri", folded[mark.end():mark.end() + 40]) if "trach" in word else None
            _read_partners(text, mark.end() + (lead.end() if lead else 0), found, task)


def _role_at(text: str, folded: str, mark: re.Match) -> str:
    word = mark.group(1)
    if word.startswith("chu"):
        return CHU_TRI
    if word.startswith("phôi"):
        return PHOI_HOP
    after = folded[mark.end():mark.end() + 40]
    if re.match(r"\s*(?:chu\s+tri)", after):
        return CHU_TRI
    if re.match(r"\s*(?:phôi\s+hơp)", after):
        return PHOI_HOP
    return THUC_HIEN


def _subject(text: str, pos: int) -> list[Piece]:
    """The bodies a role word follows: the last run of bodies and groups of the clause."""
    start = _clause_start(text, pos)
    if CLAUSE_VERB.match(text, start, pos):
        return []  # `Giao Văn phòng HĐND và UBND huyện chủ trì`: the assignment reader's, whole
    end = pos
    lead_in = LEAD_IN.search(text, start, end)
    if lead_in:
        end = lead_in.start()
    if not text[start:end].strip():
        return []
    pieces = split_bodies(text, start, end)
    if not pieces or text[pieces[-1].end:end].strip(" \n"):
        return []
    run: list[Piece] = []
    for piece in reversed(pieces):
        if piece.kind not in ("body", "group"):
            break
        if run and _only_a_line_break(text[piece.end:run[0].start]):
            break  # `2. Sở Khoa học và Công nghệ, Sở Nội vụ⏎Sở Khoa học và Công nghệ chủ trì`: a heading above
        run.insert(0, piece)
    return run


def _only_a_line_break(gap: str) -> bool:
    """Two names with nothing between them but a line break: no list joins them so
    (a list writes `,` or `và`), so the line above is a heading and the sentence starts below."""
    return "\n" in gap and not gap.strip()


def _read_partners(text: str, pos: int, found: _Found, task: str) -> None:
    """`… chủ trì, phối hợp với Y` → Y phối hợp."""
    match = COOPERATE_WITH.match(text, pos)
    if not match:
        return
    end = list_end(text, match.end())
    for piece in split_bodies(text, match.end(), end):
        found.add(piece, PHOI_HOP, task)


def _sentence_after(text: str, pos: int) -> str:
    stop = re.compile(r"[.;]\s|\n\s*\n|:\s*\n").search(text, pos)
    return text[pos:stop.start() if stop else len(text)]


# -- verbs before their object -----------------------------------------------------------

def _read_assignments(text: str, folded: str, found: _Found) -> None:
    for match in ASSIGN.finditer(folded):
        if NOT_ASSIGN.search(folded, max(0, match.start() - 12), match.start()):
            continue
        start = match.end()
        end = list_end(text, start)
        if end <= start:
            continue
        role = _predicate_role(folded, _past_groups(text, end))
        if re.match(r"\s*cua\b", folded[end:end + 8]):
            continue
        task = _sentence_after(text, end)
        for piece in split_bodies(text, start, end):
            found.add(piece, role, task)
        if role == CHU_TRI:
            lead = re.search(r"chu\s+tri", folded[end:end + 120])
            _read_partners(text, end + lead.end(), found, task)


def _past_groups(text: str, pos: int) -> int:
    """Where the predicate starts after a list that closes with plural groups
    (`Đề nghị Ủy ban MTTQ xã và các đoàn thể chính trị - xã hội xã tăng cường phối hợp`):
    the groups' words are no predicate."""
    match = re.match(r"(?:\s*,\s*|\s+và\s+)(?=(?:các|những)\s)", text[pos:pos + 12])
    if not match:
        return pos
    stop = PREDICATE.search(text, pos + match.end(), pos + 200)
    return stop.start() if stop else pos


def _predicate_role(folded: str, pos: int) -> str:
    """The role a predicate opens with, in its first words: `… tăng cường phối hợp`."""
    rest = re.split(r"[.;:\n]", folded[pos:pos + 160], maxsplit=1)[0]
    near = " ".join(rest.split()[:12])
    if re.search(r"\bchu tri\b", near):
        return CHU_TRI
    return PHOI_HOP if re.search(r"\bphôi hơp\b", near) else THUC_HIEN


# -- items of the organisation section ---------------------------------------------------------

def _read_org_items(text: str, blocks: list[Block], org_sections: list[Span], found: _Found) -> None:
    scopes: list[tuple[int, list[Piece]]] = []  # (rank, bodies) of enclosing headings
    for block in blocks:
        if not _inside(block.start, org_sections):
            scopes.clear()
            continue
        if block.rank is not None:
            while scopes and scopes[-1][0] >= block.rank:
                scopes.pop()
        opened = _opening_bodies(text, block)
        if opened is not None:
            bodies, after, heading = opened
            task = text[after:block.end]
            role = THUC_HIEN if heading else _predicate_role(fold_same_length(text), _past_groups(text, after))
            for piece in bodies:
                found.add(piece, role, task)
                if piece.hint:
                    found.add(piece, piece.hint, task)
            if heading and block.rank is not None:
                scopes.append((block.rank, bodies))
            role = ROLE_OPENING.match(text, after, block.end)
            if role and heading:
                _inherit(text, role, bodies, found, block)
            continue
        if scopes:
            role = ROLE_OPENING.match(text, block.body, block.end)
            if role:
                _inherit(text, role, scopes[-1][1], found, block)


def _inherit(text: str, role: re.Match, bodies: list[Piece], found: _Found, block: Block) -> None:
    name = _role(role.group("role"))
    task = text[role.end():block.end]
    for piece in bodies:
        found.add(Piece(piece.start, piece.end, piece.kind, piece.name), name, task)
    if name == CHU_TRI:
        _read_partners(text, role.end(), found, task)


def _opening_bodies(text: str, block: Block) -> Optional[tuple[list[Piece], int, bool]]:
    """Bodies an item opens with: (bodies, where the rest starts, whether they head it)."""
    start = block.body
    prefix = PREFIX.match(text, start, block.end)
    if prefix and prefix.end() > start:
        start = prefix.end()
    paragraph_end = block.end
    colon = text.find(":", start, paragraph_end)
    if colon >= 0:
        head_end = colon
        tail = RESPONSIBLE_TAIL.search(text, start, head_end)
        bodies = _all_bodies(text, start, tail.start() if tail else head_end)
        if bodies:
            return bodies, colon + 1, True
    heading = _heading_lines(text, start, paragraph_end) if block.rank is not None else None
    if heading:
        return heading
    bodies = _all_bodies(text, start, paragraph_end)
    if bodies:
        return bodies, paragraph_end, True
    if block.rank is None:
        return None
    end = list_end(text, start, paragraph_end)
    if end <= start:
        return None
    follow = fold_same_length(text[end:end + 40])
    if re.match(r"\s*(?:,\s*)?(?:chu\s+tri|phôi\s+hơp|co\s+trach|chiu\s+trach|\(|-)"
                r"|\s*[,/-]\s*(?:xa|phương|thi\s+trân|huyên|quân|thi\s+xa|thanh\s+phô|đăc\s+khu)\b", follow):
        return None  # the role word or the bodies' own note speaks for itself
    bodies = [p for p in split_bodies(text, start, end) if p.kind == "body"]
    return (bodies, end, False) if bodies else None





def _heading_lines(text: str, start: int, end: int) -> Optional[tuple[list[Piece], int, bool]]:
    """An item heading naming bodies on its own line(s), its tasks on the next line with no
    blank line between (`3. Sở Công Thương⏎Hỗ trợ cho …`, as scans and PDF text layers
    give it): the heading ends at a line break followed by a capital, the start of a
    sentence; a line opening in lower case continues a wrapped name (`… Thể thao⏎và Du lịch`)."""
    for brk in re.finditer(r"\n[ \t]*(?=[^\W\d_])", text[start:end]):
        cut = start + brk.start()
        if not text[start + brk.end()].isupper():
            continue
        if cut - start > 160:
            break
        bodies = _all_bodies(text, start, cut)
        if bodies and not re.search(r"(?:,|\bvà|\bvới)\s*$", text[start:cut]):
            return bodies, cut, True
    return None


def _all_bodies(text: str, start: int, end: int) -> list[Piece]:
    """The pieces of [start, end) when every one is a body or group and one is a body."""
    if end - start > 400 or not text[start:end].strip():
        return []
    pieces = split_bodies(text, start, end)
    clean = all(p.kind == "body" or p.kind == "group" and not PREDICATE.search(p.name) for p in pieces)
    if pieces and clean and any(p.kind == "body" for p in pieces):
        return pieces
    return []


# -- tables ------------------------------------------------------------------------------

def _read_tables(text: str, found: _Found) -> None:
    """Tables of tasks read cell by cell: role columns named by the header cells. A Word
    table reads one cell a paragraph (blank lines between); a pipe table one cell a line."""
    _read_table_cells(text, _cells(text), found)
    _read_table_cells(text, _line_cells(text), found)


def _line_cells(text: str) -> list[tuple[int, int]]:
    """Lines of the blocks that hold a whole table header (a pipe table read line by line),
    from the header on: two role heads within TABLE_HEAD_WINDOW lines of each other. (A scan
    without blank lines runs a section into one block, and its heading `TỔ CHỨC⏎THỰC
    HIỆN` is no column of the table pages below.)"""
    cells = []
    for a, b in _cells(text):
        lines = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^\n]+", text[a:b])]
        heads = [i for i, (x, y) in enumerate(lines) if TABLE_HEAD.match(re.sub(r"\s+", " ", text[x:y]).strip())]
        first = next((i for i, j in zip(heads, heads[1:]) if j - i < TABLE_HEAD_WINDOW), None)
        if first is not None:
            cells += lines[first:]
    return cells


def _read_table_cells(text: str, cells: list[tuple[int, int]], found: _Found) -> None:
    index = 0
    while index < len(cells):
        roles, header_end = _table_header(text, cells, index)
        if not roles:
            index += 1
            continue
        index = header_end
        row: list[tuple[int, int]] = []
        while index < len(cells):
            a, b = cells[index]
            cell = text[a:b].strip()
            if PART_BREAK.match(cell) or _table_header(text, cells, index)[0]:
                break
            if ROW_NUMBER.match(cell):
                _read_row(text, row, roles, found)
                row = []
            else:
                row.append((a, b))
            index += 1
        _read_row(text, row, roles, found)


def _cells(text: str) -> list[tuple[int, int]]:
    """Blocks separated by blank lines (the reading of a table cell by cell)."""
    cells, pos = [], 0
    for match in re.finditer(r"\n\s*\n|$", text):
        if text[pos:match.start()].strip():
            cells += _header_cell_apart(text, pos, match.start())
        pos = match.end()
        if pos >= len(text):
            break
    return cells


def _header_cell_apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block whose last line is a role column's head (`Cơ quan chủ trì`) holds two
    cells: a scan lost the blank line between the caption and the header (the header
    began a new page)."""
    last = text.rfind("\n", start, end)
    if last > start and TABLE_HEAD.match(re.sub(r"\s+", " ", text[last + 1:end]).strip()):
        return [(start, last), (last + 1, end)]
    return [(start, end)]


def _table_header(text: str, cells: list[tuple[int, int]], index: int) -> tuple[list[str], int]:
    """Roles of the header cells that start at cells[index] (a run of short cells)."""
    roles, i = [], index
    while i < len(cells) and i < index + 10:
        a, b = cells[i]
        cell = re.sub(r"\s+", " ", text[a:b]).strip()
        if len(cell) > 60 or ROW_NUMBER.match(cell):
            break
        match = TABLE_HEAD.match(cell)
        if match:
            roles.append(_role(match.group("role")))
        i += 1
    if len(roles) >= 2 or (roles and i - index >= 3):
        return roles, i
    return [], index


def _read_row(text: str, row: list[tuple[int, int]], roles: list[str], found: _Found) -> None:
    column, task = 0, ""
    for a, b in row:
        pieces = split_bodies(text, a, b)
        if pieces and all(p.kind in ("body", "group") for p in pieces):
            if column < len(roles):
                for piece in pieces:
                    found.add(piece, roles[column], task)
            column += 1
        else:
            column = 0
            task = task or text[a:b]
