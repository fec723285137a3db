"""Plain calendar arithmetic shared by the resolvers (months, weeks, seasons)."""

from __future__ import annotations

import datetime


def safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def add_months(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def monday(d: datetime.date) -> datetime.date:
    return d - datetime.timedelta(days=d.weekday())


def season_span(year: int, start_month: int) -> tuple[datetime.date, datetime.date]:
    """First months of a three-month season starting in start_month of year, and its last."""
    ey, em = add_months(year, start_month, 2)
    return datetime.date(year, start_month, 1), datetime.date(ey, em, 1)
