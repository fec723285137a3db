"""The chronology's repeated markup: event cards, histogram bars, facet lists and selects.

A chronology page shows 50 cards, up to 72 histogram bars, 84 facet values and selects of a few
hundred options. Their templates are in templates/fragments/ and written for Jinja2, Django's
other template engine (the "fragments" engine in settings.TEMPLATES): the Django template
language spent about 0.35 ms on a card, 18 ms of a page, where Jinja2's compiled templates spend
about 0.1 ms. The pages themselves stay Django templates and put these in through the tags of
timeline/templatetags/fragments.py. Jinja2 escapes every value (autoescape) and raises on a
name the context lacks (StrictUndefined), so that a typo fails the tests rather than printing
nothing.
"""

import functools

from django.template import engines
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from jinja2 import Environment, StrictUndefined

# A card shows this much of an event's summary (as the Django filter |truncatechars would); the
# summary itself is stored whole, for the event's page, the admin and the exports.
CARD_SUMMARY_CHARS = 220


def _shortened(summary: str) -> str:
    if len(summary) <= CARD_SUMMARY_CHARS:
        return summary  # most are: no need for Truncator's normalising
    return Truncator(summary).chars(CARD_SUMMARY_CHARS)


@functools.lru_cache(maxsize=4096)
def _day(value) -> str:
    return format_date(value, "j M Y")  # as Django's |date:"j M Y"


def environment(**options) -> Environment:
    """The fragments engine's Jinja2 environment (settings.TEMPLATES), with the few filters
    the fragments use in place of Django's."""
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    env.filters.update(
        shortened=_shortened,
        day=_day,
        count="{:,}".format,  # what |intcomma writes in English
        plural=lambda n: "" if n == 1 else "s",
    )
    return env


def _render(name: str, context: dict) -> SafeString:
    template = engines["fragments"].get_template(name)
    return mark_safe(template.render(context))  # noqa: S308 - Jinja2 escaped every value


def event_card(event, open_sources: bool = False) -> SafeString:
    return _render("event_card.html", {"event": event, "open_sources": open_sources})


def histogram_bars(histogram, bars_and_urls, exact: bool) -> SafeString:
    return _render(
        "histogram_bars.html",
        {"histogram": histogram, "bars_and_urls": bars_and_urls, "exact": exact},
    )


def facet_links(links, approximate: bool) -> SafeString:
    return _render("facet_links.html", {"links": links, "approximate": approximate})


def select(name: str, chosen: list[str], attrs: dict, choices, several: bool = False) -> SafeString:
    """A select; ``several``: the values chosen are more than it can show (filters.SeveralSelect)."""
    return _render(
        "select.html",
        {"name": name, "chosen": chosen, "attrs": attrs, "choices": choices, "several": several},
    )
