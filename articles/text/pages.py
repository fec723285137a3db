"""Web pages to article text: the article's text, and what the page says about itself.

trafilatura finds the article among the page's navigation, menus and footers, and reads the
page's own title, author, site name and publication date from its meta tags and JSON-LD
(htmldate, told not to guess: no date is taken from the text or the address). The result is
laid out as the article files ingestion reads: the headline, a "Published: 5 March 2023" stamp
line when the page states its date (read as the page's own date, articles.text.stamps), a
byline, then the paragraphs; the title, site name (as the outlet) and address go along as the
fields a manifest entry would give, which a manifest's own entry overrides.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import trafilatura

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|script|style|meta|link|table|tr|td|ul|li|br|img|section"
    r"|article|nav|header|footer)\b[^>]*>",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """A saved web page rather than an article's text: it opens as HTML or is mostly markup."""
    if _HTML_START.match(text[:2000]):
        return True
    sample = text[:20000]
    tags = _TAG.findall(sample)
    return len(tags) >= 10 and sum(map(len, tags)) > len(sample) * 0.15


@dataclass(frozen=True, slots=True)
class Page:
    text: str  # laid out as an article file
    fields: dict[str, str]  # title, outlet, url: what a manifest entry would say


class NoArticle(ValueError):
    """A page in which no article text was found."""


def read_page(html: str, url: str | None = None) -> Page:
    """The article of a web page and what the page says about itself; NoArticle when the page
    holds no article text (an index, a login wall, a page its script draws)."""
    found = trafilatura.bare_extraction(
        html,  # without the address: its date is the metadata's to weigh (articles.text.metadata)
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (getattr(found, "text", "") or "").strip() if found is not None else ""
    if len(body.split()) < 20:
        raise NoArticle("a web page in which no article text was found")
    title = (found.title or "").strip()
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]  # the headline, repeated as the text's first line
    head = [title] if title else []
    published = _page_date(found.date)
    if published is not None:
        head.append(f"Published: {published.day} {published:%B %Y}")
    if found.author:
        head.append(f"By {found.author.strip()}")
    paragraphs = [line.strip() for line in lines if line.strip()]
    fields = {
        name: value.strip()
        for name, value in (("title", title), ("outlet", found.sitename or ""), ("url", url or ""))
        if value and value.strip()
    }
    return Page("\n\n".join([*head, *paragraphs]) + "\n", fields)


def _page_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
