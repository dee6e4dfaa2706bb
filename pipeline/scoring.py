"""A copy of ../shared/eval/score.py (the contract scorer, standard library only), so that
`cchc evaluate` gives the same figures on a machine without shared/. tests/test_evaluate.py
checks the copy against the original whenever shared/ is present."""
import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
ABBREVIATIONS = [
    (r"\bubnd\b", "ủy ban nhân dân"),
    (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\bmttq\b", "mặt trận tổ quốc"),
    (r"\bvn\b", "việt nam"),
    (r"\btp\.\s*|\btp\s", "thành phố "),
    (r"\s*&\s*", " và "),
]

SCALARS = ["ref", "doc_type", "title", "place", "issued_date", "province",
           "level", "issuer", "signer.name", "signer.position", "period"]
LISTS = ["legal_bases", "references", "recipients", "timelines", "targets",
         "responsibilities", "inspection_subjects"]


def fold(text):
    """Casefold, unify old/new tone placement by dropping tone marks, squeeze spaces."""
    text = unicodedata.normalize("NFD", str(text).casefold())
    text = "".join(c for c in text if c not in TONE_MARKS)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\*_`]+", "", text)
    text = re.sub(r"\s*[-‐‑–—]\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .;:,-")


def fold_name(text):
    """Agency and recipient names: abbreviations expanded, trailing notes dropped."""
    text = fold(text)
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)
    for pattern, full in ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    text = fold(text)
    text = re.sub(r"^(cac|giao|đông chi)\s+", "", text)
    return re.sub(r"\s+", " ", text).strip(" .;:,-")


def fold_ref(text):
    if text is None:
        return None
    text = unicodedata.normalize("NFC", str(text)).upper()
    # PDF and web copies drop or change the joiners ("QĐUBND", "QĐ.TTg"): compare without them
    return re.sub(r"[\s\-‐‑–—._]+", "", text)


def dig(record, dotted):
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return KeyError
        value = value[part]
    return value


def scalar_key(field, value):
    if value is None or value == "":
        return None
    if field == "ref":
        return fold_ref(value)
    if field == "issued_date":
        return str(value)
    if field == "period":
        if not isinstance(value, dict):
            return str(value)
        return (str(value.get("start")), str(value.get("end")))
    if field in ("issuer", "place", "signer.name"):
        return fold_name(value).replace(" ", "")
    if field == "title":
        # "V/v" and "Về việc" open many titles and are dropped by some copies
        return re.sub(r"^(v/v|vê viêc)\s+", "", fold(value))
    if field == "province":
        return re.sub(r"^(tinh|thanh phô)\s+", "", fold_name(value)).replace(" ", "")
    return fold(value)


def doc_key(item):
    """A cited document: its số ký hiệu, else its type and date (laws are cited so)."""
    ref = item.get("ref")
    if ref and re.search(r"\d", ref.split("/")[0] if "/" in ref else ref):
        return ("ref", fold_ref(ref))
    if item.get("date"):
        return ("typed", fold(item.get("doc_type") or ""), str(item["date"]))
    return None


def name_key(text):
    """Names compare without spaces: crawled copies split syllables ("Ng o ại giao")."""
    return fold_name(text).replace(" ", "")


def item_keys(field, items):
    keys = Counter()
    for item in items or []:
        if field in ("legal_bases", "references"):
            key = doc_key(item)
        elif field in ("recipients", "inspection_subjects"):
            key = name_key(item if isinstance(item, str) else item.get("name", ""))
        elif field == "timelines":
            if item.get("start") is None and item.get("end") is None:
                key = None
            else:
                key = (str(item.get("start")), str(item.get("end")))
        elif field == "targets":
            value = item.get("value")
            try:
                value = float(value)
            except (TypeError, ValueError):
                key = None
            else:
                key = (value, item.get("unit") == "%")
        elif field == "responsibilities":
            if item.get("group"):
                key = None  # plural groups ("các sở, ban, ngành") are shown, not scored
            else:
                key = (name_key(item.get("agency", "")), fold(item.get("role", "")))
        else:
            key = None
        if key:
            keys[key] = 1  # a set: each distinct thing counts once per document
    return keys


def score(gold_dir, pred_dir, fields, explain):
    tally = {f: Counter() for f in fields}
    notes = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred_path = Path(pred_dir) / gold_path.name
        pred = {}
        if pred_path.exists():
            try:
                pred = json.loads(pred_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as err:
                notes.append(f"{gold_path.stem}: unreadable prediction ({err})")
        else:
            notes.append(f"{gold_path.stem}: no prediction")
        for field in fields:
            want = dig(gold, field)
            if want is KeyError:
                continue
            got = dig(pred, field)
            got = None if got is KeyError else got
            t = tally[field]
            if field in SCALARS:
                ok = scalar_key(field, want) == scalar_key(field, got)
                t["n"] += 1
                t["ok"] += ok
                if explain and not ok:
                    notes.append(f"{gold_path.stem}: {field}: want {want!r} got {got!r}")
            else:
                w, g = item_keys(field, want), item_keys(field, got)
                hit = sum((w & g).values())
                t["tp"] += hit
                t["gold"] += sum(w.values())
                t["pred"] += sum(g.values())
                if explain:
                    for k in w - g:
                        notes.append(f"{gold_path.stem}: {field}: missed {k}")
                    for k in g - w:
                        notes.append(f"{gold_path.stem}: {field}: extra {k}")
    return tally, notes


def summarise(tally):
    rows = []
    for field, t in tally.items():
        if field in SCALARS:
            if not t["n"]:
                continue
            acc = t["ok"] / t["n"]
            rows.append((field, t["n"], None, None, acc))
        else:
            if not t["gold"] and not t["pred"]:
                continue
            p = t["tp"] / t["pred"] if t["pred"] else 0.0
            r = t["tp"] / t["gold"] if t["gold"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows.append((field, t["gold"], p, r, f))
    macro = sum(r[4] for r in rows) / len(rows) if rows else 0.0
    return rows, macro


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir")
    ap.add_argument("pred_dir")
    ap.add_argument("--fields", help="comma-separated subset of fields")
    ap.add_argument("--explain", action="store_true", help="list every miss and extra")
    ap.add_argument("--min-macro", type=float, help="exit 1 when the macro score is below this")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args(argv)
    fields = args.fields.split(",") if args.fields else SCALARS + LISTS
    tally, notes = score(args.gold_dir, args.pred_dir, fields, args.explain)
    rows, macro = summarise(tally)
    if args.json:
        print(json.dumps({"fields": {r[0]: {"n": r[1], "p": r[2], "r": r[3], "score": r[4]} for r in rows},
                          "macro": macro}, ensure_ascii=False, indent=1))
    else:
        for note in notes:
            print(note)
        print(f"{'field':20} {'n':>5} {'P':>6} {'R':>6} {'F1/acc':>7}")
        for field, n, p, r, f in rows:
            ps = f"{p:6.3f}" if p is not None else "     -"
            rs = f"{r:6.3f}" if r is not None else "     -"
            print(f"{field:20} {n:5d} {ps} {rs} {f:7.3f}")
        print(f"macro {macro:.3f}")
    if args.min_macro is not None and macro < args.min_macro:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
