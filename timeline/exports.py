"""Serialise events for export: the fixed JSON shape and CSV, streamed in chunks.

The JSON shape is a contract that other tools read; change it only with a version bump:
{"events": [{"id", "start", "end", "precision", "summary", "event_type", "status",
             "actors": [{"name", "role"}], "places": ["name"],
             "citations": [{"article": {"id", "file", "title", "outlet", "url", "published"},
                            "quote", "start", "end"}]}]}
"""

import csv
import io
import json
from collections.abc import Iterator

from django.db.models import Prefetch

from timeline.models import Citation, Event, EventActor

CHUNK = 500
CSV_COLUMNS = [
    "id",
    "start",
    "end",
    "precision",
    "event_type",
    "status",
    "contested",
    "summary",
    "actors",
    "places",
    "outlets",
    "citation_count",
    "first_quote",
    "first_source_file",
]


def export_queryset(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "event_actors", queryset=EventActor.objects.select_related("actor").order_by("id")
        ),
        "places",
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("article__outlet").order_by(
                "article_id", "start"
            ),
        ),
    )


def event_dict(event: Event) -> dict:
    return {
        "id": event.pk,
        "start": event.start_iso,
        "end": event.end_iso,
        "precision": event.precision,
        "summary": event.summary,
        "event_type": event.event_type,
        "status": event.status,
        "actors": [{"name": ea.actor.name, "role": ea.role} for ea in event.event_actors.all()],
        "places": [place.name for place in event.places.all()],
        "citations": [
            {
                "article": {
                    "id": c.article.pk,
                    "file": c.article.source_file,
                    "title": c.article.title,
                    "outlet": c.article.outlet.name if c.article.outlet else None,
                    "url": c.article.url or None,
                    "published": c.article.published.isoformat() if c.article.published else None,
                },
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
            }
            for c in event.citations.all()
        ],
    }


def iter_events(queryset) -> Iterator[Event]:
    yield from export_queryset(queryset).iterator(chunk_size=CHUNK)


def iter_json(queryset) -> Iterator[str]:
    """The JSON document in pieces, so a million events never sit in memory at once."""
    yield '{"events": ['
    for index, event in enumerate(iter_events(queryset)):
        yield ("," if index else "") + "\n" + json.dumps(event_dict(event), ensure_ascii=False)
    yield "\n]}\n"


def csv_row(event: Event) -> list:
    data = event_dict(event)
    citations = data["citations"]
    outlets = sorted({c["article"]["outlet"] for c in citations if c["article"]["outlet"]})
    return [
        data["id"],
        data["start"],
        data["end"] or "",
        data["precision"],
        data["event_type"],
        data["status"],
        "yes" if event.contested else "",
        data["summary"],
        "; ".join(f"{a['name']} ({a['role']})" for a in data["actors"]),
        "; ".join(data["places"]),
        "; ".join(outlets),
        len(citations),
        citations[0]["quote"] if citations else "",
        citations[0]["article"]["file"] if citations else "",
    ]


def iter_csv(queryset) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in iter_events(queryset):
        writer.writerow(csv_row(event))
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
