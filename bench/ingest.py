"""End-to-end ingest throughput into the configured database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/timeline_ingest_bench \\
        .venv/bin/python bench/ingest.py [--articles 500] [--seed 1] [--keep DIR]

Writes --articles realistic files into a temporary folder (the sample reports re-dated and
re-worded by tests/made_articles.py, each a distinct text), loads the gazetteer, then times
``call_command("ingest", folder)``: decoding, extraction (in --workers processes), merging into
existing events, one transaction per batch of --batch-size files, and the corpus re-dating pass at
the end. Prints articles per second, the CPU time it took (this process, its extraction workers
and, for a local PostgreSQL, the server process serving it: on a shared machine the CPU seconds
per article say more than the elapsed time) and the rows it created. Run it on an empty
database for the plain figure and on a large one (after generate_corpus) to see what merging
against many existing events costs.
"""

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from articles.models import Article  # noqa: E402
from tests.made_articles import make_articles  # noqa: E402
from timeline.models import Citation, Event, EventActor  # noqa: E402


def counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "events": Event.objects.count(),
        "citations": Citation.objects.count(),
        "event actors": EventActor.objects.count(),
    }


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def server_cpu_seconds() -> float | None:
    """CPU time of the PostgreSQL process serving this connection, when it runs on this machine."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=500, help="files to ingest (default 500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--workers", type=int, help="ingest --workers (default: its own)")
    parser.add_argument("--batch-size", type=int, help="ingest --batch-size (default: its own)")
    args = parser.parse_args()
    options = {
        name: value
        for name, value in (("workers", args.workers), ("batch_size", args.batch_size))
        if value is not None
    }

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        folder = args.keep or Path(tmp)
        started = time.perf_counter()
        paths = make_articles(folder, args.articles, args.seed)
        made_s = time.perf_counter() - started
        size_kib = sum(p.stat().st_size for p in paths) / 1024

        call_command("load_gazetteer", stdout=io.StringIO())
        before = counts()
        out, err = io.StringIO(), io.StringIO()
        cpu_before, server_before = cpu_seconds(), server_cpu_seconds()
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        try:
            call_command("ingest", str(folder), stdout=out, stderr=err, **options)
        except SystemExit as exc:  # ingest exits 1 when a file failed; report it below
            err.write(f"ingest exited with {exc.code}\n")
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds() - cpu_before
        server_after = server_cpu_seconds()
        server = None if server_after is None else server_after - server_before
        after = counts()

    db = settings.DATABASES["default"]
    created = {name: after[name] - before[name] for name in after}
    print(
        f"ingest benchmark: {connection.vendor} {db['NAME']} "
        f"(before: {before['events']:,} events, {before['articles']:,} articles)"
    )
    print(f"{len(paths)} files, {size_kib:,.0f} KiB, written in {made_s:.1f} s (not timed)\n")
    print(f"{'measure':<22} {'value':>12}")
    print(f"{'-' * 22} {'-' * 12}")
    print(f"{'elapsed s':<22} {elapsed:>12.1f}")
    print(f"{'articles/s':<22} {created['articles'] / elapsed:>12.1f}")
    print(f"{'ms per article':<22} {elapsed * 1000 / max(1, created['articles']):>12.1f}")
    per = max(1, created["articles"])
    print(f"{'CPU s, ingest':<22} {cpu:>12.1f}")
    if server is not None:
        print(f"{'CPU s, server':<22} {server:>12.1f}")
    total = cpu + (server or 0)
    print(f"{'CPU ms per article':<22} {total * 1000 / per:>12.1f}")
    print(f"{'load average (1 min)':<22} {load_before:>12.2f}")
    for name, n in created.items():
        print(f"{name + ' created':<22} {n:>12,}")
    summary = [line for line in out.getvalue().splitlines() if line.strip()]
    if summary:
        print(f"\ningest said: {summary[-1]}")
    if err.getvalue().strip():
        print("ingest stderr (warnings, failures):\n" + err.getvalue())


if __name__ == "__main__":
    main()
