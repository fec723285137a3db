"""The streamed exports are byte for byte what rendering model instances gives.

The exports read tuples in keyset chunks rather than Event instances with prefetches. The
reference here renders from the models (their properties: date_label, outlets, deniers,
get_absolute_url, the choice labels, Place parents), as the exports did before they streamed,
and every format must match it exactly, on the ingested samples and on hand-made edge cases:
articles without outlet, url or date, inferred or unknown dates, disputing citations, contested events,
ranges at each precision, a place hierarchy with a loop, HTML and non-ASCII text.
"""

import csv
import datetime
import io
import json

import pytest
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article
from tests.factories import make_article, make_event
from timeline import exports
from timeline.extraction.places import country_name
from timeline.extraction.taxonomy import ACLED_TYPES
from timeline.models import Actor, Citation, Event, EventActor, Place, Precision

# Reference rendering from model instances ----------------------------------------------------


def reference_events():
    return list(
        Event.objects.visible()
        .order_by("start", "id")
        .prefetch_related(
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
    )


def ref_dict(event):
    def article(a):
        return {
            "id": a.pk,
            "file": a.source_file,
            "title": a.title,
            "outlet": a.outlet.name if a.outlet else None,
            "url": a.url or None,
            "published": a.published.isoformat() if a.published else None,
        }

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
            {"article": article(c.article), "quote": c.quote, "start": c.start, "end": c.end}
            for c in event.citations.all()
        ],
    }


def ref_json(events):
    out = '{"events": ['
    for index, event in enumerate(events):
        out += ("," if index else "") + "\n" + json.dumps(ref_dict(event), ensure_ascii=False)
    return out + "\n]}\n"


def ref_csv(events, columns, row):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(row(event) for event in events)
    return buffer.getvalue()


def ref_csv_row(event):
    data = ref_dict(event)
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


def ref_slide(event, base_url):
    parts = []
    actors = [
        f"{escape(ea.actor.name)} ({escape(ea.get_role_display())})"
        for ea in event.event_actors.all()
    ]
    if actors:
        parts.append(f"<p><strong>Actors:</strong> {', '.join(actors)}</p>")
    places = [escape(place.name) for place in event.places.all()]
    if places:
        parts.append(f"<p><strong>Places:</strong> {', '.join(places)}</p>")
    if event.contested:
        deniers = event.deniers
        parts.append(
            "<p><strong>Contested</strong>"
            + (f": denied by {escape(', '.join(deniers))}" if deniers else "")
            + "</p>"
        )
    items = []
    for citation in event.citations.all():
        a = citation.article
        source = escape(a.outlet.name if a.outlet else "Unknown outlet")
        if a.published:
            label = f"{a.published.day} {a.published.strftime('%b %Y')}"
            label += " (inferred)" if a.published_is_inferred else ""
            source += f", {escape(label)}"
        if citation.stance == Citation.Stance.DISPUTES:
            source += " (disputes it)"
        href = escape(base_url + citation.get_absolute_url())
        items.append(f'<li><q><a href="{href}">{escape(citation.quote)}</a></q> — {source}</li>')
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    if event.outlets:
        parts.append(f'<p class="tl-credit">{escape("Sources: " + ", ".join(event.outlets))}</p>')
    slide = {
        "unique_id": f"event-{event.pk}",
        "start_date": exports.timelinejs_date(event.start, event.precision),
        "display_date": ("≈ " if event.date_uncertain else "")
        + event.date_label
        + (" (inferred)" if event.date_inferred else ""),
        "text": {"headline": escape(event.summary), "text": "".join(parts)},
        "group": event.get_event_type_display(),
    }
    if event.end and event.end != event.start:
        slide["end_date"] = exports.timelinejs_date(event.end, event.precision)
    return slide


def ref_timelinejs(events, title, base_url):
    out = '{"title": ' + json.dumps(title, ensure_ascii=False) + ', "events": ['
    for index, event in enumerate(events):
        slide = json.dumps(ref_slide(event, base_url), ensure_ascii=False)
        out += ("," if index else "") + "\n" + slide
    return out + "\n]}\n"


def ref_lineage(place):
    chain = [place]
    while chain[-1].parent_id and len(chain) < 10:
        chain.append(Place.objects.get(pk=chain[-1].parent_id))
    return chain


def ref_acled_row(event):
    Role = EventActor.Role
    roles = list(event.event_actors.all())
    acted = [ea for ea in roles if ea.role == Role.ACTOR]
    first = (
        next((ea for ea in acted if ea.actor.kind != Actor.Kind.PERSON), None)
        or next(iter(acted), None)
        or next((ea for ea in roles if ea.role in (Role.SOURCE, Role.PARTICIPANT)), None)
    )
    actor1 = first.actor if first else None
    side = actor1.country if actor1 else ""
    assoc = [
        ea.actor.name
        for ea in roles
        if side
        and ea.actor != actor1
        and ea.actor.country == side
        and ea.role in (Role.ACTOR, Role.SOURCE, Role.PARTICIPANT)
    ]
    other = next((ea for ea in roles if ea.role == Role.TARGET and ea.actor != actor1), None)
    if other is None and side:
        other = next((ea for ea in roles if ea.actor.country and ea.actor.country != side), None)
    admin1_kinds = {Place.Kind.PROVINCE, Place.Kind.REGION}
    place, best_key, best_chain = None, None, []
    for candidate in event.places.all():
        chain = ref_lineage(candidate)
        key = (
            candidate.kind != Place.Kind.COUNTRY,
            candidate.kind not in admin1_kinds,
            len(chain),
        )
        if best_key is None or key > best_key:
            place, best_key, best_chain = candidate, key, chain
    admin1 = next((p.name for p in best_chain if p.kind in admin1_kinds), "") or (
        place.admin1 if place else ""
    )
    countries = [p.country for p in ([place] if place else []) + list(event.places.all())]
    country = next((c for c in countries if c), "")
    if event.precision != Precision.DAY:
        precision = 3
    elif event.end is None or event.end == event.start:
        precision = 1
    else:
        precision = 2 if event.end - event.start <= datetime.timedelta(days=6) else 3
    event_type, sub_event_type = ACLED_TYPES.get(event.event_type, ACLED_TYPES["other"])
    return [
        event.pk,
        event.start.isoformat(),
        precision,
        event_type,
        actor1.name if actor1 else "",
        "; ".join(dict.fromkeys(assoc)),
        other.actor.name if other else "",
        country_name(country),
        admin1,
        place.name if place else "",
        "" if place is None or place.latitude is None else place.latitude,
        "" if place is None or place.longitude is None else place.longitude,
        "; ".join(event.outlets),
        event.summary + (" [contested]" if event.contested else ""),
        int(event.updated_at.timestamp()),
        sub_event_type,
    ]


# Data ------------------------------------------------------------------------------------------


@pytest.fixture
def edge_cases(db):
    arm = Place.objects.create(name="Armenia", kind="country", country="ARM")
    syunik = Place.objects.create(name="Syunik", kind="province", parent=arm, latitude=39.5)
    Place.objects.create(name="Jermuk", kind="town", parent=syunik, latitude=39.84, longitude=45.67)
    loop_a = Place.objects.create(name="Loop A", kind="district")
    loop_b = Place.objects.create(name="Loop B", kind="region", parent=loop_a)
    Place.objects.filter(pk=loop_a.pk).update(parent=loop_b)
    for name, country in [("Army", "AZE"), ("Ministry", "AZE"), ("Armenia", "ARM"), ("UN", "")]:
        Actor.objects.create(name=name, country=country)

    plain = make_article('Shots at Jermuk on May 12, 2021. "Fake", said <b>officials</b> & co.')
    bare = make_article(
        "Nothing dated here. Ереван сообщил о перестрелке.",
        outlet=None,
        url="",
        published=None,
        published_source=Article.DateSource.UNKNOWN,
    )
    inferred = make_article(
        "Troops withdrew on Friday.",
        outlet="Tasnim",
        url="https://example.org/x?a=1&b=2",
        published_source=Article.DateSource.INFERRED,
    )
    guessed = make_article(
        "Fighting went on all autumn.", outlet="RFE/RL", published_source=Article.DateSource.UNKNOWN
    )
    day = make_event(
        datetime.date(2021, 5, 12),
        'Shots at <Jermuk> & "more" — ünïcode',
        event_type="armed_clash",
        contested=True,
        actors=[("Armenia", "source"), ("Army", "actor"), ("Ministry", "denies"), ("UN", "target")],
        places=["Jermuk", "Armenia", "Loop A"],
        article=plain,
        quote="Shots at Jermuk on May 12, 2021.",
    )
    day.citations.create(
        article=bare, quote="Ереван сообщил о перестрелке.", start=20, end=49, stance="disputes"
    )
    day.citations.create(article=inferred, quote="Troops withdrew on Friday.", start=0, end=26)
    make_event(
        datetime.date(2021, 5, 12),
        "Same day, no relations",
        event_type="not_a_known_type",
    )
    make_event(
        datetime.date(2021, 5, 14),
        "A weekend",
        end=datetime.date(2021, 5, 15),
        actors=[("Ministry", "participant"), ("Army", "participant"), ("Armenia", "actor")],
        places=["Loop B", "Syunik"],
        article=inferred,
    )
    make_event(
        datetime.date(2020, 9, 1),
        "Autumn",
        precision="month",
        end=datetime.date(2020, 11, 1),
        places=["Armenia"],
        article=bare,
        quote="Nothing dated here.",
    )
    make_event(datetime.date(2020, 10, 1), "Autumn fighting", precision="month", article=guessed)
    make_event(datetime.date(1992, 1, 1), "War", precision="year", end=datetime.date(1994, 1, 1))
    make_event(datetime.date(2021, 5, 13), "Rejected", status=Event.Status.REJECTED)


def rendered(client, name, params=None):
    response = client.get(reverse(name), params or {})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def check_all_formats(client):
    events = reference_events()
    assert rendered(client, "events_json") == ref_json(events)
    assert rendered(client, "events_csv") == ref_csv(events, exports.CSV_COLUMNS, ref_csv_row)
    assert rendered(client, "events_acled") == ref_csv(events, exports.ACLED_COLUMNS, ref_acled_row)
    last = max(events, key=lambda e: (e.last_day, e.id), default=None)
    title = exports.timelinejs_title(
        len(events), [], events[0].date_label if events else None, last and last.date_label
    )
    assert rendered(client, "events_timelinejs") == ref_timelinejs(
        events, title, "http://testserver"
    )


@pytest.mark.parametrize("chunk", [2, 1000])
def test_edge_cases_render_exactly_as_from_the_models(client, edge_cases, monkeypatch, chunk):
    monkeypatch.setattr(exports, "CHUNK", chunk)
    check_all_formats(client)
    slides = json.loads(rendered(client, "events_timelinejs"))["events"]
    assert "(inferred)" in json.dumps(slides) and "(disputes it)" in json.dumps(slides)


def test_the_ingested_samples_render_exactly_as_from_the_models(client, samples, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 7)
    assert Event.objects.count() > 7
    check_all_formats(client)
