"""The zones of a document as Nghị định 30/2020/NĐ-CP lays it out.

Reads the canonical text into:
- header segments: issuing body, Quốc hiệu and motto, số/ký hiệu, place and
  date, `V/v …` (Công văn), `Kính gửi`; a header flattened onto one line
  (`Số: 3745/QĐ-UBND Tây Ninh, ngày … QUYẾT ĐỊNH VỀ VIỆC …`) is cut at these
  anchors, so column order and line breaks do not matter;
- type line and title (trích yếu), and the authority line that opens a
  Quyết định's preamble (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …`);
- preamble: the clauses `Căn cứ`, `Thực hiện`, `Theo đề nghị`, `Xét đề nghị`…
  up to `QUYẾT ĐỊNH:` or the first paragraph of the body;
- body outline (`I.`, `1.`, `1.1.`, `a)`, `Điều N.`) as sections;
- closing: `Nơi nhận` and the signature block;
- parts: a file holding several documents (a Quyết định, then the Kế hoạch it
  promulgates) is cut where a new type line follows the first closing.
Nothing here changes the text: every zone is a span into it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .textfold import VN_UPPER, fold, is_upper_text

Span = tuple[int, int]


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Section:
    id: str
    heading: str
    start: int
    end: int
    parent: str | None


@dataclass
class Part:
    doc_type: str | None
    title: str | None
    start: int


@dataclass
class Layout:
    text: str
    lines: list[Line]
    segments: list[Line] = field(default_factory=list)  # header, cut at anchors
    type_segment: Line | None = None
    doc_type_word: str | None = None
    title_lines: list[Line] = field(default_factory=list)
    authority_line: Line | None = None
    gazette_line: Line | None = None  # `CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 30/QĐ-TTg NGÀY …` (old gazette copies)
    preamble: Span | None = None
    closing: Span | None = None
    first_part_end: int = 0
    parts: list[Part] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def header_end(self) -> int:
        """Where the header ends: past the type line, title and authority line, and past
        the place-date, số, V/v and Kính gửi segments of a header without a type line."""
        ends = [_title_end(self)]
        ends += [s.end for s in self.segments if s.text and _is_header_segment(s.text)]
        return max(ends)

    def section_at(self, offset: int) -> str | None:
        """The innermost section holding an offset."""
        found = None
        for section in self.sections:
            if section.start <= offset < section.end:
                found = section.id
        return found


# -- vocabulary ------------------------------------------------------------

PREAMBLE_START = re.compile(
    r"^(Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Xét\s+tờ\s+trình|Theo\s+tờ\s+trình|"
    r"Trên\s+cơ\s+sở|Thừa\s+lệnh)\b", re.IGNORECASE)
DECISION_WORD = re.compile(r"^(QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ|KẾT\s+LUẬN)\s*:", re.MULTILINE)
OUTLINE = re.compile(
    r"^(?:(?P<roman>[IVXL]{1,5})\s*[.)/]|(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\s*[.)/]"
    r"|(?P<letter>[a-zđ])\s*[).]|(?P<article>Điều\s+\d+)\s*[.:])\s+(?P<rest>\S.*)?$")
AUTHORITY_HEAD = re.compile(
    r"^(CHỦ\s+TỊCH|TRƯỞNG\s+BAN|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|"
    r"(?:ỦY|UỶ)\s+BAN|HỘI\s+ĐỒNG|BAN\s|TỔNG\s+CỤC\s+TRƯỞNG|CỤC\s+TRƯỞNG|BỘ\s+[A-ZĐ]|"
    r"CHÍNH\s+PHỦ|THƯỜNG\s+TRỰC|BAN\s+THƯỜNG\s+VỤ|TỔ\s+TRƯỞNG)")
RECIPIENTS_HEAD = re.compile(r"N[ơo]i\s+nhận\s*:?", re.IGNORECASE)
GAZETTE_LINE = re.compile(r"^CỦA\s+.+?\s+SỐ\s*:?\s*\d+\S*\s+NGÀY\s+\d", re.IGNORECASE)
ATTACHED_NOTE = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?kèm\s+theo\b", re.IGNORECASE)


@cache
def _type_names() -> tuple[str, ...]:
    from .doctypes import header_types
    return tuple(sorted((name.upper() for name in header_types()), key=len, reverse=True))


@cache
def _type_line_pattern() -> re.Pattern:
    names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _type_names() + ("ĐỀ CƯƠNG", "PHỤ LỤC"))
    return re.compile(rf"(?<![{VN_UPPER}])(?P<type>{names})(?![{VN_UPPER}])")


# -- lines -----------------------------------------------------------------

def split_lines(text: str) -> list[Line]:
    lines, start = [], 0
    for raw in text.split("\n"):
        lines.append(Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


def analyse(text: str) -> Layout:
    layout = Layout(text=text, lines=split_lines(text))
    header_end = _header_region_end(layout.lines)
    layout.segments = _segments(layout.lines[:header_end], text)
    _find_type_and_title(layout)
    layout.preamble = _find_preamble(layout)
    layout.closing = _find_closing(layout)
    layout.parts = _find_parts(layout)
    layout.sections = _outline(layout)
    return layout


def _header_region_end(lines: list[Line]) -> int:
    """Index of the first line past the header: a preamble clause, the body or the Kính gửi list."""
    seen_text, previous = 0, ""
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped:
            continue
        seen_text += 1
        opens_title = _type_line_pattern().fullmatch(previous) and _title_opening_with_clause_word(stripped, False)
        if (PREAMBLE_START.match(stripped) and not opens_title) or (seen_text > 3 and _is_body_start(stripped)):
            return index
        previous = stripped
        if seen_text > 45:
            return index
    return len(lines)


def _is_body_start(stripped: str) -> bool:
    match = OUTLINE.match(stripped)
    return bool(match) and bool(match.group("roman") or match.group("article"))


# -- header segments ----------------------------------------------------------

_SEGMENT_ANCHORS = [
    r"Số\s*[:.]",
    r"C[ỘộO]NG\s+H[ÒOÓ]À?A?\s+X[ÃA]\s+H[ỘO]I|CỘNG\s+HOÀ\s+XÃ\s+HỘI",
    r"Độc\s+lập\s*[-–—]",
    r"C[ỘộO]NG\s+H[ÒOÓ]À?A?\s*\\?\s*$",  # the Quốc hiệu wrapped after `CỘNG HÒA`, beside the body's name
    r"V/v\b",
    r"Kính\s+gửi",
]
_REF_TOKEN = re.compile(r"Số\s*[:.]?\s*(?:\d+[a-zA-Z]?\s?)?[/-]?\s?\S*")
_DATE_END = re.compile(r"ngày[\s\d]*tháng[\s\d]*năm\s*\d{4}")
_TRAILING_AUTHORITY = re.compile(
    r"(?<!CỦA\s)(?<!VÀ\s)(?:CHỦ\s+TỊCH\s+)?(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s+"
    rf"(?:TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN)[\s{VN_UPPER}]*$")


def _cuts_in(line: Line) -> set[int]:
    text = line.text
    cuts = {0}
    for anchor in _SEGMENT_ANCHORS:
        cuts.update(m.start() for m in re.finditer(anchor, text))
    for match in re.finditer(r"Số\s*[:.]", text):
        ref = _REF_TOKEN.match(text, match.start())
        cuts.add(ref.end())
    for match in _DATE_END.finditer(text):
        cuts.add(match.end())
    motto = re.search(r"Hạnh\s+phúc", text)
    if motto:
        cuts.add(motto.end())
    type_match = _type_line_pattern().search(text)
    if type_match and (type_match.start() > 0 and text[:type_match.start()].strip()):
        cuts.add(type_match.start())
    trailing = _TRAILING_AUTHORITY.search(text)
    if trailing and trailing.start() > 0:
        cuts.add(trailing.start())
    return cuts


def _segments(lines: list[Line], text: str) -> list[Line]:
    segments: list[Line] = []
    for line in lines:
        if not line.text.strip():
            segments.append(Line(line.start, line.start, ""))
            continue
        cuts = sorted(cut for cut in _cuts_in(line) if 0 <= cut <= len(line.text))
        for begin, end in zip(cuts, cuts[1:] + [len(line.text)]):
            piece = text[line.start + begin:line.start + end]
            stripped = piece.strip(" |\\")  # `\` ends a line in web copies (Markdown line breaks)
            if stripped:
                offset = line.start + begin + piece.index(stripped)
                segments.append(Line(offset, offset + len(stripped), stripped))
    return segments


def is_quoc_hieu(segment: str) -> bool:
    """The Quốc hiệu and motto, or the party's `ĐẢNG CỘNG SẢN VIỆT NAM` (Hướng dẫn 36-HD/VPTW
    puts it where the state's documents put the Quốc hiệu)."""
    folded = fold(segment)
    return (folded.startswith(("công hoa xa hôi", "cong hoa xa hoi", "đôc lâp", "đang công san viêt nam"))
            or "tư do - hanh phuc" in folded)


def _is_header_segment(segment: str) -> bool:
    """Quốc hiệu, số, V/v, Kính gửi, or a place-date line."""
    return is_quoc_hieu(segment) or opens_place_date(segment) or segment.startswith(("Số", "V/v", "Kính gửi"))


def opens_place_date(segment: str) -> bool:
    """A place-date line opens with the place and a comma, or with the date itself
    (`Quảng Ngãi, ngày …`, `ngày 20 tháng …`, `20 tháng 12 năm 2021`); a date inside
    a sentence (`… Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022`) is not one."""
    opens = re.match(r"^(?:[^,\n]{2,40},\s*)?ngày\b|^\d{1,2}\s+tháng", segment)
    return bool(opens) and is_place_date(segment)


def is_place_date(segment: str) -> bool:
    return bool(re.search(r"ngày\s*\S{0,4}\s*(?:tháng|/)|tháng\s*\d{0,2}\s*năm\s*\d{4}", segment))


# -- type and title ---------------------------------------------------------------

def _find_type_and_title(layout: Layout) -> None:
    segments = layout.segments
    for index, segment in enumerate(segments):
        match = _type_line_pattern().match(segment.text)
        if not match or not is_upper_text(segment.text[:match.end()]):
            continue
        rest = segment.text[match.end():].strip()
        if rest and not is_upper_text(rest) and not rest.startswith(("**",)):
            continue  # "Kế hoạch này …" in running text is no type line
        layout.type_segment = segment
        layout.doc_type_word = match.group("type")
        first_title = []
        if rest:
            offset = segment.start + segment.text.index(rest, match.end())
            first_title = [Line(offset, offset + len(rest), rest)]
        layout.title_lines = first_title + _title_lines(layout, index + 1, bool(first_title))
        return
    _authority_without_type_line(layout)


def _authority_without_type_line(layout: Layout) -> None:
    """A copy that lost its type line still shows the authority line after the place-date."""
    dated = next((i for i, s in enumerate(layout.segments) if opens_place_date(s.text)), None)
    if dated is not None:
        _authority_after(layout, dated + 1)


def _title_lines(layout: Layout, index: int, started: bool) -> list[Line]:
    title: list[Line] = []
    segments = layout.segments
    started_upper = None
    while index < len(segments):
        segment = segments[index]
        stripped = segment.text.strip()
        index += 1
        if not stripped:
            if (title or started) and not _title_goes_on(segments, index, title, started_upper):
                break
            continue
        if GAZETTE_LINE.match(stripped) and layout.gazette_line is None:
            layout.gazette_line = segment
            continue
        if _ends_title(stripped, title or started, started_upper, layout):
            if AUTHORITY_HEAD.match(stripped) and is_upper_text(stripped):
                layout.authority_line = segment
            break
        if started_upper is None:
            started_upper = is_upper_text(stripped) if not started else True
        title.append(segment)
    if not layout.authority_line and index < len(segments):
        _authority_after(layout, index - 1)
    return title


def _title_goes_on(segments: list[Line], index: int, title: list[Line], started_upper: bool | None) -> bool:
    """Web copies put each line of an upper-case title in its own paragraph: a blank
    line does not end such a title when upper-case title words follow it."""
    if not title or not started_upper or title[-1].text.rstrip().endswith((".", ";", ":")):
        return False
    following = next((s.text.strip() for s in segments[index:] if s.text.strip()), "")
    return (is_upper_text(following) and not AUTHORITY_HEAD.match(following)
            and not is_quoc_hieu(following) and not GAZETTE_LINE.match(following)
            and not _type_line_pattern().fullmatch(following))


def _title_opening_with_clause_word(stripped: str, title: bool) -> bool:
    """`Thực hiện Chương trình … năm 2022` right under the type line is the title; a
    preamble clause ends with `;`, `,` or `:`."""
    return (not title and re.match(r"(?i)thực\s+hiện|theo\b|trên\s+cơ\s+sở", stripped) is not None
            and not stripped.rstrip().endswith((";", ",", ":")))


def _ends_title(stripped: str, title: bool, started_upper: bool | None, layout: Layout) -> bool:
    if PREAMBLE_START.match(stripped) and not _title_opening_with_clause_word(stripped, title):
        return True
    if stripped.startswith(("Kính gửi", "(", "Điều ")):
        return True
    if is_quoc_hieu(stripped) or opens_place_date(stripped) or OUTLINE.match(stripped):
        return True
    if title and AUTHORITY_HEAD.match(stripped) and is_upper_text(stripped):
        return True
    return bool(title) and started_upper and not is_upper_text(stripped)


def _authority_after(layout: Layout, index: int) -> None:
    for segment in layout.segments[index:index + 3]:
        stripped = segment.text.strip()
        if stripped and AUTHORITY_HEAD.match(stripped) and is_upper_text(stripped):
            layout.authority_line = segment
            return


# -- preamble ----------------------------------------------------------------------

def _find_preamble(layout: Layout) -> Span | None:
    text = layout.text
    start_after = _title_end(layout)
    first = None
    for line in layout.lines:
        if line.start < start_after or not line.text.strip():
            continue
        if PREAMBLE_START.match(line.text.strip()):
            first = line
            break
        if _is_body_start(line.text.strip()) or RECIPIENTS_HEAD.match(line.text.strip()):
            return None
    if first is None:
        return _inline_preamble(layout, start_after)
    decision = DECISION_WORD.search(text, first.start)
    if decision and decision.start() - first.start < 8000:
        return (first.start, decision.start())
    return (first.start, _clause_run_end(layout, first))


INLINE_CLAUSE = re.compile(r"(?<!\w)(?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị)\b")
INLINE_DECISION = re.compile(r"(?<!\w)(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ)\s*:")


def _inline_preamble(layout: Layout, start_after: int) -> Span | None:
    """A web copy that lost its line breaks (`… TỈNH X Căn cứ Luật …; Xét đề nghị …,
    QUYẾT ĐỊNH: Điều 1. …`): the clauses between the title and `QUYẾT ĐỊNH:`."""
    decision = INLINE_DECISION.search(layout.text, start_after)
    if not decision:
        return None
    clause = INLINE_CLAUSE.search(layout.text, start_after, decision.start())
    return (clause.start(), decision.start()) if clause else None


def _title_end(layout: Layout) -> int:
    marks = [layout.type_segment, *layout.title_lines, layout.authority_line]
    ends = [m.end for m in marks if m is not None]
    return max(ends) if ends else 0


def _clause_run_end(layout: Layout, first: Line) -> int:
    """A plan's preamble: paragraphs that open with a clause word, and the one sentence
    that closes them (`UBND tỉnh ban hành Kế hoạch … như sau:`)."""
    end = first.end
    for line in layout.lines:
        if line.start <= first.start:
            continue
        stripped = line.text.strip()
        if not stripped:
            continue
        if OUTLINE.match(stripped) or RECIPIENTS_HEAD.match(stripped):
            break
        if PREAMBLE_START.match(stripped) or not _closes_paragraph(layout.text, end) or _next_basis(layout, end, stripped):
            end = line.end
            continue
        if re.search(r"ban\s+hành\b.*(như\s+sau|sau\s+đây|nội\s+dung\s+sau)", stripped, re.IGNORECASE):
            end = line.end
        break
    return end


def _next_basis(layout: Layout, end: int, stripped: str) -> bool:
    """`Căn cứ Nghị định số 61/2018/NĐ-CP …;⏎Kế hoạch số 342/KH-UBND …`: after a clause
    that ends with `;`, a line opening with a cited document (its type and số) is the
    clause's next item, on a line of its own where a scan or copy broke the list."""
    return layout.text[:end].rstrip().endswith(";") and bool(_cited_opening().match(stripped))


@cache
def _cited_opening() -> re.Pattern:
    names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _type_names())
    return re.compile(rf"^(?:{names})\s+số\s*\d", re.IGNORECASE)


def _closes_paragraph(text: str, end: int) -> bool:
    """A preamble paragraph closes at `;`, `.` or `:`; a line ending in `,` is wrapped mid-sentence."""
    before = text[:end].rstrip()
    return before.endswith((";", ".", ":"))


# -- closing and parts -------------------------------------------------------------------

def _find_closing(layout: Layout) -> Span | None:
    body_start = layout.preamble[1] if layout.preamble else _title_end(layout)
    for line in layout.lines:
        if line.start >= body_start and RECIPIENTS_HEAD.match(line.text.strip()):
            return (line.start, _closing_end(layout, line))
    return None


def _closing_end(layout: Layout, head: Line) -> int:
    """The closing runs to the signer's name: up to 25 lines past Nơi nhận, stopping
    before a new type line or an attachment note."""
    end = head.end
    count = 0
    for line in layout.lines:
        if line.start <= head.start:
            continue
        stripped = line.text.strip()
        count += 1
        if count > 25 or (_starts_part(stripped) and count > 1):
            break
        end = line.end
    return end


def _starts_part(stripped: str) -> bool:
    match = _type_line_pattern().match(stripped)
    if match and is_upper_text(stripped[:match.end()]):
        rest = stripped[match.end():].strip()
        return not rest or is_upper_text(rest.split("(")[0]) or rest[:1].isupper()
    return bool(ATTACHED_NOTE.match(stripped))


def _find_parts(layout: Layout) -> list[Part]:
    first_type = layout.doc_type_word
    parts = [Part(first_type, None, 0)]
    search_from = layout.closing[0] if layout.closing else (layout.preamble[1] if layout.preamble else 0)
    lines = [line for line in layout.lines if line.start >= search_from]
    layout.first_part_end = len(layout.text)
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        match = _type_line_pattern().match(stripped)
        if not match or not is_upper_text(stripped[:match.end()]) or not _starts_part(stripped):
            continue
        if not _opens_document(lines, index) or _just_after_part(lines, index, parts):
            continue
        title = _part_title(lines, index, stripped[match.end():])
        parts.append(Part(_type_name(match.group("type")), title, line.start))
        if len(parts) == 2:
            layout.first_part_end = line.start
    return parts


def _just_after_part(lines: list[Line], index: int, parts: list[Part]) -> bool:
    """`ĐỀ CƯƠNG` / `BÁO CÁO KẾT QUẢ TỰ KIỂM TRA …`: the second type word is the title's."""
    if len(parts) < 2:
        return False
    between = [line for line in lines[:index] if line.start > parts[-1].start and line.text.strip()]
    return len(between) == 0


def _opens_document(lines: list[Line], index: int) -> bool:
    """A type line opens a document when a title or an attachment note follows it closely."""
    following = [line.text.strip() for line in lines[index:index + 6] if line.text.strip()]
    return len(following) > 1 or bool(following and len(following[0]) > 12)


def _part_title(lines: list[Line], index: int, rest: str) -> str | None:
    pieces = [rest.strip()] if rest.strip() else []
    for line in lines[index + 1:index + 6]:
        stripped = line.text.strip()
        if not stripped:
            if pieces:
                break
            continue
        if ATTACHED_NOTE.match(stripped) or OUTLINE.match(stripped):
            break
        pieces.append(stripped)
    title = " ".join(pieces)
    title = re.split(r"\(\s*(?:Ban\s+hành\s+)?kèm\s+theo", title, flags=re.IGNORECASE)[0].strip()
    return title or None


def _type_name(word: str) -> str:
    from .doctypes import name_for_upper
    return name_for_upper(word)


# -- outline -----------------------------------------------------------------------------

def _outline(layout: Layout) -> list[Section]:
    start = layout.preamble[1] if layout.preamble else _title_end(layout)
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []  # (depth, id)
    for line in layout.lines:
        if line.start < start:
            continue
        match = OUTLINE.match(line.text.strip())
        if not match:
            continue
        depth, local = _depth_and_id(match)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else None
        section_id = _section_id(local, depth, parent, stack)
        heading = _heading_of(match)
        sections.append(Section(section_id, heading, line.start, len(layout.text), parent))
        stack.append((depth, section_id))
    _close_sections(sections, len(layout.text))
    return sections


def _section_id(local: str, depth: int, parent: str | None, stack: list[tuple[int, str]]) -> str:
    """`II` → `II`; `2.1` under `II` → `II.2.1` (a dotted number names its own parents);
    `a` under `II.2.1` → `II.2.1.a`; `1.1` with no Roman heading above → `1.1`."""
    if depth == 0 or parent is None:
        return local
    if depth in (1, 2, 3):
        top = stack[0][1] if stack and stack[0][0] == 0 else None
        return f"{top}.{local}" if top else local
    return f"{parent}.{local}"


def _depth_and_id(match: re.Match) -> tuple[int, str]:
    if match.group("roman"):
        return 0, match.group("roman")
    if match.group("article"):
        return 0, re.sub(r"\s+", " ", match.group("article"))
    if match.group("num"):
        number = match.group("num")
        return 1 + number.count("."), number
    return 4, match.group("letter")


def _heading_of(match: re.Match) -> str:
    rest = (match.group("rest") or "").strip()
    head = re.split(r"(?<=:)\s", rest, maxsplit=1)[0]
    return head if len(head) <= 160 else head[:160].rsplit(" ", 1)[0] + "…"


def _close_sections(sections: list[Section], text_end: int) -> None:
    """A section ends where the next section at its depth or above begins."""
    for index, section in enumerate(sections):
        for later in sections[index + 1:]:
            if later.parent != section.id and not _is_descendant(later, section, sections):
                section.end = later.start
                break


def _is_descendant(candidate: Section, ancestor: Section, sections: list[Section]) -> bool:
    by_id = {s.id: s for s in sections}
    parent = candidate.parent
    while parent:
        if parent == ancestor.id:
            return True
        parent = by_id[parent].parent if parent in by_id else None
    return False
