"""One value per field: the most certain candidate wins; its warnings go to the record.

Candidates come in the order and with the confidence their extractor gave them;
ties keep the extractor's order. A candidate whose value is None (an extractor
saying "this cannot be settled") only wins when nothing else was proposed."""
from __future__ import annotations

from .candidate import Candidate


def pick(candidates: list[Candidate], warnings: list[str]):
    """The value of the best candidate, or None; collects the warnings that matter."""
    ranked = sorted(enumerate(candidates), key=lambda item: (-item[1].confidence, item[0]))
    with_value = [c for _, c in ranked if c.value not in (None, "", [])]
    if with_value:
        chosen = with_value[0]
        warnings.extend(chosen.warnings)
        return chosen.value
    for candidate in candidates:
        warnings.extend(candidate.warnings)
    return None
