from django import template

from timeline import cards

register = template.Library()


@register.simple_tag
def event_card(event, open_sources=False):
    """``{% event_card event %}``: the event's card (timeline/cards.py)."""
    return cards.event_card(event, open_sources=open_sources)


@register.simple_tag
def histogram_bars(histogram, bars_and_urls, exact):
    """``{% histogram_bars histogram histogram_bars counts.total_exact %}`` (timeline/cards.py)."""
    return cards.histogram_bars(histogram, bars_and_urls, exact)


@register.simple_tag
def facet_links(links, approximate):
    """``{% facet_links links approximate %}``: a facet's list of values (timeline/cards.py)."""
    return cards.facet_links(links, approximate)
