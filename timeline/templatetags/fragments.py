"""The chronology's repeated markup in Django templates: each tag renders a Jinja2 fragment of
templates/fragments/ (timeline/fragments.py says why those are Jinja2)."""

from django import template

from timeline import fragments

register = template.Library()


@register.simple_tag
def event_card(event, open_sources=False):
    """``{% event_card event %}``: templates/fragments/event_card.html."""
    return fragments.event_card(event, open_sources=open_sources)


@register.simple_tag
def histogram_bars(histogram, bars_and_urls, exact):
    """``{% histogram_bars histogram histogram_bars counts.total_exact %}``:
    templates/fragments/histogram_bars.html."""
    return fragments.histogram_bars(histogram, bars_and_urls, exact)


@register.simple_tag
def facet_links(links, approximate):
    """``{% facet_links links approximate %}``: templates/fragments/facet_links.html."""
    return fragments.facet_links(links, approximate)
