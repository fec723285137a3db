"""One view of the chronology, as the filter form validated it: the frozen query that the rest of
this package turns into SQL."""

import datetime
from dataclasses import dataclass

# The facets whose values combine: several values of one are any of them (?actor=3&actor=7),
# and not_<facet> leaves a value's events out (?not_actor=5).
COMBINING = ("actor", "place", "country", "outlet", "type", "precision")
EXCLUDING = tuple(f"not_{name}" for name in COMBINING)
# The filters a view can set, in the order the results heading lists them.
FILTER_NAMES = (
    "q",
    "actor",
    "place",
    "country",
    "outlet",
    "type",
    "precision",
    "status",
    "contested",
    "date_from",
    "date_to",
    *EXCLUDING,
)


def own_filters(facet: str) -> frozenset[str]:
    """The filters a facet's counts leave out: its values chosen and those left out."""
    return frozenset({facet, f"not_{facet}"} if facet in COMBINING else {facet})


@dataclass(frozen=True)
class View:
    """The events a visitor asks for: filters, text and date range, and the page's cursor.

    Made by ChronologyFilter.view() from a valid form, or directly (``View(actor=actor)`` for
    an actor's page, ``View()`` for the whole chronology). A combining facet (COMBINING) holds a
    tuple of values, any of which an event has; one value alone is taken as a tuple of one.
    """

    q: str = ""  # the text box, as typed
    # The text as searched: web-search syntax, with the other names of the actors it names
    # (text.with_aliases); empty without a text.
    search: str = ""
    actor: tuple = ()  # Actors
    place: tuple = ()  # Places
    country: tuple = ()  # ISO 3166-1 codes, as Place.country holds them: events at their places
    outlet: tuple = ()  # Outlets
    type: tuple = ()  # Event.Type values
    precision: tuple = ()
    status: str = ""
    contested: str = ""  # "yes", "no" or ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    # The values whose events are left out, each facet's apart.
    not_actor: tuple = ()
    not_place: tuple = ()
    not_country: tuple = ()
    not_outlet: tuple = ()
    not_type: tuple = ()
    not_precision: tuple = ()
    after: tuple[datetime.date, int] | None = None  # the page's cursor (start, id)
    before: tuple[datetime.date, int] | None = None

    def __post_init__(self) -> None:
        for name in (*COMBINING, *EXCLUDING):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                one = () if value in (None, "") else (value,)
                object.__setattr__(self, name, tuple(value) if isinstance(value, list) else one)

    @property
    def active(self) -> set[str]:
        """The filters set (the cursor is not a filter)."""
        return {name for name in FILTER_NAMES if getattr(self, name) not in (None, "", ())}

    def values(self, name: str) -> list[str]:
        """A filter's values as the query string writes them (an actor's id, "2021-05-12")."""
        value = getattr(self, name)
        if not isinstance(value, tuple):
            value = () if value in (None, "") else (value,)
        return [str(getattr(one, "pk", one)) for one in value]
