"""Budget (RECORD.md `budget`): the sentences that say where a plan's money comes from.

Reads, in the canonical text:
- every sentence of a funding block that names money (kinh phí, ngân sách,
  dự toán, xã hội hóa, nguồn vốn): a numbered heading `III. KINH PHÍ`,
  `VI. KINH PHÍ THỰC HIỆN`, `7. Kinh phí thực hiện kiểm tra`, an unnumbered
  capitalised `KINH PHÍ THỰC HIỆN`, or an item that opens with it (`2. Kinh
  phí thực hiện Kế hoạch này: Do ngân sách nhà nước đảm bảo …`), up to the
  next item of the same or a higher level;
- anywhere else, a sentence naming a source: `Kinh phí hoạt động của Đoàn
  kiểm tra được đảm bảo từ nguồn ngân sách huyện …`, `… sử dụng từ nguồn
  kinh phí CCHC hàng năm …`, `… bố trí trong dự toán …`, `nguồn xã hội hóa`,
  `(nằm trong kinh phí thực hiện nhiệm vụ cải cách hành chính năm 2020)`.

Avoids: the block's own heading line, sentences of a funding block that name
no money (`Cơ quan thực hiện: Phòng Tài chính - Kế hoạch …`), public-finance
tasks that use the same words without a source (`Thực hiện cơ chế tự chủ về
sử dụng kinh phí quản lý hành chính …; … kiểm toán nhà nước về tài chính,
ngân sách`), a table column headed `Nguồn kinh phí`, and sentences lying
wholly inside a `skip` span (header, preamble, closing, citations).

A sentence ends at `.` `!` `?` before a space, at `;` closing a line, where a
list item or numbered heading opens, and at a blank line unless the next line
goes on in lower case (a page break inside a sentence). Returned sentences
have their list marker dropped and spaces collapsed; `budget_spans` gives
their offsets in the canonical text.
"""
from __future__ import annotations

import re
from typing import Iterable

FLAGS = re.IGNORECASE
ITEM_OPENING = r"(?:[-+•*]|[a-zđ]\)|\d+(?:\.\d+)*\.|[IVXLC]+\.)\s"
_BREAK = re.compile(rf"[.!?](?=\s)|;[ \t]*(?=\n)|\n\s*\n|\n[ \t]*(?={ITEM_OPENING})", FLAGS)
_ITEM_NUMBER = re.compile(r"[ \t]*(?:[IVXLC]+|\d+(?:\.\d+)*)$")
_MARKER = re.compile(rf"^\s*{ITEM_OPENING}\s*", FLAGS)
_MONEY = re.compile(r"kinh\s+phí|ngân\s+sách|dự\s+toán|xã\s+hội\s+hóa|nguồn\s+vốn", FLAGS)
_SOURCE = [re.compile(p, FLAGS) for p in (
    r"kinh\s+phí[^;]{0,200}?\b(?:từ|trong|bằng|do)\s+(?:các\s+)?(?:nguồn|ngân\s+sách|dự\s+toán|kinh\s+phí)",
    r"\b(?:từ|bằng)\s+(?:các\s+)?nguồn\s+(?:kinh\s+phí|ngân\s+sách|vốn|xã\s+hội\s+hóa)",
    r"nguồn\s+xã\s+hội\s+hóa",
    r"bố\s+trí\s+(?:trong|vào)\s+dự\s+toán",
    r"nằm\s+trong\s+(?:nguồn\s+)?kinh\s+phí",
)]
# A funding block opens with a numbered line naming it, or a capitalised one.
_BLOCK_NUMBERED = re.compile(
    r"^[ \t]*(?P<num>[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))[ \t]*(?:[-–][ \t]*)?"
    r"(?:nguồn\s+)?kinh\s+phí\b[^\n]*", FLAGS | re.MULTILINE)
_BLOCK_CAPITAL = re.compile(r"^[ \t]*(?:NGUỒN\s+)?KINH\s+PHÍ\b[^\n]*$", re.MULTILINE)
_CLOSING = re.compile(r"^[ \t]*(?:Nơi\s+nhận|Trên\s+đây|TM\.|KT\.|TL\.|Điều\s+\d)", re.MULTILINE)
_LEVELS = {
    "roman": re.compile(r"^[ \t]*[IVXLC]+\.\s", re.MULTILINE),
    "arabic": re.compile(r"^[ \t]*(?:\d+\.\s|[IVXLC]+\.\s)", re.MULTILINE),
    "letter": re.compile(r"^[ \t]*(?:[a-zđ]\)\s|\d+\.\s|[IVXLC]+\.\s)", re.MULTILINE),
}


def extract_budget(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[str]:
    """The funding-source sentences of `text`, in reading order, each once."""
    found = []
    for start, end in budget_spans(text, skip):
        sentence = _clean(text[start:end])
        if sentence not in found:
            found.append(sentence)
    return found


def budget_spans(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each funding sentence in `text`."""
    skip = list(skip)
    blocks = funding_blocks(text)
    spans = []
    for start, end in sentence_spans(text):
        if any(s <= start and end <= e for s, e in skip):
            continue
        sentence = text[start:end]
        in_block = any(s <= start < e for s, e, _ in blocks)
        if any(start == heading for _, _, heading in blocks) and not _names_source(sentence):
            continue  # the block's own heading line
        if (in_block and _MONEY.search(sentence)) or _names_source(sentence):
            spans.append((start, end))
    return spans


def funding_blocks(text: str) -> list[tuple[int, int, int]]:
    """(start, end, heading_start) of each funding block: from its opening line
    to the next item of the same or a higher level, or a closing line."""
    blocks = []
    for match in _BLOCK_NUMBERED.finditer(text):
        level = _level(match.group("num"))
        blocks.append((match.start(), _block_end(text, match.end(), _LEVELS[level]), match.start()))
    for match in _BLOCK_CAPITAL.finditer(text):
        if not match.group().isupper():
            continue  # `Kinh phí …` unnumbered in mixed case is a sentence or a table header
        blocks.append((match.start(), _block_end(text, match.end(), _LEVELS["roman"]), match.start()))
    return [(_first_char(text, s), e, _first_char(text, h)) for s, e, h in blocks]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans, stripped of surrounding white space."""
    spans, start = [], 0
    for match in _BREAK.finditer(text):
        if match.group().startswith("\n") and "\n" in match.group()[1:] and _goes_on(text, match.end()):
            continue  # a blank line inside a sentence: the next line is lower case
        if match.group() == "." and _ITEM_NUMBER.match(text, text.rfind("\n", 0, match.start()) + 1, match.start()):
            continue  # the dot of `III.` or `2.1.` numbers an item, it ends nothing
        end = match.end() if match.group()[0] in ".!?;" else match.start()
        spans.append((start, end))
        start = match.end() if match.group()[0] not in ".!?;" else end
    spans.append((start, len(text)))
    return [span for span in (_strip(text, s, e) for s, e in spans) if span[0] < span[1]]


def _names_source(sentence: str) -> bool:
    return any(p.search(sentence) for p in _SOURCE)


def _block_end(text: str, after: int, next_item: re.Pattern) -> int:
    """Where the block stops: the next item of its level or higher, a closing
    line, or a capitalised line (the title of an attached part)."""
    ends = [m.start() for m in (next_item.search(text, after), _CLOSING.search(text, after)) if m]
    ends.append(_next_capital_line(text, after))
    return min(ends)


def _next_capital_line(text: str, after: int) -> int:
    for match in re.finditer(r"^[^\n]+$", text[after:], re.MULTILINE):
        line = match.group().strip()
        if len(line) >= 8 and line.isupper() and not _MARKER.match(line):
            return after + match.start()
    return len(text)


def _level(number: str) -> str:
    if number.endswith(")"):
        return "letter"
    return "arabic" if number[0].isdigit() else "roman"


def _goes_on(text: str, at: int) -> bool:
    rest = text[at:].lstrip()
    return bool(rest) and rest[0].islower() and not _MARKER.match(rest)


def _first_char(text: str, at: int) -> int:
    return at + len(text[at:]) - len(text[at:].lstrip())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - len(chunk) + len(chunk.rstrip())


def _clean(sentence: str) -> str:
    sentence = _MARKER.sub("", sentence)
    sentence = re.sub(r"\s+", " ", sentence).strip()
    return re.sub(r"\./\.$", ".", sentence)
