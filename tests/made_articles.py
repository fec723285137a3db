"""Realistic article files for the ingest benchmark and the batch tests: the sample reports,
re-dated and re-worded.

    .venv/bin/python tests/made_articles.py OUT_DIR [--articles 500] [--seed 1]

Each file is one of the five sample articles (fixtures/sample_articles/) with its dates moved by
a whole number of weeks (so "on Wednesday" still falls on the right day), its dateline city and
agency changed, the figures in it ("3.5 kilometers", "two servicemen") changed, and some of the
people in it swapped for others of the same country from the gazetteer. Every file has a
distinct text, so ingest creates an article for each instead of skipping duplicates.
"""

import argparse
import datetime
import hashlib
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "fixtures" / "sample_articles"
GAZETTEER = ROOT / "fixtures" / "gazetteer.json"

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_DATE = re.compile(rf"\b({'|'.join(MONTHS)}) (\d{{1,2}})(, (\d{{4}}))?\b")
_YEAR = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")
_FIGURE = re.compile(
    r"\b(\d+(?:\.\d+)?)( (?:kilometers|kilometres|km|meters|metres|soldiers|servicemen|troops|"
    r"people|hours|days|villages|positions))\b"
)
# "BAKU, May 14. /TASS/." and "TEHRAN (Tasnim) –": the dateline city and the agency.
_DATELINE = re.compile(r"\b(BAKU|YEREVAN|MOSCOW|TEHRAN)\b")
AGENCIES = {
    "/TASS/": ["/TASS/", "/Interfax/", "/RIA Novosti/", "/Sputnik/", "/Trend/", "/APA/"],
    "(Tasnim)": ["(Tasnim)", "(IRNA)", "(Mehr)", "(Press TV)"],
}
CITIES = ["BAKU", "YEREVAN", "MOSCOW", "TEHRAN", "TBILISI", "ANKARA"]


def people_by_country() -> dict[str, list[str]]:
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    people: dict[str, list[str]] = {}
    for actor in data["actors"]:
        if actor.get("kind") == "person" and actor.get("country"):
            people.setdefault(actor["country"], []).append(actor["name"])
    return people


def reference_year(text: str) -> int:
    """The year the sample was written in: the latest year it mentions (2021 if none)."""
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else 2021


def reword(text: str, rng: random.Random, people: dict[str, list[str]]) -> str:
    """One variant of a sample: shifted dates, other dateline, agency, figures and people."""
    base_year = reference_year(text)
    weeks = rng.randint(-260, 120)

    def shift(match: re.Match) -> str:
        month = MONTHS.index(match[1]) + 1
        year = int(match[4]) if match[4] else base_year
        try:
            day = datetime.date(year, month, int(match[2]))
        except ValueError:
            return match[0]
        moved = day + datetime.timedelta(weeks=weeks)
        label = f"{MONTHS[moved.month - 1]} {moved.day}"
        return f"{label}, {moved.year}" if match[4] else label

    text = _DATE.sub(shift, text)
    text = _FIGURE.sub(
        lambda m: f"{round(rng.uniform(0.5, 40), 1) if '.' in m[1] else rng.randint(2, 400)}{m[2]}",
        text,
    )
    text = _DATELINE.sub(lambda m: rng.choice(CITIES), text, count=1)
    for agency, options in AGENCIES.items():
        text = text.replace(agency, rng.choice(options))
    for names in people.values():
        for name in names:
            if name in text and rng.random() < 0.5:
                other = rng.choice(names)
                text = text.replace(name, other)
                surname, other_surname = name.split()[-1], other.split()[-1]
                text = re.sub(rf"\b{re.escape(surname)}\b", other_surname, text)
    return text


def make_articles(out_dir: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` distinct variants of the samples into out_dir; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    people = people_by_country()
    rng = random.Random(seed)
    seen: set[str] = set()
    paths = []
    while len(paths) < count:
        text = reword(samples[len(paths) % len(samples)], rng, people)
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in seen:
            continue  # the same variant twice: draw again
        seen.add(digest)
        path = out_dir / f"{len(paths):05d}_{digest[:16]}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = make_articles(args.out_dir, args.articles, args.seed)
    print(f"wrote {len(paths)} articles to {args.out_dir}")


if __name__ == "__main__":
    main()
