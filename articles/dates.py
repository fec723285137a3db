"""The years a date may fall in, anywhere in the application: ``settings.DATE_YEARS``.

A date outside them is a typo, a misread or an attack ("0001-01-01", "9999"): it is refused with
a message where it comes in (a filter, a page cursor, a manifest, the admin), so that no
stored date, and no computation on one ("a year before it"), leaves the range the database and
the histogram are built for.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError

__all__ = ["date_range_problem", "validate_date_in_range"]


def date_range_problem(day: datetime.date) -> str | None:
    """Why ``day`` cannot be used (a sentence), or None when its year is in range."""
    first, last = settings.DATE_YEARS
    if first <= day.year <= last:
        return None
    return f"{day.isoformat()} is outside the years this timeline covers ({first}–{last})"


def validate_date_in_range(day: datetime.date | None) -> None:
    """A model and form field validator."""
    if day is not None and (problem := date_range_problem(day)):
        raise ValidationError(problem[0].upper() + problem[1:] + ".", code="out_of_range")
