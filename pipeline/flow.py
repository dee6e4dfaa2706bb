"""process(path) -> Record: the whole flow for one file, top to bottom.

file ─▶ ingest ─▶ normalize ─▶ layout ─▶ extract ─▶ resolve ─▶ Record
"""
from __future__ import annotations

from pathlib import Path

from . import ingest, language, normalize, repair
from .errors import EmptyDocument
from .extract import doc_type, issuer, jurisdiction, period, place_date, recipients, ref, signer, title
from .extract.areas import document_areas
from .extract.budget import extract_budget
from .extract.citations import extract_citations
from .extract.responsibilities import extract_responsibilities
from .extract.subjects import extract_inspection_subjects
from .extract.targets import extract_targets
from .extract.timelines import extract_timelines
from .layout import Layout, analyse
from .record import Attachment, Period, Record, Section, Signer, Source
from .resolve import pick


def process(path: str | Path) -> Record:
    return process_with_text(path)[0]


def process_with_text(path: str | Path) -> tuple[Record, str]:
    """The record and the canonical text its spans point into."""
    path = Path(path)
    raw = ingest.read(path)
    text = normalize.canonical(raw.text)
    if raw.ocr:  # OCR damage repaired where the form is certain; each repair becomes a warning
        text, repairs = repair.repair_ocr_text(text)
        raw.warnings.extend(repairs)
    if not text.strip():
        raise EmptyDocument(path, "the file holds no text" + _why_empty(raw.warnings))
    layout = analyse(text)
    warnings = list(raw.warnings) + language.language_warnings(text)
    header = read_header(layout, warnings)
    legal_bases, references = read_citations(layout, header)
    record = Record(
        source=_source(path, raw),
        **header,
        legal_bases=legal_bases,
        references=references,
        sections=_sections(layout),
        attachments=[Attachment(doc_type=p.doc_type, title=p.title) for p in layout.parts[1:]],
        warnings=warnings,
    )
    return add_content(record, layout), text


def read_header(layout: Layout, warnings: list[str]) -> dict:
    the_ref = pick(ref.candidates(layout), warnings)
    number, symbol = ref.split(the_ref)
    the_title = pick(title.candidates(layout), warnings)
    place = pick(place_date.place_candidates(layout), warnings)
    issued = pick(place_date.date_candidates(layout), warnings)
    bodies = [name for name, _ in issuer.bodies(layout)]
    the_period = pick(period.candidates(layout, the_title), warnings)
    the_signer = pick(signer.candidates(layout), warnings)
    level = pick(jurisdiction.level_candidates(layout, bodies, place, issued), warnings)
    province = None if level == "trung ương" else pick(
        jurisdiction.province_candidates(layout, bodies, place, issued), warnings)
    return {
        "doc_type": pick(doc_type.candidates(layout, the_ref), warnings),
        "ref": the_ref, "number": number, "symbol": symbol,
        "title": the_title,
        "issuer": pick(issuer.candidates(layout), warnings),
        "place": place,
        "issued_date": issued,
        "province": province,
        "level": level,
        "period": Period(**the_period) if the_period else None,
        "signer": Signer(**the_signer) if the_signer else None,
        "recipients": pick(recipients.candidates(layout), warnings) or [],
    }


def read_citations(layout: Layout, header: dict):
    year = (header.get("issued_date") or "")[:4] or None
    return extract_citations(layout.text, layout.preamble, header.get("ref"), year)


def add_content(record: Record, layout: Layout) -> Record:
    """Content fields gathered from every part of the file, each item placed in its section."""
    skip = _not_content(layout, record)
    record.timelines = _in_sections(extract_timelines(layout.text, skip), layout)
    record.targets = _in_sections(extract_targets(layout.text, skip), layout)
    record.responsibilities = _in_sections(extract_responsibilities(layout.text, None, skip), layout)
    record.inspection_subjects = extract_inspection_subjects(layout.text, skip, province=record.province)
    record.areas = document_areas(record.sections)
    record.budget = extract_budget(layout.text, skip)
    return record


def _not_content(layout: Layout, record: Record) -> list[tuple[int, int]]:
    """Zones whose dates and numbers commit to nothing: header and title, preamble,
    closing, and every citation (its own date)."""
    zones = [(0, layout.header_end())]
    zones += [zone for zone in (layout.preamble, layout.closing) if zone]
    zones += [c.span for c in record.references if c.span]
    return zones


def _in_sections(items: list, layout: Layout) -> list:
    for item in items:
        if item.span:
            item.section = layout.section_at(item.span[0])
    return items


def _sections(layout: Layout) -> list[Section]:
    return [Section(id=s.id, heading=s.heading, text=layout.text[s.start:s.end].strip(),
                    parent=s.parent, span=(s.start, s.end)) for s in layout.sections]


def _source(path: Path, raw: ingest.RawDocument) -> Source:
    return Source(file=path.name, sha256=ingest.sha256_of(path), format=raw.format, pages=raw.pages,
                  ocr=raw.ocr, ocr_confidence=raw.ocr_confidence)


def _why_empty(warnings: list[str]) -> str:
    return f" ({'; '.join(warnings)})" if warnings else ": check that it is the right file"
