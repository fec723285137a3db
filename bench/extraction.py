"""Extraction throughput on one core, without the database.

    .venv/bin/python bench/extraction.py [--repeat N] [PATH …]

Runs the pure part of the pipeline (decode, clean, metadata, sentences, dates, actors and
places, event drafts) over the sample articles (or the given files/folders), repeated, in this
one process, and prints articles per second and the time per stage. The conflict gazetteer is
built once, as ingest does per batch; the world's places are loaded once (from their cache
file, built first if missing), and the time and memory that takes are printed.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

import django  # noqa: E402

django.setup()

from articles.text.cleaning import clean  # noqa: E402
from articles.text.decoding import decode_bytes  # noqa: E402
from articles.text.metadata import extract_metadata  # noqa: E402
from articles.text.temporal import find_dates  # noqa: E402
from timeline.extraction.document import (  # noqa: E402
    extraction_sentences,
    find_entities,
    load_recognisers,
)
from timeline.extraction.events import build_drafts  # noqa: E402
from timeline.extraction.gazetteer import Gazetteer  # noqa: E402
from timeline.extraction.places import world  # noqa: E402


def article_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths or [str(ROOT / "fixtures" / "sample_articles")]:
        path = Path(name)
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return files


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument(
        "--repeat", type=int, default=200, help="passes over the files (default 200)"
    )
    args = parser.parse_args()

    blobs = [p.read_bytes() for p in article_files(args.paths)]
    started = time.perf_counter()
    gazetteer = Gazetteer.from_file(ROOT / "fixtures" / "gazetteer.json")
    build_ms = (time.perf_counter() - started) * 1000
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    load_recognisers()
    world_ms = (time.perf_counter() - started) * 1000
    world_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    places = world()

    stages = {
        name: []
        for name in ("decode", "clean", "metadata", "sentences", "dates", "entities", "drafts")
    }
    drafts_total = 0
    clock = time.perf_counter
    begin = clock()
    for _ in range(args.repeat):
        for blob in blobs:
            t0 = clock()
            text = decode_bytes(blob)
            t1 = clock()
            cleaned = clean(text)
            t2 = clock()
            meta = extract_metadata(cleaned)
            t3 = clock()
            sentences = extraction_sentences(cleaned, meta)
            t4 = clock()
            dates = find_dates(cleaned.body, meta.published)
            t5 = clock()
            entities = find_entities(cleaned.body, meta, gazetteer)
            t6 = clock()
            drafts = build_drafts(sentences, dates, entities)
            t7 = clock()
            drafts_total += len(drafts)
            for name, a, b in zip(
                stages, (t0, t1, t2, t3, t4, t5, t6), (t1, t2, t3, t4, t5, t6, t7), strict=True
            ):
                stages[name].append(b - a)
    elapsed = clock() - begin
    count = args.repeat * len(blobs)
    kib = sum(len(b) for b in blobs) * args.repeat / 1024

    print(
        f"extraction benchmark: {len(blobs)} files x {args.repeat} passes = {count} articles, one core, no database"
    )
    print(f"gazetteer build (once): {build_ms:.1f} ms")
    print(
        f"world places and actor patterns load (once): {world_ms:.0f} ms, "
        f"{len(places.places):,} places, {len(places.keys):,} names, "
        f"peak memory +{world_mib:.0f} MiB"
    )
    print()
    print(f"{'stage':<10} {'mean ms':>9} {'p95 ms':>9} {'share':>7}")
    total = sum(sum(v) for v in stages.values())
    for name, values in stages.items():
        values_sorted = sorted(values)
        p95 = values_sorted[int(len(values_sorted) * 0.95) - 1]
        print(
            f"{name:<10} {statistics.mean(values) * 1000:>9.3f} {p95 * 1000:>9.3f} {sum(values) / total:>7.1%}"
        )
    print()
    print(f"{'articles/s':<10} {count / elapsed:>9.0f}")
    print(f"{'KiB/s':<10} {kib / elapsed:>9.0f}")
    print(f"{'drafts':<10} {drafts_total // args.repeat:>9} per pass")


if __name__ == "__main__":
    main()
