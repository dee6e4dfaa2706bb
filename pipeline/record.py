"""The record: one pydantic model per object of ../shared/RECORD.md.

Field names, types and nulls follow RECORD.md exactly; it is the contract the
scorer reads and the database holds. List items that point back into the text
carry a `span` ([start, end) offsets into the canonical text), so a reader can
always see where a value came from.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Span = Optional[tuple[int, int]]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    file: str
    sha256: str
    format: Literal["txt", "md", "docx", "pdf", "image"]
    pages: Optional[int] = None
    ocr: bool = False
    ocr_confidence: Optional[float] = Field(default=None, ge=0, le=1)


class Period(_Model):
    start: Optional[str] = None
    end: Optional[str] = None


class Signer(_Model):
    name: Optional[str] = None
    position: Optional[str] = None
    authority: Optional[str] = None


class CitedDoc(_Model):
    """A cited document. `relation` is set on legal bases only."""
    doc_type: Optional[str] = None
    ref: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    title: Optional[str] = None
    text: str = ""
    relation: Optional[Literal["căn cứ", "thực hiện", "đề nghị"]] = None
    span: Span = None


class Section(_Model):
    id: str
    heading: str
    text: str
    parent: Optional[str] = None
    span: Span = None


class Target(_Model):
    value: float
    max: Optional[float] = None
    unit: str
    object: Optional[str] = None
    text: str = ""
    section: Optional[str] = None
    span: Span = None


class Timeline(_Model):
    kind: Literal["period", "deadline", "ongoing", "recurring", "relative"]
    start: Optional[str] = None
    end: Optional[str] = None
    text: str = ""
    section: Optional[str] = None
    span: Span = None


class Responsibility(_Model):
    agency: str
    role: Literal["chủ trì", "phối hợp", "thực hiện"]
    group: bool = False
    task: str = ""
    section: Optional[str] = None
    span: Span = None


class Attachment(_Model):
    doc_type: Optional[str] = None
    title: Optional[str] = None


class Record(_Model):
    source: Source
    doc_type: Optional[str] = None
    ref: Optional[str] = None
    number: Optional[str] = None
    symbol: Optional[str] = None
    title: Optional[str] = None
    issuer: Optional[str] = None
    place: Optional[str] = None
    issued_date: Optional[str] = None
    province: Optional[str] = None
    level: Optional[Literal["trung ương", "tỉnh", "huyện", "xã"]] = None
    period: Optional[Period] = None
    signer: Optional[Signer] = None
    recipients: list[str] = []
    legal_bases: list[CitedDoc] = []
    references: list[CitedDoc] = []
    sections: list[Section] = []
    targets: list[Target] = []
    timelines: list[Timeline] = []
    responsibilities: list[Responsibility] = []
    inspection_subjects: list[str] = []
    areas: list[str] = []
    budget: list[str] = []
    attachments: list[Attachment] = []
    warnings: list[str] = []

    def to_json(self) -> str:
        return self.model_dump_json(indent=1)
