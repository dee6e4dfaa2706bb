"""Property tests (hypothesis): normalisation, layout and every extractor on any text.

The strategies write text that looks like a Vietnamese administrative document
(syllables with their marks, header lines, `Số: 12/KH-UBND`, dates in words and
figures, list markers, Markdown pipes and `**`, NFD input) and arbitrary unicode.
The properties:
- canonical text is NFC and canonical(canonical(x)) == canonical(x);
- analyse never raises and every zone lies inside the text;
- every extractor never raises; its spans lie inside the text, and where an item
  carries both a span and its words, the words are the text under the span;
- `process` on a file of the text gives a Record that validates, or refuses the
  file with a CchcError (a blank file), never another exception.
Failing examples found here become rows of the extractor's own test file.
"""
from __future__ import annotations

import os
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.agencies import agency_key, canonical_agency, classify, fold_same_length, list_end, split_bodies
from pipeline.errors import CchcError
from pipeline.extract import (doc_type, issuer, jurisdiction, period, place_date, recipients, ref, signer,
                              title)
from pipeline.extract.budget import budget_spans, extract_budget
from pipeline.extract.citations import extract_citations
from pipeline.extract.responsibilities import extract_responsibilities
from pipeline.extract.subjects import extract_inspection_subjects
from pipeline.extract.targets import extract_targets
from pipeline.extract.timelines import extract_timelines
from pipeline.gazetteer import find_units, place_province, province_named
from pipeline.language import looks_vietnamese, syllable_share
from pipeline.layout import analyse
from pipeline.normalize import canonical
from pipeline.record import Record
from pipeline.textfold import fold, fold_ascii, sentence_case

# Well under 60 s for the whole file on 2 cores; a slow example (a regex gone quadratic) fails
# the deadline. CCHC_FUZZ_EXAMPLES=2000 hunts longer (before a release, after a new extractor).
EXAMPLES = int(os.environ.get("CCHC_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
FUZZ_SLOW = settings(max_examples=max(EXAMPLES // 2, 1), deadline=5000, suppress_health_check=[HealthCheck.too_slow])

# -- strategies ----------------------------------------------------------------------

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r",
          "s", "t", "th", "tr", "v", "x"]
NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "oa", "oe", "uy", "ươ", "iê",
          "uô", "ưa", "ia"]
CODAS = ["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u"]
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]  # huyền sắc ngã hỏi nặng


@st.composite
def syllables(draw) -> str:
    nucleus = draw(st.sampled_from(NUCLEI))
    at = draw(st.integers(0, len(nucleus) - 1))  # old (hoà) and new (hòa) tone placement alike
    toned = nucleus[:at + 1] + draw(st.sampled_from(TONES)) + nucleus[at + 1:]
    word = unicodedata.normalize("NFC", draw(st.sampled_from(ONSETS)) + toned + draw(st.sampled_from(CODAS)))
    case = draw(st.sampled_from(["lower", "lower", "title", "upper"]))
    return {"lower": word, "title": word[:1].upper() + word[1:], "upper": word.upper()}[case]


PHRASES = [
    "ỦY BAN NHÂN DÂN", "UBND", "TỈNH KIÊN GIANG", "HUYỆN CHỢ MỚI", "SỞ NỘI VỤ", "BỘ NỘI VỤ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "KẾ HOẠCH", "QUYẾT ĐỊNH",
    "QUYẾT ĐỊNH:", "CÔNG VĂN", "BÁO CÁO", "V/v", "Kính gửi:", "Căn cứ", "Thực hiện", "Theo đề nghị của",
    "Xét đề nghị của", "Luật Tổ chức chính quyền địa phương", "Nghị định số 30/2020/NĐ-CP", "của Chính phủ",
    "Thủ tướng Chính phủ", "cải cách hành chính", "CCHC", "kiểm tra", "Sở Nội vụ", "chủ trì", "phối hợp",
    "Sở Tài chính", "Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thành phố", "UBND cấp xã",
    "Giám đốc Sở", "Chủ tịch UBND", "Văn phòng UBND tỉnh", "có trách nhiệm", "tổ chức thực hiện",
    "huyện Chợ Mới", "thành phố Rạch Giá", "xã Tân Hiệp", "tỉnh An Giang", "thành phố Hà Nội", "thị xã",
    "kinh phí", "ngân sách nhà nước", "nguồn xã hội hóa", "bố trí trong dự toán", "đạt", "trên", "ít nhất",
    "100%", "hằng năm", "định kỳ", "trước ngày", "giai đoạn", "từ", "đến", "quý", "tháng", "năm",
    "6 tháng đầu năm", "cuối năm", "Phụ lục", "Ban hành kèm theo", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "Lê Thị Minh Phụng", "Điều 1.",
    "Trên đây là", "./.", "như sau:", "đơn vị", "thủ tục hành chính", "dịch vụ công trực tuyến",
]
DOC_ABBR = ["KH", "QĐ", "CV", "NQ", "TB", "BC", "CT", "TTr", "NĐ", "TT", "HD"]
ORGS = ["UBND", "SNV", "TTg", "BNV", "CP", "VPCP", "UBND-NC", "SNV-CCHC&VTLT", "HĐND"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "IX", "X", "XIV"]


@st.composite
def refs(draw) -> str:
    year = draw(st.sampled_from(["", f"{draw(st.integers(1990, 2035))}/"]))
    spaced = draw(st.sampled_from(["/", " / ", "/ "]))
    head = draw(st.sampled_from(["Số: ", "Số ", "số ", "SỐ: ", ""]))
    return f"{head}{draw(st.integers(0, 99999))}{spaced}{year}{draw(st.sampled_from(DOC_ABBR))}-{draw(st.sampled_from(ORGS))}"


@st.composite
def dates(draw) -> str:
    day, month = draw(st.integers(0, 40)), draw(st.integers(0, 15))  # out-of-range days and months too
    year = draw(st.one_of(st.integers(1945, 2040), st.integers(0, 99999)))
    forms = [
        f"ngày {day} tháng {month} năm {year}",
        f"ngày {day:02d}/{month:02d}/{year}",
        f"{day}/{month}/{year}",
        f"{draw(st.sampled_from(['Kiên Giang', 'Hà Nội', 'Chợ Mới', 'TP. Hồ Chí Minh', 'X']))}, ngày {day} tháng {month} năm {year}",
        f"quý {draw(st.sampled_from(ROMAN + ['1', '4', '5']))}/{year}",
        f"quý {draw(st.sampled_from(ROMAN))} năm {year}",
        f"tháng {month}/{year}",
        f"tháng {month} - {draw(st.integers(0, 15))}/{year}",
        f"năm {year}",
        f"năm {year} - {draw(st.integers(1945, 2040))}",
        f"giai đoạn {year}-{draw(st.integers(0, 9999))}",
        f"trước ngày {day}/{month}",
        f"6 tháng {draw(st.sampled_from(['đầu', 'cuối']))} năm {year}",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def numbers(draw) -> str:
    value = draw(st.one_of(st.integers(0, 10**7), st.floats(0, 1e4, allow_nan=False).map(lambda f: f"{f:.2f}")))
    return f"{value}{draw(st.sampled_from(['', '%', ' %', ',5%', '.000.000 đồng', ' triệu đồng', ' xã', ' đơn vị']))}"


MARKERS = st.sampled_from(["", "", "", "- ", "+ ", "* ", "• ", "a) ", "đ) ", "1. ", "2) ", "1.1. ", "1.2.3. ",
                           "I. ", "IV. ", "Điều 2. ", "# ", "## ", "> "])
PUNCT = st.sampled_from([",", ".", ";", ":", "(", ")", "/", "-", "–", "**", "*", "_", "|", "\\", "\"", "…", "./."])
TOKENS = st.one_of(syllables(), syllables(), syllables(), st.sampled_from(PHRASES), st.sampled_from(PHRASES),
                   refs(), dates(), numbers(), PUNCT, st.text(max_size=4))


@st.composite
def lines(draw) -> str:
    words = draw(st.lists(TOKENS, min_size=1, max_size=12))
    line = draw(MARKERS) + " ".join(words)
    wrap = draw(st.sampled_from(["", "", "", "bold", "pipe", "grid", "rule", "upper"]))
    if wrap == "bold":
        return f"**{line}**"
    if wrap == "pipe":
        return "| " + " | ".join(draw(st.lists(st.sampled_from(words), min_size=1, max_size=4))) + " |"
    if wrap == "grid":
        return draw(st.sampled_from(["+-----+-----+", "|---|:---:|", "----- ------", "+=====+", "-" * 20]))
    if wrap == "rule":
        return draw(st.sampled_from(["-------", "******", "___", "|", "* * *"]))
    return line.upper() if wrap == "upper" else line


@st.composite
def documents(draw) -> str:
    """A document-like text: lines of Vietnamese tokens joined by any line ending, maybe NFD."""
    body = draw(st.lists(lines(), min_size=1, max_size=30))
    text = ""
    for line in body:
        text += line + draw(st.sampled_from(["\n", "\n", "\n\n", "\r\n", " ", "\t\n", "\n   \n"]))
    form = draw(st.sampled_from(["NFC", "NFC", "NFD"]))
    return unicodedata.normalize(form, text)


ANY_TEXT = st.one_of(documents(), documents(), st.text(max_size=300),
                     st.text(alphabet=st.sampled_from("|*-+_#\\ \n\r\t:.;,()/ĐđÀàỆệỦủ0123456789IVXa"), max_size=200))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def inside(span, text: str) -> bool:
    return span is not None and 0 <= span[0] <= span[1] <= len(text)


# -- normalisation -------------------------------------------------------------------

@FUZZ
@given(ANY_TEXT)
@example("A\r\n| x | y |\n|---|---|\n| **1** | 2 |\n")
@example("KẾ HOẠCH**Kiểm tra công tác CCHC năm 2020**")
def test_canonical_is_nfc_and_idempotent(raw):
    text = canonical(raw)
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text
    assert canonical(text) == text


# -- textfold and agency folds -----------------------------------------------------

@FUZZ
@given(ANY_TEXT)
def test_folds_never_raise_and_keep_offsets(raw):
    text = canonical(raw)
    assert len(fold_same_length(text)) == len(text)  # the readers use its offsets in the text
    assert fold(fold(text)) == fold(text)
    assert fold_ascii(text).isascii() or not text.isascii()
    sentence_case(text)
    share = syllable_share(text)
    assert share is None or 0 <= share <= 1
    assert looks_vietnamese(text) == (share is None or share >= 0.7)


# -- layout --------------------------------------------------------------------------

@FUZZ
@given(ANY_TEXT)
def test_layout_zones_lie_in_the_text(raw):
    text = canonical(raw)
    layout = analyse(text)
    assert layout.text == text
    for line in layout.lines + layout.segments + layout.title_lines:
        assert inside((line.start, line.end), text)
    for line in [layout.type_segment, layout.authority_line, layout.gazette_line]:
        assert line is None or inside((line.start, line.end), text)
    for zone in (layout.preamble, layout.closing):
        assert zone is None or inside(zone, text)
    assert 0 <= layout.header_end() <= len(text)
    assert all(0 <= part.start <= len(text) for part in layout.parts)
    seen: list[str] = []  # ids may repeat: a Quyết định and the plan it promulgates each have an `I.`
    for section in layout.sections:
        assert inside((section.start, section.end), text)
        assert section.parent is None or section.parent in seen, section
        assert layout.section_at(section.start) is not None
        seen.append(section.id)


# -- header extractors ---------------------------------------------------------------

@FUZZ
@given(ANY_TEXT)
def test_header_extractors_never_raise_and_their_spans_lie_in_the_text(raw):
    text = canonical(raw)
    layout = analyse(text)
    the_ref = next((c.value for c in ref.candidates(layout) if c.value), None)
    ref.split(the_ref)
    the_title = next((c.value for c in title.candidates(layout) if c.value), None)
    places = place_date.place_candidates(layout)
    issued = next((c.value for c in place_date.date_candidates(layout) if c.value), None)
    place = next((c.value for c in places if c.value), None)
    bodies = [name for name, span in issuer.bodies(layout)]
    assert all(inside(span, text) for _, span in issuer.bodies(layout))
    found = [*ref.candidates(layout), *title.candidates(layout), *places, *place_date.date_candidates(layout),
             *issuer.candidates(layout), *period.candidates(layout, the_title), *signer.candidates(layout),
             *recipients.candidates(layout), *doc_type.candidates(layout, the_ref),
             *jurisdiction.level_candidates(layout, bodies, place, issued),
             *jurisdiction.province_candidates(layout, bodies, place, issued)]
    for candidate in found:
        assert candidate.span is None or inside(candidate.span, text), candidate
        assert 0 <= candidate.confidence <= 1, candidate
    assert issued is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", issued), issued


# -- content extractors --------------------------------------------------------------

@FUZZ
@given(ANY_TEXT)
def test_citations_lie_in_the_text(raw):
    text = canonical(raw)
    layout = analyse(text)
    legal, cited = extract_citations(text, layout.preamble, None, None)
    for item in legal + cited:
        assert inside(item.span, text), item
        assert squeeze(text[item.span[0]:item.span[1]]) in squeeze(item.text) or not item.text, item


@FUZZ
@given(ANY_TEXT)
def test_timelines_and_targets_are_the_text_under_their_spans(raw):
    text = canonical(raw)
    for item in extract_timelines(text):
        assert inside(item.span, text), item
        assert squeeze(text[item.span[0]:item.span[1]]) == item.text, item
    for item in extract_targets(text):
        assert inside(item.span, text), item
        assert squeeze(text[item.span[0]:item.span[1]]).strip(" ,;") == item.text, item


@FUZZ
@given(ANY_TEXT)
def test_responsibilities_and_subjects_lie_in_the_text(raw):
    text = canonical(raw)
    for item in extract_responsibilities(text):
        assert inside(item.span, text), item
        assert item.agency.strip(), item
    for name in extract_inspection_subjects(text, province="An Giang"):
        assert name.strip()


@FUZZ
@given(ANY_TEXT)
def test_budget_sentences_lie_in_the_text(raw):
    text = canonical(raw)
    spans = budget_spans(text)
    assert all(inside(span, text) for span in spans)
    assert len(extract_budget(text)) <= len(spans)


@FUZZ
@given(ANY_TEXT)
def test_agencies_and_places_lie_in_the_text(raw):
    text = canonical(raw)
    for piece in split_bodies(text):
        assert inside((piece.start, piece.end), text), piece
    assert 0 <= list_end(text, 0) <= len(text)
    for line in text.split("\n")[:10]:
        canonical_agency(line)
        agency_key(line)
        classify(line)
        province_named(line)
        place_province(line, "2020-01-01")
        place_province(line, "2025-08-01")
    for unit in find_units(text, "2021-06-30"):
        assert inside((unit.start, unit.end), text), unit
        assert unit.start < unit.end


# -- the whole flow ------------------------------------------------------------------

@pytest.fixture(scope="module")
def warm_flow(tmp_path_factory):
    """Load the data files and the areas model once, so no example pays for it."""
    from pipeline.flow import process_with_text
    path = tmp_path_factory.mktemp("warm") / "warm.txt"
    path.write_text("KẾ HOẠCH\nCải cách hành chính năm 2021\nI. MỤC ĐÍCH\n1. Sở Nội vụ chủ trì.\n", encoding="utf-8")
    process_with_text(path)
    return process_with_text, tmp_path_factory.mktemp("fuzz")


@FUZZ_SLOW
@given(raw=ANY_TEXT, suffix=st.sampled_from([".txt", ".md"]))
def test_process_gives_a_record_that_validates(warm_flow, raw, suffix):
    process_with_text, folder = warm_flow
    path = folder / f"văn bản{suffix}"
    path.write_text(raw, encoding="utf-8")
    try:
        record, text = process_with_text(path)
    except CchcError:  # a blank or binary-looking file is refused by name: that is the contract
        assume(False)
        return
    assert Record.model_validate(record.model_dump()) == record
    items = record.legal_bases + record.references + record.sections + record.timelines + record.targets
    items += record.responsibilities
    for item in items:
        assert item.span is None or inside(item.span, text), item
    for section in record.sections:
        assert section.text == text[section.span[0]:section.span[1]].strip()
