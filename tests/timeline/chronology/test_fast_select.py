"""The chronology's selects are written out in Python (filters.FastSelect); they must give the
markup Django's Select template gives, whitespace aside."""

import re

from django import forms

from timeline.filters import FastSelect

CHOICES = [
    ("", "Any actor"),
    ("7", 'Nikol "Pashinyan" <PM> & co (1,204)'),
    ("12", "Ilham Aliyev's office (88)"),
    ("x'y", "quote in a value"),
]


def folded(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


def test_fast_select_writes_what_djangos_select_writes():
    for value in ("", "12", "x'y", "missing", None):
        attrs = {"id": "id_actor", "aria-label": "Actor", "required": True, "disabled": False}
        fast = FastSelect(choices=CHOICES).render("actor", value, attrs)
        django = forms.Select(choices=CHOICES).render("actor", value, attrs)
        assert folded(fast) == folded(django), value
    assert 'value="12" selected' in FastSelect(choices=CHOICES).render("actor", "12")
