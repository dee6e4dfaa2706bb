"""Search latency on a database of 10,000 varied documents made from the corpus.

    .venv/bin/python bench/search_latency.py [--documents 10000] [--queries 200] [--keep DB]
    .venv/bin/python bench/search_latency.py --reuse DB   # time a database built with --keep

Each corpus document is read once (`process_with_text`); copies of it are then
varied — province (the issuer's name in the text too), level, year, number,
type, paragraphs dropped and reordered, sentences of other documents added —
and written with `store.save`, so the index holds 10,000 texts of different
lengths and vocabularies. Then `pipeline.search.search` runs the queries, a
quarter each: words without diacritics, the same with diacritics, either with a
filter (province, level, year or type), and số ký hiệu. Prints the median and
p95 in milliseconds of each kind and of all; the target is p95 under 50 ms.
Wall time is the figure; the CPU time of the searching thread is printed
beside it, since on a shared machine the wall time also counts the waits for a
core. The queries come from their own seed, so `--reuse` times the same ones.
Also times the browse page's search (Datasette's `_search` with its four
facets) on the same file. Asserts nothing; never part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from pipeline import serve, store
from pipeline.flow import process_with_text
from pipeline.search import search
from pipeline.textfold import fold_ascii

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"
PROVINCES = [p["name"] for p in json.loads(
    (ROOT / "pipeline" / "data" / "admin_units.json").read_text(encoding="utf-8"))["provinces"]]
LEVELS = ["tỉnh", "huyện", "xã", "tỉnh", "huyện"]
TYPES = [("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Báo cáo", "BC"), ("Công văn", "UBND-NC")]
PHRASES = ["kiểm tra cải cách hành chính", "thủ tục hành chính", "chuyển đổi số",
           "Sở Nội vụ", "đối tượng kiểm tra", "một cửa liên thông", "chỉ số hài lòng",
           "cán bộ công chức", "kỷ luật kỷ cương", "Ủy ban nhân dân cấp xã",
           "dịch vụ công trực tuyến", "tổ chức bộ máy", "tài chính công", "đánh giá",
           "kinh phí thực hiện", "báo cáo kết quả", "người đứng đầu", "văn bản quy phạm"]
SEED = 20240601


def read_corpus() -> list[tuple]:
    return [process_with_text(path) for path in sorted(CORPUS.glob("*.txt"))]


def _vary_text(text: str, old_province: str | None, province: str, year: int,
               donor: list[str], rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:4], paragraphs[4:]
    body = [p for p in body if rng.random() > 0.25]          # drop about a quarter
    rng.shuffle(body)
    body += rng.sample(donor, k=min(len(donor), rng.randint(2, 12)))  # other documents' words
    varied = "\n\n".join(head + body)
    if old_province:
        varied = varied.replace(old_province, province)
    for old_year in ("2020", "2022", "2023", "2024"):
        varied = varied.replace(old_year, str(year))
    return varied


def varied_documents(corpus: list[tuple], count: int, rng: random.Random):
    """(Record, text) pairs: `count` variations of the corpus records."""
    donor = [p for _, text in corpus for p in text.split("\n\n") if len(p) > 80]
    for i in range(count):
        record, text = corpus[i % len(corpus)]
        province, year = rng.choice(PROVINCES), rng.randint(2015, 2025)
        doc_type, code = rng.choice(TYPES)
        number = str(rng.randint(1, 3000))
        source = record.source.model_copy(update={
            "sha256": f"{i:064x}", "file": f"bench_{i:05d}.txt"})
        varied = record.model_copy(update={
            "source": source, "province": province, "level": rng.choice(LEVELS),
            "doc_type": doc_type, "number": number, "symbol": f"{code}-UBND",
            "ref": f"{number}/{code}-UBND",
            "issued_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "title": (record.title or "").replace("2020", str(year)) + f" tỉnh {province}"})
        yield varied, _vary_text(text, record.province, province, year, donor, rng)


def build(db_path: Path, count: int, rng: random.Random) -> list[dict]:
    """Write the documents; return the header fields the queries draw filters from."""
    db = store.open_db(db_path)
    db.execute("PRAGMA synchronous = OFF")  # a throwaway file: no fsync per document
    corpus, headers = read_corpus(), []
    started = time.perf_counter()
    for record, text in varied_documents(corpus, count, rng):
        store.save(db, record, text)
        headers.append({"province": record.province, "level": record.level,
                        "year": record.issued_date[:4], "doc_type": record.doc_type,
                        "ref": record.ref})
    db.execute("PRAGMA optimize")
    print(f"built {count} documents in {time.perf_counter() - started:.0f} s "
          f"({db_path.stat().st_size / 2**20:.0f} MiB) → {db_path}")
    db.close()
    return headers


def queries(headers: list[dict], total: int, rng: random.Random) -> list[tuple[str, str, dict]]:
    """(kind, query, filters): a quarter of each kind."""
    out = []
    for i in range(total):
        phrase = rng.choice(PHRASES)
        kind = ["plain", "diacritics", "filtered", "ref"][i % 4]
        if kind == "plain":
            out.append((kind, fold_ascii(phrase), {}))
        elif kind == "diacritics":
            out.append((kind, phrase, {}))
        elif kind == "filtered":
            header = rng.choice(headers)
            name = rng.choice(["province", "level", "year", "doc_type"])
            query = phrase if rng.random() < 0.5 else fold_ascii(phrase)
            out.append((kind, query, {name: header[name]}))
        else:
            out.append((kind, rng.choice(headers)["ref"], {}))
    return out


def _p95(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]


def _figures(times: list[float]) -> str:
    ordered = sorted(times)
    return (f"median {statistics.median(ordered):6.1f} ms   p95 {_p95(ordered):6.1f} ms   "
            f"(n={len(ordered)})")


def _wall_and_cpu(times: list[tuple[float, float]]) -> str:
    cpu = sorted(c for _, c in times)
    return (f"{_figures([w for w, _ in times])}   CPU median {statistics.median(cpu):5.1f} "
            f"p95 {_p95(cpu):5.1f}")


def stored_headers(db_path: Path) -> list[dict]:
    """The header fields of a database built earlier, in the order `build` wrote them."""
    db = store.open_db(db_path)
    rows = db.query("SELECT province, level, substr(issued_date, 1, 4) AS year, doc_type, ref "
                    "FROM documents ORDER BY id")
    headers = list(rows)
    db.close()
    return headers


def time_search(db_path: Path, planned: list[tuple[str, str, dict]]
                ) -> dict[str, list[tuple[float, float]]]:
    """kind → (wall ms, CPU ms) of each search."""
    db = store.open_db(db_path)
    search(db, "cai cach", limit=20)  # warm the page cache and the fold function
    times: dict[str, list[tuple[float, float]]] = {}
    for kind, query, filters in planned:
        started, cpu = time.perf_counter(), time.thread_time()
        search(db, query, limit=20, **filters)
        times.setdefault(kind, []).append(((time.perf_counter() - started) * 1000,
                                           (time.thread_time() - cpu) * 1000))
    return times


def time_browse(db_path: Path, planned: list[tuple[str, str, dict]]) -> list[float]:
    """The browse page's search (JSON of documents_browse with its facets), in process."""
    import asyncio
    from urllib.parse import urlencode
    serve.prepare_database(db_path)
    datasette = serve.make_datasette(db_path)

    async def run() -> list[float]:
        await datasette.invoke_startup()
        path = f"/{db_path.stem}/{serve.BROWSE_VIEW}.json"
        await datasette.client.get(path + "?_search=cai+cach")
        times = []
        for _, query, filters in planned:
            args = {"_search": query, **{k: v for k, v in filters.items() if v}}
            started = time.perf_counter()
            response = await datasette.client.get(f"{path}?{urlencode(args)}")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text[:200]
        return times
    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="Build the database here and keep it.")
    parser.add_argument("--reuse", type=Path, help="Time this database (built with --keep).")
    parser.add_argument("--no-browse", action="store_true", help="Skip the Datasette timing.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.reuse:
            db_path, headers = args.reuse, stored_headers(args.reuse)
        else:
            db_path = args.keep or Path(scratch) / "bench.db"
            headers = build(db_path, args.documents, random.Random(SEED))
        planned = queries(headers, args.queries, random.Random(SEED + 1))
        times = time_search(db_path, planned)
        print(f"pipeline.search over {len(headers)} documents, limit 20, snippets included:")
        for kind, kind_times in times.items():
            print(f"  {kind:10} {_wall_and_cpu(kind_times)}")
        print(f"  {'all':10} {_wall_and_cpu([t for ts in times.values() for t in ts])}")
        if not args.no_browse:
            print("browse page (documents_browse.json, _search + facets province, level, year, type):")
            print(f"  {'all':10} {_figures(time_browse(db_path, planned))}")


if __name__ == "__main__":
    main()
