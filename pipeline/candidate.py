"""What an extractor proposes: a value, where it stands, and how sure the rule is.

Extractors propose (spaCy's `match`); resolve.py decides (`set_annotations`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Candidate:
    value: Any
    span: tuple[int, int] | None
    confidence: float = 1.0
    rule: str = ""
    warnings: list[str] = field(default_factory=list)
