"""Extractors: one module per field; each returns candidates with spans into the
canonical text, and resolve.py picks one value per field.

Header and closing fields take the layout: `candidates(layout, …) -> list[Candidate]`
(doc_type, ref, title, issuer, place_date, jurisdiction, period, signer, recipients).
Citations and content fields take the canonical text and return record items
with spans (citations, timelines, targets)."""
