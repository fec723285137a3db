"""Server-side latency of the chronology, its fragment, the exports and the actor page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/timeline_bench \\
        .venv/bin/python bench/chronology.py [--repeat 20] [--warmup 2] [--only NAME …] [--explain N]
        .venv/bin/python bench/chronology.py --first-visit

Runs against whatever DATABASE_URL points to (meant for a corpus from ``manage.py
generate_corpus --events 1000000`` on PostgreSQL). Requests go through Django's test Client in
this process (middleware, view, queries, templates; no network, no WSGI server), with the
production settings (DEBUG off). Filter values are picked from the data: the most common actor,
place and outlet, a rare actor, a common and a rare word, a page far down the list.

For each scenario: a warm-up, then --repeat timed cold requests (the response cache emptied
before each), then as many cached ones (a scenario slower than --budget
seconds in all stops early, after at least three; the n column says how many ran); prints p50/p95/max in ms, the SQL
queries per request (counted on one more request) and the response size. Exports are consumed
to the end of the stream and also report the peak RSS growth while streaming. Then the page
weight (bytes as sent, and as transferred to a browser that accepts gzip) of the first page,
alone and with its static files, and of the htmx fragment; with --explain N the
EXPLAIN (ANALYZE, BUFFERS) of the slowest query of the N slowest scenarios.

--first-visit measures what the first visitor of each view meets instead, with nothing dropped
and nothing repeated (``first_visit``): the first page, then the page's own links (facets,
years, pages), combinations of actor, date range and text, and three combined-facet views (two
actors, an actor left out, a type left out), each requested once as a page and
once as an htmx fragment, in a fresh process that first warms up as a server process does at
start (timeline.wsgi; --no-warm-up to skip it); it prints p50/p95/max, the slowest URLs and the
most queries a request made. ``--without NAME`` (repeatable) switches one speed mechanism of
timeline/search/ off first (WITHOUT), to measure what it buys.
"""

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from timeline import search  # noqa: E402
from timeline.models import Actor, Event, EventActor, Place  # noqa: E402
from timeline.search import Stored  # noqa: E402
from timeline.startup import warm_up  # noqa: E402

HTMX = {"HX-Request": "true", "HX-Target": "results"}
HOST = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"


@dataclass
class Scenario:
    name: str
    path: str
    params: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    stream: bool = False
    times: list[float] = field(default_factory=list)
    cached_times: list[float] = field(default_factory=list)
    queries: int = 0
    size: int = 0
    rss_kib: int | None = None
    slowest_sql: tuple[float, str] | None = None


def rss_kib(field_name: str) -> int | None:
    """VmRSS or VmHWM (peak) of this process from /proc, in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss() -> bool:
    """Linux resets VmHWM to the current RSS when 5 is written to clear_refs."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def pick_values() -> dict:
    """Filter values from the data: the most common and a rare actor, the busiest place, …"""
    actor_counts = list(
        EventActor.objects.values("actor_id").annotate(n=Count("id")).order_by("-n", "actor_id")
    )
    top_actor = actor_counts[0]
    # A rare actor: one at the 5th percentile of those that appear at all.
    rare_actor = actor_counts[int(len(actor_counts) * 0.95)]
    place = (
        Event.places.through.objects.values("place_id")
        .annotate(n=Count("id"))
        .order_by("-n", "place_id")
        .first()
    )
    outlet = Article.objects.values("outlet_id").annotate(n=Count("id")).order_by("-n").first()
    visible = Event.objects.visible().count()
    pages = max(1, -(-visible // settings.CHRONOLOGY_PAGE_SIZE))
    # A rare word: the name of a place near the bottom of the ranking.
    rare_place = (
        Event.places.through.objects.values("place__name")
        .annotate(n=Count("id"))
        .filter(n__gte=5)
        .order_by("n", "place__name")
        .first()
    )
    return {
        "actor": top_actor["actor_id"],
        "actor_name": Actor.objects.get(pk=top_actor["actor_id"]).name,
        "actor_events": top_actor["n"],
        "rare_actor": rare_actor["actor_id"],
        "rare_actor_name": Actor.objects.get(pk=rare_actor["actor_id"]).name,
        "rare_actor_events": rare_actor["n"],
        "place": place["place_id"],
        "place_name": Place.objects.get(pk=place["place_id"]).name,
        "outlet": outlet["outlet_id"],
        "visible": visible,
        "deep_page": max(1, pages // 2),
        # Keyset cursor of the event that ends the page halfway down the chronology.
        "deep_cursor": "{}.{}".format(
            *Event.objects.visible()
            .order_by("start", "id")
            .values_list("start", "id")[(pages // 2) * settings.CHRONOLOGY_PAGE_SIZE]
        ),
        "pages": pages,
        "rare_word": (rare_place or {"place__name": "Dashli"})["place__name"].split()[-1],
    }


def scenarios(v: dict) -> list[Scenario]:
    common_word = "ceasefire"
    return [
        Scenario("first page (no filter)", "/"),
        Scenario("actor (most common)", "/", {"actor": v["actor"]}),
        Scenario("actor (rare)", "/", {"actor": v["rare_actor"]}),
        Scenario("place (most common)", "/", {"place": v["place"]}),
        Scenario("outlet (most common)", "/", {"outlet": v["outlet"]}),
        Scenario("type=armed_clash", "/", {"type": "armed_clash"}),
        Scenario("precision=month", "/", {"precision": "month"}),
        Scenario("status=reviewed", "/", {"status": "reviewed"}),
        Scenario("contested=yes", "/", {"contested": "yes"}),
        Scenario("date range 2021-05..2021-06", "/", {"date_from": "2021-05", "date_to": "2021-06"}),
        Scenario(f"text q={common_word}", "/", {"q": common_word}),
        Scenario(f"text q={v['rare_word']} (rare)", "/", {"q": v["rare_word"]}),
        Scenario(
            "actor + date range + text",
            "/",
            {"actor": v["actor"], "date_from": "2020-09", "date_to": "2020-11", "q": common_word},
        ),
        Scenario(f"deep page (keyset, page {v['deep_page']})", "/", {"after": v["deep_cursor"]}),
        Scenario("htmx fragment (no filter)", "/", headers=HTMX),
        Scenario("htmx fragment (actor + date)", "/",
                 {"actor": v["actor"], "date_from": "2021-05", "date_to": "2021-06"}, HTMX),  # fmt: skip
        Scenario("actor page (most common)", f"/actors/{v['actor']}/"),
        Scenario("actor page (rare)", f"/actors/{v['rare_actor']}/"),
        *export_scenarios(v),
    ]  # fmt: skip


# Exports ---------------------------------------------------------------------------------------
# An export scenario reads the stream to its end without keeping the body (only its size), so
# the peak RSS growth is the server side's, not a copy of the document; it also times the first
# byte of the body and the first event in it, and gives events per second. Queries are counted
# (and the slowest kept for --explain) during the timed requests. The whole-database exports
# take minutes at 1M events: they run only with BENCH_WHOLE_EXPORTS=1, once each, after a
# one-day export of the same format as warm-up.

EXPORTS = [
    ("events.json", "/events.json"),
    ("events.csv", "/events.csv"),
    ("events.acled.csv", "/events.acled.csv"),
    ("events.timeline.json", "/events.timeline.json"),
]
EXPORT_FIGURES: dict[str, dict] = {}  # scenario name -> first byte, first event, events
ONE_DAY = {"date_from": "2021-05-03", "date_to": "2021-05-03"}


def export_scenarios(v: dict) -> list[Scenario]:
    month = {"actor": v["actor"], "date_from": "2020-10", "date_to": "2020-10"}
    chosen = [Scenario(f"{name} (actor + 2020-10)", path, month, stream=True)
              for name, path in EXPORTS]  # fmt: skip
    if os.environ.get("BENCH_WHOLE_EXPORTS") == "1":
        chosen += [Scenario(f"{name} (whole database)", path, stream=True)
                   for name, path in EXPORTS]  # fmt: skip
    return chosen


def consume_export(client: Client, s: Scenario) -> tuple[float, float, float | None, int]:
    """Seconds to the end, to the first byte, to the first event; bytes. Nothing is kept."""
    started = time.perf_counter()
    response = client.get(s.path, s.params, headers=s.headers, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{s.name}: HTTP {response.status_code} for {s.path} {s.params}")
    first_byte = first_event = None
    size = lines = 0
    for piece in response.streaming_content:
        now = time.perf_counter() - started
        if first_byte is None:
            first_byte = now
        if first_event is None:
            if s.path.endswith(".json"):
                found = b'\n{"' in piece  # every event starts a line with {"
            else:
                lines += piece.count(b"\n")
                found = lines >= 2  # the header, then a row
            first_event = now if found else None
        size += len(piece)
    return time.perf_counter() - started, first_byte or 0.0, first_event, size


def run_export(client: Client, s: Scenario, repeat: int, warmup: int, budget: float) -> None:
    whole = not s.params
    figures = EXPORT_FIGURES.setdefault(s.name, {"first_byte": [], "first_event": []})
    counted = {"queries": 0, "slowest": None}

    def count(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            counted["queries"] += 1
            if counted["slowest"] is None or took > counted["slowest"][0]:
                executed = connection.ops.last_executed_query(context["cursor"], sql, params)
                counted["slowest"] = (took, executed)

    if whole:  # a one-day export first, so that the timed one pays no first-request costs
        consume_export(client, Scenario(s.name, s.path, ONE_DAY, stream=True))
    for _ in range(0 if whole else warmup):
        consume_export(client, s)
    for _ in range(1 if whole else repeat):
        if len(s.times) >= 3 and sum(s.times) > budget * 1000:
            break
        counted.update(queries=0)
        reset = reset_peak_rss()
        before = rss_kib("VmRSS")
        with connection.execute_wrapper(count):
            seconds, first_byte, first_event, s.size = consume_export(client, s)
        if reset and before is not None:
            s.rss_kib = max(s.rss_kib or 0, (rss_kib("VmHWM") or before) - before)
        s.times.append(seconds * 1000)
        figures["first_byte"].append(first_byte * 1000)
        if first_event is not None:
            figures["first_event"].append(first_event * 1000)
        s.queries = counted["queries"]
    s.slowest_sql = counted["slowest"]
    from timeline.filters import ChronologyFilter

    form = ChronologyFilter(s.params)
    form.is_valid()
    figures["events"] = search.count(form.view())


def print_export_table(chosen: list[Scenario]) -> None:
    exports = [s for s in chosen if s.name in EXPORT_FIGURES]
    if not exports:
        return
    header = (
        f"{'export (streamed to the end)':<38} {'n':>3} {'events':>9} {'first byte':>10} "
        f"{'first event':>11} {'events/s':>9} {'MB/s':>6} {'peak RSS':>9}"
    )
    print(f"\n{header}\n{'-' * len(header)}")
    for s in exports:
        f = EXPORT_FIGURES[s.name]
        p50 = statistics.median(s.times) / 1000
        event = f"{statistics.median(f['first_event']):.1f} ms" if f["first_event"] else "-"
        rss = f"{s.rss_kib / 1024:.1f} MiB" if s.rss_kib is not None else ""
        print(
            f"{s.name[:38]:<38} {len(s.times):>3} {f['events']:>9,} "
            f"{statistics.median(f['first_byte']):>7.1f} ms {event:>11} "
            f"{f['events'] / p50:>9,.0f} {s.size / p50 / 1e6:>6.1f} {rss:>9}"
        )


def request(client: Client, s: Scenario) -> tuple[int, bytes]:
    response = client.get(s.path, s.params, headers=s.headers, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{s.name}: HTTP {response.status_code} for {s.path} {s.params}")
    body = b"".join(response.streaming_content) if s.stream else response.content
    return response.status_code, body


def run(client: Client, s: Scenario, repeat: int, warmup: int, budget: float) -> None:
    """Cold requests (the page cache emptied before each: every one renders from the database),
    then as many cached ones (the chronology's response cache, views.chronology)."""
    pages = caches["pages"]
    for _ in range(warmup):
        pages.clear()
        request(client, s)
    for _ in range(repeat):
        if len(s.times) >= 3 and sum(s.times) > budget * 1000:
            break  # a scenario that takes seconds per request gets fewer; the n column says
        if s.stream:
            reset = reset_peak_rss()
            before = rss_kib("VmRSS")
        pages.clear()
        started = time.perf_counter()
        _, body = request(client, s)
        s.times.append((time.perf_counter() - started) * 1000)
        if s.stream and reset and before is not None:
            peak = rss_kib("VmHWM") or before
            s.rss_kib = max(s.rss_kib or 0, peak - before)
        s.size = len(body)
    if not s.stream:
        for _ in range(len(s.times)):
            started = time.perf_counter()
            request(client, s)
            s.cached_times.append((time.perf_counter() - started) * 1000)
    pages.clear()
    with CaptureQueriesContext(connection) as captured:
        request(client, s)
    s.queries = len(captured.captured_queries)
    timed = [(float(q["time"]), q["sql"]) for q in captured.captured_queries]
    s.slowest_sql = max(timed) if timed else None


ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="(/static/[^"]+)"')


def print_page_weight(client: Client) -> None:
    """Bytes of the first page and of a fragment, as sent and as transferred to a browser that
    accepts gzip (the views compress; WhiteNoise serves precompressed static files), and the
    first page together with the static files it loads."""
    print("\npage weight (transferred: as served to a client sending Accept-Encoding: gzip)")
    accept = {"Accept-Encoding": "gzip"}
    for name, headers in (("first page", {}), ("htmx fragment (#results)", HTMX)):
        plain = client.get("/", headers=headers, secure=True).content
        served = client.get("/", headers={**headers, **accept}, secure=True)
        print(
            f"  {name:<26} {len(plain) / 1024:>8.1f} KiB   transferred "
            f"{len(served.content) / 1024:>6.1f} KiB ({served.get('Content-Encoding', 'identity')})"
        )
        if headers:
            continue
        total = len(served.content)
        for path in sorted(set(ASSET.findall(plain.decode()))):
            asset = client.get(path, headers=accept, secure=True)
            body = b"".join(asset.streaming_content) if asset.streaming else asset.content
            total += len(body)
        print(
            f"  {'first page + static files':<26} {'':>8}       transferred {total / 1024:>6.1f} KiB"
        )


LINK = re.compile(r'href="(?:/)?\?([^"#]+)"')
FIRST_VISIT_LINKS = 40


def first_visit(client: Client, v: dict, no_warm_up: bool = False) -> None:
    """Each URL of a first-visit mix requested once as a page and once as a fragment: its first
    and only request, the response cache left as the earlier requests filled it (as a server
    that has run for a while keeps other visitors' views)."""
    from django.http import QueryDict

    timings: list[tuple[float, int, str]] = []

    def visit(query: str, headers: dict | None = None) -> bytes:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(
                "/?" + query if query else "/", headers=headers or {}, secure=True
            )
            ms = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"first visit: HTTP {response.status_code} for /?{query}")
        label = ("htmx " if headers else "page ") + ("/?" + query if query else "/")
        timings.append((ms, len(captured.captured_queries), label))
        return response.content

    # As a server process does at start (timeline.wsgi), before its first visitor; the page it
    # cached is dropped, so the first page below is rendered from the database.
    warmed = None if no_warm_up else warm_up()
    caches["pages"].clear()
    html = visit("").decode()
    first_page_ms = timings[0][0]
    links = list(dict.fromkeys(m.replace("&amp;", "&") for m in LINK.findall(html)))
    # The facets' value links, as before they combined; the "−" (not_…) links are the
    # combined views below.
    links = [link for link in links if "not_" not in link][:FIRST_VISIT_LINKS]
    actors = [v["actor"], v["rare_actor"]]
    ranges = [("2020-09", "2020-11"), ("2021-05", "2021-06"), ("2022", "2022"), ("", "")]
    words = ["ceasefire", v["rare_word"], ""]
    combos = []
    for actor in actors:
        for first, last in ranges:
            for word in words:
                query = QueryDict(mutable=True)
                query.update({"actor": actor})
                if first:
                    query.update({"date_from": first, "date_to": last})
                if word:
                    query.update({"q": word})
                combos.append(query.urlencode())
    combos = combos[:15]
    views = ["q=border", "date_from=2021-05-03&date_to=2021-05-03", "q=talks&date_from=2021"]
    # Combined facets: two actors (any of them), a common one left out, a type left out.
    views += [
        f"actor={v['actor']}&actor={v['rare_actor']}",
        f"not_actor={v['actor']}",
        f"actor={v['rare_actor']}&not_type=armed_clash&date_from=2021",
    ]
    mix = [q for q in dict.fromkeys([*links, *combos, *views]) if q]
    for query in mix:
        visit(query)
        visit(query, HTMX)
    times = sorted(ms for ms, _, _ in timings)
    print(
        f"first visit: {len(timings)} requests ({len(mix)} URLs + the first page, each a page "
        f"and a fragment, each requested once)"
    )
    print(
        "server start-up warm-up (timeline.wsgi): "
        + ("skipped (--no-warm-up)" if no_warm_up else f"{warmed:.0f} ms" if warmed else "failed")
    )
    print(
        f"p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms, max "
        f"{times[-1]:.0f} ms; first page cold {first_page_ms:.0f} ms; most queries per request "
        f"{max(n for _, n, _ in timings)}"
    )
    most = max(n for _, n, _ in timings)
    most_of = [label for _, n, label in timings if n == most]
    print(f"with {most} queries: {len(most_of)} requests, the first {most_of[0][:100]}")
    print("slowest:")
    for ms, queries, label in sorted(timings, reverse=True)[:8]:
        print(f"  {ms:8.0f} ms {queries:3} queries  {label[:110]}")


# What --without switches off, for the first-visit mix: each speed mechanism of the read side,
# replaced by the plain way it stands in for (the results are the same either way; the tests
# check that). The response cache is left on: the mix requests each URL once.
def _without_stored_aggregates() -> None:
    from timeline.search.facets import Stored as StoredAggregates

    settings.AGGREGATES_REFRESH = "off"
    StoredAggregates._load = lambda self: setattr(self, "_read", True)


def _without_going_on_parts() -> None:
    from timeline.search import plan

    plan.date_range_parts = lambda view, base: None


def _without_month_walks() -> None:
    from timeline.search import facets

    facets.MONTH_WALK_MAX = -1


def _without_text_walks() -> None:
    from timeline.search import facets

    facets.TEXT_WALK_SHARE = 2.0  # no text is that common: the planner's own plan every time


def _without_id_arrays() -> None:
    from timeline.search import plan

    real = plan._linked
    plan._linked = lambda queryset, exists, ids, pk, covered: real(queryset, exists, ids, pk, False)


WITHOUT = {
    "stored-aggregates": _without_stored_aggregates,
    "going-on-parts": _without_going_on_parts,
    "month-walks": _without_month_walks,
    "text-walks": _without_text_walks,
    "id-arrays": _without_id_arrays,
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))]


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=1, help="untimed requests first")
    parser.add_argument(
        "--budget", type=float, default=60, metavar="SECONDS",
        help="stop repeating a scenario after this long (at least 3 requests; default 60)",
    )  # fmt: skip
    parser.add_argument("--only", nargs="*", help="scenarios whose name contains one of these")
    parser.add_argument(
        "--first-visit", action="store_true",
        help="each URL of a first-visit mix requested once (see the module docstring)",
    )  # fmt: skip
    parser.add_argument(
        "--no-warm-up", action="store_true",
        help="with --first-visit: skip the server's start-up warm-up (timeline.startup.warm_up)",
    )  # fmt: skip
    parser.add_argument(
        "--without", choices=sorted(WITHOUT), action="append", default=[],
        help="with --first-visit: switch this speed mechanism off (repeatable), to see what it buys",
    )  # fmt: skip
    parser.add_argument(
        "--explain", type=int, default=0, metavar="N",
        help="EXPLAIN ANALYZE the slowest query of the N slowest scenarios (PostgreSQL)",
    )  # fmt: skip
    args = parser.parse_args()

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    total = Event.objects.count()
    if not total:
        raise SystemExit("No events: run manage.py generate_corpus --events N first.")
    started = time.perf_counter()
    values = pick_values()
    picked_ms = (time.perf_counter() - started) * 1000
    db = settings.DATABASES["default"]
    print(
        f"chronology benchmark: {connection.vendor} {db['NAME']}, {total:,} events "
        f"({values['visible']:,} visible, {values['pages']:,} pages of "
        f"{settings.CHRONOLOGY_PAGE_SIZE}), {Article.objects.count():,} articles"
    )
    print(
        f"most common actor: {values['actor_name']} ({values['actor_events']:,} roles); "
        f"rare actor: {values['rare_actor_name']} ({values['rare_actor_events']:,}); "
        f"busiest place: {values['place_name']} (picked in {picked_ms:.0f} ms)"
    )
    if args.first_visit:
        for name in args.without:
            WITHOUT[name]()
            print(f"without {name}")
        first_visit(Client(HTTP_HOST=HOST), values, args.no_warm_up)
        return
    print(
        f"{args.repeat} timed requests per scenario (fewer past {args.budget:.0f} s) after "
        f"{args.warmup} warm-up; DEBUG off\n"
    )

    client = Client(HTTP_HOST=HOST)
    chosen = [
        s
        for s in scenarios(values)
        if not args.only or any(word.lower() in s.name.lower() for word in args.only)
    ]
    cached = bool(settings.CHRONOLOGY_CACHE_SECONDS and Stored().version())
    print(
        "cold: the page cache emptied before each request; cached: the same requests again, "
        + (
            "served from the response cache"
            if cached
            else "NOT cached (no stored aggregates, or CHRONOLOGY_CACHE_SECONDS=0)"
        )
        + "\n"
    )
    header = (
        f"{'scenario':<38} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>7} "
        f"{'bytes':>10} {'peak RSS':>9} {'cached p50':>10} {'p95':>6}"
    )
    print(header)
    print("-" * len(header))
    for s in chosen:
        (run_export if s.stream else run)(client, s, args.repeat, args.warmup, args.budget)
        rss = f"{s.rss_kib / 1024:.1f} MiB" if s.rss_kib is not None else ""
        print(
            f"{s.name[:38]:<38} {len(s.times):>3} {statistics.median(s.times):>8.1f} "
            f"{percentile(s.times, 0.95):>8.1f} {max(s.times):>8.1f} {s.queries:>7} "
            f"{s.size:>10,} {rss:>9}"
            + (
                f" {statistics.median(s.cached_times):>10.1f} "
                f"{percentile(s.cached_times, 0.95):>6.1f}"
                if s.cached_times
                else ""
            ),
            flush=True,
        )

    print_export_table(chosen)

    print_page_weight(client)

    if args.explain and connection.vendor == "postgresql":
        slowest = sorted(chosen, key=lambda s: -percentile(s.times, 0.95))[: args.explain]
        for s in slowest:
            if s.slowest_sql is None:
                continue
            seconds, sql = s.slowest_sql
            print(f"\n=== {s.name}: slowest query {seconds * 1000:.0f} ms\n{sql}\n")
            print(explain(sql))


if __name__ == "__main__":
    main()
