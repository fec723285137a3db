"""The chronology's repeated markup written out in Python: event cards, histogram bars, facets.

A page shows 50 cards, up to 72 histogram bars and 84 facet values. The Django template
language spent about 0.4 ms on each card alone, most of a page's rendering time. These write
the same markup with plain string operations, every value through escape(); the tags in
timeline/templatetags/cards.py put them in templates. tests/timeline/chronology/reference/ keeps the
template code they replaced, and tests/timeline/chronology/test_cards.py compares the two. The card reads
what chronology_queryset prefetches (actors, places, citations with their articles and
outlets), so it adds no query.
"""

import functools
import html

from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from timeline.models import Citation, Event, EventActor

# A card shows this much of an event's summary (as the template's |truncatechars would); the
# summary itself is stored whole, for the event's page, the admin and the exports.
CARD_SUMMARY_CHARS = 220
TYPE_LABELS = dict(Event.Type.choices)
ROLE_LABELS = dict(EventActor.Role.choices)


def escape(value) -> str:
    """What django.utils.html.escape writes (it is html.escape), without its lazy-string
    wrapper, which cost more than the escaping over a page's thousands of values."""
    return html.escape(str(value))


@functools.lru_cache(maxsize=4096)
def _published(day, language) -> str:
    return format_date(day, "j M Y")  # as the template's |date:"j M Y"


def _join(names) -> str:
    return ", ".join(escape(name) for name in names)


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def _shortened(summary: str) -> str:
    if len(summary) <= CARD_SUMMARY_CHARS:
        return summary  # most are: no need for Truncator's normalising
    return Truncator(summary).chars(CARD_SUMMARY_CHARS)


def event_card(event: Event, open_sources: bool = False) -> SafeString:
    pk = event.pk
    uncertain, inferred = event.date_uncertain, event.date_inferred
    when = event.start_iso + (f"/{event.end_iso}" if event.end else "")
    title = ""
    if uncertain or inferred:
        notes = ("Approximate: the text dates it loosely. " if uncertain else "") + (
            "Inferred: resolved against a publication date the text does not state."
            if inferred
            else ""
        )
        title = f' title="{notes}"'
    label = ("≈ " if uncertain else "") + escape(event.date_label)
    if inferred:
        label += ' <span class="inferred">(inferred)</span>'
    outlets = event.outlets
    out = [
        f'<article class="event" id="event-{pk}" aria-labelledby="event-{pk}-title">\n'
        "  <header>\n"
        f'    <time class="when" datetime="{escape(when)}"{title}>{label}</time>\n'
        f'    <span class="type type-{escape(event.event_type)}">'
        f"{escape(TYPE_LABELS.get(event.event_type, event.event_type))}</span>\n"
        "    "
        + (
            '<span class="badge reviewed">reviewed</span>'
            if event.status == Event.Status.REVIEWED
            else ""
        )
        + "\n    "
        + (
            f'<span class="badge outlets" title="{_join(outlets)}">{len(outlets)} '
            f"outlet{_plural(len(outlets))}</span>"
            if outlets
            else ""
        )
        + "\n    "
        + ('<span class="badge contested">contested</span>' if event.contested else "")
        + ('<span class="badge planned">planned</span>' if event.planned else "")
        + "\n  </header>\n"
        f'  <h4 id="event-{pk}-title" class="summary"><a href="{escape(event.get_absolute_url())}">'
        f"{escape(_shortened(event.summary))}</a></h4>\n"
    ]
    if event.contested:
        claimants, deniers = event.claimants, event.deniers
        who = (
            f"claimed by {_join(claimants)}"
            if claimants
            else f"reported by {_join(outlets) or 'an unnamed source'}"
        )
        if deniers:
            who += f"; denied by {_join(deniers)}"
        out.append(f'  <p class="dispute"><strong>Contested:</strong> {who}.</p>\n')
    actors, places = event.role_list(), event.place_list()
    if actors or places:
        out.append('  <dl class="who-where">\n    ')
        if actors:
            links = ", ".join(
                f'<a href="{escape(ea.actor.get_absolute_url())}" class="actor">'
                f'{escape(ea.actor.name)}</a> <span class="role">({escape(ROLE_LABELS.get(ea.role, ea.role))})</span>'
                for ea in actors
            )
            out.append(f"<dt>Actors</dt><dd>{links}</dd>")
        out.append("\n    ")
        if places:
            links = ", ".join(
                f'<a href="{escape(place.get_absolute_url())}" class="place">{escape(place.name)}</a>'
                for place in places
            )
            out.append(f"<dt>Places</dt><dd>{links}</dd>")
        out.append("\n  </dl>\n")
    citations = event.citation_list()
    n = len(citations)
    out.append(
        f'  <details class="sources"{" open" if open_sources else ""}>\n'
        f"    <summary>{n} source{_plural(n)}</summary>\n"
        "    <ul>\n"
    )
    for citation in citations:
        article = citation.article
        outlet = article.outlet.name if article.outlet_id and article.outlet.name else ""
        published = ""
        if article.published:
            published = (
                f', <span class="published">{_published(article.published, get_language())}'
                + (" (inferred)" if article.published_is_inferred else "")
                + "</span>"
            )
        out.append(
            "      <li>\n        "
            + (
                '<span class="badge contested">disputes it</span> '
                if citation.stance == Citation.Stance.DISPUTES
                else ""
            )
            + f'<span class="outlet">{escape(outlet) or "Unknown outlet"}</span>{published}\n'
            f'        <blockquote><a href="{escape(citation.get_absolute_url())}" class="quote">'
            f"{escape(citation.quote)}</a></blockquote>\n"
            "      </li>\n"
        )
    out.append("    </ul>\n  </details>\n</article>\n")
    return mark_safe("".join(out))  # noqa: S308 - every value above went through escape()


def _count(n: int) -> str:
    return f"{n:,}"  # what |intcomma writes in English


def histogram_bars(histogram, bars_and_urls, exact: bool) -> SafeString:
    """The histogram's bars, each a link that zooms to its period (the template draws the
    axis's labels)."""
    about, approx = ("", "") if exact else ("about ", "≈ ")
    width, height = histogram.bar_width, histogram.height
    out = []
    for bar, url in bars_and_urls:
        url, label, n = escape(url), escape(bar.label), bar.count
        events = f"{_count(n)} event{_plural(n)}"
        out.append(
            f'      <a href="{url}" hx-get="{url}" hx-target="#chronology" hx-swap="outerHTML" '
            f'hx-push-url="true" class="bar" aria-label="{label}: {about}{events}">\n'
            f"        <title>{label}: {approx}{events}</title>\n"
            f'        <rect x="{bar.x}" y="0" width="{width}" height="{height}" class="hit"></rect>\n'
            f'        <rect x="{bar.x}" y="{bar.y}" width="{width}" height="{bar.height}" '
            'class="fill"></rect>\n'
            "      </a>"
        )
    out.append("\n")
    return mark_safe("".join(out))  # noqa: S308 - every value above went through escape()


def facet_links(links, approximate: bool) -> SafeString:
    """A facet's values, each a link that filters by it (views.facet_links), with its count."""
    approx = "≈" if approximate else ""
    out = ["        <ul>"]
    for link in links:
        url = escape(link["url"])
        active = ' aria-current="true" class="active"' if link["active"] else ""
        value = link["value"]
        out.append(
            f'\n          <li><a href="{url}" hx-get="{url}" hx-target="#chronology" '
            f'hx-swap="outerHTML" hx-push-url="true"{active}>{escape(value.label)}</a> '
            f'<span class="n">{approx}{_count(value.count)}</span></li>\n        '
        )
    out.append("</ul>\n")
    return mark_safe("".join(out))  # noqa: S308 - every value above went through escape()
