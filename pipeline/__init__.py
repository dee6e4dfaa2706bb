"""cchc: Vietnamese administrative-reform plans to structured records.

Public API: `process(path) -> Record` (pipeline.process), the record model
(pipeline.record), and the store (pipeline.store)."""
from .flow import process

__all__ = ["process"]
