"""What the tagger returns: a date mention with its resolved value and honest precision."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def format_date(d: datetime.date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return d.isoformat()
    if precision is Precision.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found at text[start:end].

    ``first``..``last`` is the value (``last`` is None unless the expression is a range) at
    ``precision``; ``rule`` names how it was resolved (see ``rules.Rule``); ``relative`` is True
    whenever the value depended on the publication date, including anaphora whose antecedent did,
    so an editor's correction can re-resolve them.
    """

    start: int
    end: int
    text: str
    first: datetime.date
    last: datetime.date | None
    precision: Precision
    rule: str
    confidence: float
    relative: bool
    # For a range whose two ends the text names ("between 1994 and 1997", "May 12-14"), the
    # spans of those ends; TimeML marks them as two expressions.
    endpoints: tuple[Span, Span] | None = None

    @property
    def end_values(self) -> tuple[str, str] | None:
        """The values of a range's two ends at its precision, None for a single date."""
        if self.last is None:
            return None
        return format_date(self.first, self.precision), format_date(self.last, self.precision)

    @property
    def value(self) -> str:
        if self.last is None:
            return format_date(self.first, self.precision)
        return f"{format_date(self.first, self.precision)}/{format_date(self.last, self.precision)}"


# A resolved value before it becomes a mention: first, last, precision, rule, confidence, relative,
# and for a range whose two ends the text names, their spans.
Value = (
    tuple[datetime.date, datetime.date | None, Precision, str, float, bool]
    | tuple[datetime.date, datetime.date | None, Precision, str, float, bool, tuple[Span, Span]]
)
