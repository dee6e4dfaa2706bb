"""Reform areas (RECORD.md `areas`): the areas of Nghị quyết 76/NQ-CP each section addresses.

The eight labels, in this order: the six areas of Nghị quyết 76/NQ-CP (thể
chế, thủ tục hành chính, tổ chức bộ máy, chế độ công vụ, tài chính công,
chính quyền điện tử / số) and the two standing tasks every CCHC plan and the
PAR INDEX score beside them (chỉ đạo điều hành, thông tin tuyên truyền).

Reads a section as its heading and text (a parent's text holds its
children's), with a spaCy `textcat_multilabel` model trained by
`pipeline.train.train_areas` on `corpus/areas/sections.jsonl`, labelled by
the rules of `corpus/areas/LABELLING.md`:
- areas that a task, inspection content, purpose or shortcoming addresses
  (`Việc thực hiện các chỉ tiêu, quy định về cải cách thể chế và kiểm soát
  thủ tục hành chính`, `Kiện toàn Ban điều hành CCHC`, `Tinh giản biên chế`);
- a unit's standing duty to inspect and self-inspect CCHC → chỉ đạo điều hành.

Avoids (by the guide the model learnt from): the plan's own machinery (team,
schedule, notices, bodies to inspect), funding sentences (a KINH PHÍ section
is not `cải cách tài chính công`), areas named only in a cited title,
`Kiểm tra toàn diện … theo Kế hoạch số …` without a list.

The model is read lazily, once, from `models/areas/` next to the package
(`Path(__file__).parents[2] / "models" / "areas"`). Where that folder is
missing (an installed wheel ships no models), every function falls back,
without error, to the keyword baseline of `pipeline/data/area_keywords.yaml`,
the one the README compares the model with. `areas_source()` says which.
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

from pipeline.textfold import fold

LABELS = (
    "cải cách thể chế",
    "cải cách thủ tục hành chính",
    "cải cách tổ chức bộ máy",
    "cải cách chế độ công vụ",
    "cải cách tài chính công",
    "xây dựng, phát triển chính quyền điện tử, chính quyền số",
    "công tác chỉ đạo điều hành",
    "thông tin tuyên truyền",
)
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "areas"
KEYWORDS = Path(__file__).resolve().parent.parent / "data" / "area_keywords.yaml"
DEFAULT_THRESHOLD = 0.5
_NOT_WORD = re.compile(r"[^\w]+")


def section_text(section) -> str:
    """Heading and text of a section, as labelled and trained: the text already
    opens with its heading line in most layouts; where it does not, prepend it."""
    heading, text = section.heading or "", section.text or ""
    if heading[:20] in text[:len(heading) + 20]:
        return text
    return f"{heading}\n{text}"


def model_input(text: str) -> str:
    """What the model reads: folded (case, old/new tone placement) and without
    punctuation, because the tokenizer without pyvi splits on spaces only and
    would keep `đạo,` apart from `đạo`."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


def classify_sections(sections: list) -> dict[str, list[str]]:
    """Section id → its labels (canonical strings, in LABELS order). A file
    holding several documents repeats ids (`I.1` in a plan and in its Đề
    cương): their labels are merged."""
    found = classify_texts([section_text(s) for s in sections])
    by_id: dict[str, list[str]] = {}
    for section, labels in zip(sections, found):
        by_id[section.id] = _in_order(set(by_id.get(section.id, [])) | set(labels))
    return by_id


def document_areas(sections: list) -> list[str]:
    """The labels any section has, in LABELS order."""
    found = set().union(*classify_sections(sections).values()) if sections else set()
    return _in_order(found)


def classify_texts(texts: list[str]) -> list[list[str]]:
    """Labels of each text: by the model where it is installed and scored at least as
    well as the keyword baseline on the held-out split (its manifest says), else by keywords."""
    model = _chosen_model()
    if model is None:
        return [keyword_labels(t) for t in texts]
    return classify_with(model, texts)


def classify_with(model: tuple, texts: list[str]) -> list[list[str]]:
    """Labels of each text by a loaded model ((nlp, thresholds) from load_model)."""
    nlp, thresholds = model
    docs = nlp.pipe(model_input(t) for t in texts)
    return [_above(doc.cats, thresholds) for doc in docs]


def keyword_labels(text: str) -> list[str]:
    """The keyword baseline: labels whose phrases occur in the folded text."""
    folded = fold(text)
    return [label for label, phrases in _keywords().items()
            if any(p in folded for p in phrases)]


def areas_source() -> str:
    """`model` when models/areas/ is loaded and beats the baseline, `keywords` otherwise."""
    return "keywords" if _chosen_model() is None else "model"


def _chosen_model() -> Optional[tuple]:
    """The model, unless its manifest shows the keyword baseline scoring higher on the
    same held-out split: the record gets whichever reads the areas better."""
    model = _model()
    if model is None:
        return None
    return model if _model_beats_baseline(MODEL_DIR / "manifest.json") else None


def _model_beats_baseline(manifest_path: Path) -> bool:
    if not manifest_path.exists():
        return True
    scores = json.loads(manifest_path.read_text(encoding="utf-8")).get("scores", {})
    model_f1 = scores.get("textcat", {}).get("micro", {}).get("f1", 0.0)
    baseline_f1 = scores.get("keywords", {}).get("micro", {}).get("f1", 0.0)
    return model_f1 >= baseline_f1


def _above(cats: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    return [label for label in LABELS if cats.get(label, 0.0) >= thresholds.get(label, DEFAULT_THRESHOLD)]


def _in_order(labels: Iterable[str]) -> list[str]:
    chosen = set(labels)
    return [label for label in LABELS if label in chosen]


@cache
def _keywords() -> dict[str, list[str]]:
    data = yaml.safe_load(KEYWORDS.read_text(encoding="utf-8"))
    return {label: [fold(p) for p in data.get(label, [])] for label in LABELS}


@cache
def _model() -> Optional[tuple]:
    """(nlp, thresholds) from MODEL_DIR, or None when the folder is absent."""
    return load_model(MODEL_DIR)


def load_model(model_dir: Path) -> Optional[tuple]:
    model_dir = Path(model_dir)
    if not (model_dir / "config.cfg").exists():
        return None
    import spacy  # heavy: only when a model is there to read
    nlp = spacy.load(model_dir)
    manifest = model_dir / "manifest.json"
    thresholds = {}
    if manifest.exists():
        thresholds = json.loads(manifest.read_text(encoding="utf-8")).get("thresholds", {})
    return nlp, thresholds
