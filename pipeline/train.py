"""Training the models the pipeline ships: `train_areas` for the reform-areas classifier.

`train_areas(sections_path, model_dir, seed=0)` reads the labelled sections
(`corpus/areas/sections.jsonl`, one JSON object a line: doc, section, text,
labels), holds out whole documents (no plan on both sides), trains a spaCy
`textcat_multilabel` (spaCy's ensemble of a bag of syllables and a small CNN) on the rest with a
fixed seed, scores it and the keyword baseline on the held-out documents,
saves the model with `nlp.to_disk` and writes `manifest.json` beside it
(labels, data sha256, code version, spaCy version, split, thresholds,
scores). The shipped model is the one trained on the training split only,
so the scores in its manifest are the scores of the model that ships.
"""
from __future__ import annotations

import hashlib
import json
import random
import subprocess
from pathlib import Path
from typing import Iterable, Optional

from pipeline.extract.areas import DEFAULT_THRESHOLD, LABELS, keyword_labels, model_input

HELD_OUT = ("000_a2e1c745d72760cb", "003_c0a46b905892e1bc")
ITERATIONS = 40
BATCH_SIZE = 8
DROPOUT = 0.1
# spaCy's default multilabel model (a bag of words beside a small CNN over
# hashed NORM/LOWER/PREFIX/SUFFIX/SHAPE embeddings), with the bag of words cut
# to 2**15 rows so the saved model stays near 3 MB. Chosen, with ITERATIONS
# and the 0.5 threshold, by leave-one-document-out cross-validation on the
# training documents only (micro F1 0.46 against 0.37 for a bag of words
# alone); the held-out documents were never used to choose.
TEXTCAT_MODEL = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                  "rows": [2000, 2000, 500, 1000, 500],
                  "attrs": ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64,
                   "window_size": 1, "maxout_pieces": 3, "depth": 2},
    },
    "linear_model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                     "length": 2 ** 15, "ngram_size": 1, "no_output_layer": False},
}
REPO = Path(__file__).resolve().parents[1]


def train_areas(sections_path, model_dir, seed: int = 0, iterations: int = ITERATIONS,
                held_out: Iterable[str] = HELD_OUT) -> dict:
    """Train, score, save; returns the manifest written to model_dir/manifest.json."""
    rows = read_sections(sections_path)
    held_out = tuple(held_out)
    train = [r for r in rows if r["doc"] not in held_out]
    test = [r for r in rows if r["doc"] in held_out]
    nlp = fit(train, seed, iterations)
    thresholds = {label: DEFAULT_THRESHOLD for label in LABELS}
    model_pred = predict(nlp, [r["text"] for r in test], thresholds)
    keyword_pred = [keyword_labels(r["text"]) for r in test]
    gold = [r["labels"] for r in test]
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(model_dir)
    manifest = {
        "model": "areas",
        "labels": list(LABELS),
        "training_data": {"path": _shown(sections_path), "sha256": sha256_of(sections_path),
                          "sections": len(rows)},
        "code_version": {"git_head": git_head(), "train_py_sha256": sha256_of(__file__)},
        "spacy_version": _spacy_version(),
        "architecture": TEXTCAT_MODEL,
        "training": {"seed": seed, "iterations": iterations, "batch_size": BATCH_SIZE,
                     "dropout": DROPOUT, "input": "pipeline.extract.areas.model_input(text)"},
        "split": {"by": "document", "train_docs": sorted({r["doc"] for r in train}),
                  "test_docs": sorted({r["doc"] for r in test}),
                  "train_sections": len(train), "test_sections": len(test)},
        "thresholds": thresholds,
        "scores": {"textcat": scores(gold, model_pred), "keywords": scores(gold, keyword_pred)},
    }
    (model_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def read_sections(path) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def fit(rows: list[dict], seed: int, iterations: int):
    """A blank Vietnamese pipeline (no pyvi: syllables split on spaces) with one
    textcat_multilabel, trained by nlp.update in shuffled minibatches."""
    import spacy
    from spacy.training import Example
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": TEXTCAT_MODEL})
    for label in LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(model_input(r["text"])), {"cats": _cats(r["labels"])})
                for r in rows]
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(seed)
    for _ in range(iterations):
        shuffle.shuffle(examples)
        for start in range(0, len(examples), BATCH_SIZE):
            nlp.update(examples[start:start + BATCH_SIZE], sgd=optimizer, drop=DROPOUT)
    return nlp


def predict(nlp, texts: list[str], thresholds: dict[str, float]) -> list[list[str]]:
    docs = nlp.pipe(model_input(t) for t in texts)
    return [[label for label in LABELS if doc.cats[label] >= thresholds[label]] for doc in docs]


def scores(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Precision, recall, F1 per label over sections, then micro (pooled counts)
    and macro (mean of the per-label figures)."""
    per_label = {}
    totals = [0, 0, 0]
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold, pred) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold, pred) if label in g and label not in p)
        per_label[label] = {**_prf(tp, fp, fn), "support": tp + fn}
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    macro = {k: round(sum(v[k] for v in per_label.values()) / len(LABELS), 3)
             for k in ("precision", "recall", "f1")}
    return {"per_label": per_label, "micro": _prf(*totals), "macro": macro}


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _cats(labels: list[str]) -> dict[str, float]:
    return {label: float(label in labels) for label in LABELS}


def sha256_of(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def git_head() -> Optional[str]:
    """The commit the code was at (None outside a git checkout)."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def _shown(path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def _spacy_version() -> str:
    import spacy
    return spacy.__version__
