"""Does a text look Vietnamese? A cheap check that warns about the wrong file in a batch.

Vietnamese is written in syllables, one per word: an onset from a closed set
(`ngh`, `tr`, `qu`, `b`…), one to three vowels, and a coda from another closed
set (`ng`, `nh`, `ch`, `c`, `m`, `n`, `p`, `t`). Almost every word of a
Vietnamese text fits that shape, with or without its marks (`Kế hoạch`, an OCR'd
`Ke hoach`); most English and French words do not (`plan`, `reform`, `des`,
`administrative`). The check is the share of the text's words that fit, with
the marks folded off (đ → d).

Forms it reads: any text, marked or not, NFC or NFD.
Forms it avoids: words that are not letters (numbers, `12/KH-UBND`) and
all-capital abbreviations (`UBND`, `CCHC`), which are counted as neither; a
text with too few words to tell (a scanned stamp) is taken as Vietnamese, so
no file is warned about on no evidence. Not a language identifier: it tells
Vietnamese from the European languages an archive mixes in, no more.
"""
from __future__ import annotations

import re

from .textfold import fold_ascii

# a Vietnamese syllable, marks folded off
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
                       r"[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 20  # fewer words than this cannot tell one language from another
MIN_SHARE = 0.7  # Vietnamese prose scores above 0.9; English and French below 0.5
NOT_VIETNAMESE = ("the text does not look Vietnamese (few of its words are Vietnamese syllables): "
                  "check that it is the right file; its fields were read all the same")


def syllable_share(text: str) -> float | None:
    """Share of the words that have the shape of a Vietnamese syllable; None with too few words."""
    words = [w for w in _WORD.findall(text) if not (len(w) > 1 and w.isupper())]
    if len(words) < MIN_WORDS:
        return None
    fitting = sum(1 for word in words if _SYLLABLE.fullmatch(fold_ascii(word)))
    return fitting / len(words)


def looks_vietnamese(text: str) -> bool:
    """True unless the text has enough words and too few of them are Vietnamese syllables."""
    share = syllable_share(text)
    return share is None or share >= MIN_SHARE


def language_warnings(text: str) -> list[str]:
    """The record's warning for a text that does not look Vietnamese, or none."""
    return [] if looks_vietnamese(text) else [NOT_VIETNAMESE]
