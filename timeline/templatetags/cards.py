from django import template

from timeline.cards import event_card as render_card

register = template.Library()


@register.simple_tag
def event_card(event, open_sources=False):
    """``{% event_card event %}``: the event's card (timeline/cards.py)."""
    return render_card(event, open_sources=open_sources)
