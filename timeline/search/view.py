"""One view of the chronology, as the filter form validated it: the frozen query that the rest of
this package turns into SQL."""

import datetime
from dataclasses import dataclass

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
)


@dataclass(frozen=True)
class View:
    """The events a visitor asks for: filters, text and date range, and the page's cursor.

    Made by ChronologyFilter.view() from a valid form, or directly (``View(actor=actor)`` for
    an actor's page, ``View()`` for the whole chronology).
    """

    q: str = ""  # the text box, as typed
    # The text as searched: web-search syntax, with the other names of the actors it names
    # (text.with_aliases); empty without a text.
    search: str = ""
    actor: object = None  # an Actor
    place: object = None  # a Place
    country: str = ""  # an ISO 3166-1 code, as Place.country holds it: events at its places
    outlet: object = None  # an Outlet
    type: str = ""  # an Event.Type
    precision: str = ""
    status: str = ""
    contested: str = ""  # "yes", "no" or ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    after: tuple[datetime.date, int] | None = None  # the page's cursor (start, id)
    before: tuple[datetime.date, int] | None = None

    @property
    def active(self) -> set[str]:
        """The filters set (the cursor is not a filter)."""
        return {name for name in FILTER_NAMES if getattr(self, name) not in (None, "")}

    def value(self, name: str) -> str:
        """A filter's value as the query string writes it (an actor's id, "2021-05-12")."""
        value = getattr(self, name)
        return str(getattr(value, "pk", value))
