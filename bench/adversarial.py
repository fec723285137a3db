"""Extraction time of hostile and degenerate texts: it must grow linearly with the text.

    .venv/bin/python bench/adversarial.py [--kib 1000] [--only NAME …]

Each case is a text built by repeating a short piece up to the given size (default 1,000 KiB,
under the 1 MiB every file must extract within 2 s) and up to a quarter of it. ``{w}`` in a
piece is filled with words drawn from English's 5,000 commonest, so the text does not read as
a repetition (which ingest refuses before extracting) and reaches every stage. Both are run
through the per-file path ingest takes (``files.read`` then ``extracting.extract_text``: clean,
metadata, sentences, dates, entities, drafts, and the corpus-dating probe of an undated text),
without the database, and the table prints the seconds for each size and their ratio: about 4
when the work is linear, about 16 when it is quadratic. A case over budget is marked.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

import django  # noqa: E402

django.setup()

from wordfreq import top_n_list  # noqa: E402

from timeline.extraction.document import load_recognisers  # noqa: E402
from timeline.extraction.gazetteer import Gazetteer  # noqa: E402
from timeline.ingest.extracting import extract_text  # noqa: E402
from timeline.ingest.files import read  # noqa: E402

BUDGET_SECONDS = 2.0
HEAD = os.environ.get("HEAD", "Fighting report\n\nKHARTOUM, April 16 (Reuters) - ")

# name -> the piece repeated; most have no sentence end, so the whole text is one sentence.
CASES = {
    "weekdays": "On Monday {w} ",
    "month days": "May 12, {w} ",
    "clause with date": "troops attacked the {w} on Monday and shelled it, ",
    "sentences with dates": "Troops attacked {W} on Monday. ",
    "capitalised run": "Army {W} Ministry ",
    "names and titles": "President {W} Smith said General {W} Hassan ",
    "quotes": '"We will {w}," he said. ',
    "undated story": "Rebels shelled the {w} in {W} on Tuesday, killing 12 people. ",
    "repeated words": "On Monday ",
    "numbers": "12 ",
    "hyphens": "a-a-",
}


def build(piece: str, size: int, words: list[str], rng: random.Random) -> str:
    parts, length = [HEAD], len(HEAD)
    while length < size:
        part = piece
        while "{w}" in part or "{W}" in part:
            part = part.replace("{w}", rng.choice(words), 1)
            part = part.replace("{W}", rng.choice(words).capitalize(), 1)
        parts.append(part)
        length += len(part)
    return "".join(parts)


def timed(text: str, gazetteer: Gazetteer) -> tuple[float, str]:
    started = time.perf_counter()
    item = extract_text(read(text.encode(), source_file="case.txt"), gazetteer)
    return time.perf_counter() - started, item.error


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kib", type=int, default=1000, help="size of the larger text")
    parser.add_argument("--only", nargs="*", help="run only these cases")
    args = parser.parse_args()
    words = [w for w in top_n_list("en", 5000) if w.isalpha()]
    gazetteer = Gazetteer.from_file(ROOT / "fixtures" / "gazetteer.json")
    load_recognisers()
    print(f"budget {BUDGET_SECONDS:.0f} s per file; sizes {args.kib // 4} and {args.kib} KiB")
    print(f"{'case':<22} {'small s':>8} {'large s':>8} {'ratio':>6}  outcome")
    for name, piece in CASES.items():
        if args.only and name not in args.only:
            continue
        times, outcome = [], ""
        for kib in (args.kib // 4, args.kib):
            text = build(piece, kib * 1024, words, random.Random(kib))
            seconds, error = timed(text, gazetteer)
            times.append(seconds)
            outcome = error or "extracted"
        flag = "  OVER BUDGET" if times[-1] > BUDGET_SECONDS else ""
        ratio = times[1] / times[0] if times[0] else float("nan")
        print(f"{name:<22} {times[0]:8.2f} {times[1]:8.2f} {ratio:6.1f}  {outcome[:60]}{flag}")


if __name__ == "__main__":
    main()
