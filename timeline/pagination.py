"""Keyset pagination for the chronology: pages follow (start, id), never OFFSET.

A page is reached by a cursor, the (start, id) of the event before it (``after``) or after it
(``before``), so the database walks the event_start_id_idx index from there whatever the depth;
OFFSET would read and throw away every earlier row. Cursors read "2021-05-12.1234" in the URL.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q

MAX_ID = 2**63  # ids are bigint


def parse_cursor(value: str) -> tuple[datetime.date, int]:
    try:
        day, _, pk = value.partition(".")
        cursor = datetime.date.fromisoformat(day), int(pk)
    except (ValueError, OverflowError):
        cursor = None
    if cursor is None or not 0 <= cursor[1] < MAX_ID:
        raise ValidationError("Not a page cursor (expected YYYY-MM-DD.ID).", code="invalid")
    return cursor


def cursor_of(event) -> str:
    return f"{event.start.isoformat()}.{event.pk}"


@dataclass
class KeysetPage:
    object_list: list
    total: int | None
    next_cursor: str | None  # "after" of the following page
    previous_cursor: str | None  # "before" of the preceding page
    is_first: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return True  # an empty page is still a page ("No events match")

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def keyset_page(
    queryset,
    size: int,
    after: tuple[datetime.date, int] | None = None,
    before: tuple[datetime.date, int] | None = None,
    total: int | None = None,
) -> KeysetPage:
    """One page of ``queryset`` in (start, id) order, after or before a cursor (one query)."""
    if before is not None:
        day, pk = before
        rows = list(
            queryset.filter(Q(start__lt=day) | Q(start=day, id__lt=pk)).order_by("-start", "-id")[
                : size + 1
            ]
        )
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows,
            total,
            next_cursor=cursor_of(rows[-1]) if rows else None,
            previous_cursor=cursor_of(rows[0]) if rows and more_before else None,
            is_first=not more_before,
        )
    if after is not None:
        day, pk = after
        queryset = queryset.filter(start__gte=day).filter(
            Q(start__gt=day) | Q(start=day, id__gt=pk)
        )
    rows = list(queryset.order_by("start", "id")[: size + 1])
    more_after = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows,
        total,
        next_cursor=cursor_of(rows[-1]) if rows and more_after else None,
        previous_cursor=cursor_of(rows[0]) if rows and after is not None else None,
        is_first=after is None,
    )
