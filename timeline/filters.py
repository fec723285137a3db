"""The chronology's filters: one form validates the query string into a view (search.View).

Every page and export that shows "the current view" goes through here and then through
timeline/search/, so the chronology, /events.json and /events.csv always agree. Bad input
becomes form errors (HTTP 400), never a 500.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from articles.dates import validate_date_in_range
from articles.models import Outlet
from timeline import fragments
from timeline.extraction.places import country_name
from timeline.models import Actor, Event, Place, Precision
from timeline.search.pages import parse_cursor
from timeline.search.text import with_aliases
from timeline.search.view import FILTER_NAMES, View


class ChoiceSelect(forms.Select):
    """A <select> whose options are written by one template (templates/fragments/select.html).

    Django's Select writes each <option> through a template include; the chronology's actor,
    place and outlet selects carry a few hundred options, which took longer than the rest of
    the page. Same markup, no optgroups.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        return fragments.select(name, chosen, self.build_attrs(self.attrs, attrs), self.choices)


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class PartialDateField(forms.CharField):
    """Accepts 2021, 2021-05 or 2021-05-12: analysts think in years and months too.

    ``bound`` says which end of a partial period the date stands for: "2021-05" as a "from" is
    May 1st, as a "to" it is May 31st.
    """

    def __init__(self, *, bound: str, **kwargs):
        self.bound = bound
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"placeholder": "YYYY[-MM[-DD]]", "inputmode": "numeric", "maxlength": 10}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = _PARTIAL_DATE.match(value) if len(value) <= 10 else None
        if not match:
            raise ValidationError("Use a date like 2021, 2021-05 or 2021-05-12.", code="invalid")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if self.bound == "first":
                found = datetime.date(year, month or 1, day or 1)
            elif month is None:
                found = datetime.date(year, 12, 31)
            elif day is None:
                next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
                found = next_month - datetime.timedelta(days=1)
            else:
                found = datetime.date(year, month, day)
        except (ValueError, OverflowError):
            raise ValidationError(f"{value} is not a real date.", code="invalid") from None
        validate_date_in_range(found)
        return found


class CountryCodeField(forms.CharField):
    """An ISO 3166-1 code, as Place.country holds it; "sdn" reads as "SDN" (and the chronology
    writes it so in its links and selects: views.filters_only)."""

    default_validators = [
        RegexValidator(r"^[A-Z]{2,3}$", "Use a country code such as SDN or UA.", code="invalid")
    ]

    def to_python(self, value):
        return super().to_python(value).upper()


class ChronologyFilter(forms.Form):
    q = forms.CharField(label="Text", required=False, max_length=200, strip=True)
    actor = forms.ModelChoiceField(
        queryset=Actor.objects.all(), required=False, empty_label="Any actor", widget=ChoiceSelect
    )
    place = forms.ModelChoiceField(
        queryset=Place.objects.all(), required=False, empty_label="Any place", widget=ChoiceSelect
    )
    # A country of the view's places (ISO 3166-1, as Place.country holds it); its select lists
    # the countries the view's places are in (views.offer_facets_in_selects).
    country = CountryCodeField(required=False, widget=ChoiceSelect(choices=[("", "Any country")]))
    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.all(), required=False, empty_label="Any outlet", widget=ChoiceSelect
    )
    type = forms.ChoiceField(
        label="Event type",
        required=False,
        choices=[("", "Any type"), *Event.Type.choices],
        widget=ChoiceSelect,
    )
    precision = forms.ChoiceField(
        label="Date precision",
        required=False,
        choices=[("", "Any precision"), *Precision.choices],
        widget=ChoiceSelect,
    )
    status = forms.ChoiceField(
        label="Review status",
        required=False,
        choices=[("", "Any status"), ("extracted", "unreviewed"), ("reviewed", "reviewed")],
        widget=ChoiceSelect,
    )
    contested = forms.ChoiceField(
        label="Contested",
        required=False,
        choices=[("", "Either"), ("yes", "contested"), ("no", "not contested")],
        widget=ChoiceSelect,
    )
    date_from = PartialDateField(label="From", bound="first")
    date_to = PartialDateField(label="To", bound="last")
    after = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    before = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean_after(self):
        value = self.cleaned_data["after"]
        return parse_cursor(value) if value else None

    def clean_before(self):
        value = self.cleaned_data["before"]
        return parse_cursor(value) if value else None

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            raise ValidationError("“From” is after “To”.", code="range")
        return data

    def view(self, known_names=None) -> View:
        """The validated query as the read side takes it (timeline/search/). Call after
        is_valid(). ``known_names``: every actor's names by spelling (search.Stored.names), so
        that the text is expanded with the actors' other names (text.with_aliases) without a
        query of its own."""
        given = {
            name: value
            for name in (*FILTER_NAMES, "after", "before")
            if (value := self.cleaned_data.get(name))
        }  # an empty filter keeps the View's default
        if text := given.get("q"):
            given["search"] = with_aliases(text, known_names)
        return View(**given)

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value) pairs of the filters in force, for the results heading."""
        if not hasattr(self, "cleaned_data"):
            return []
        shown = []
        for name in FILTER_NAMES:
            value = self.cleaned_data.get(name)
            if value:
                field = self.fields[name]
                if isinstance(field, forms.ChoiceField) and not isinstance(
                    field, forms.ModelChoiceField
                ):
                    value = dict(field.choices).get(value, value)
                if name == "country":
                    value = country_name(value)
                shown.append((name, field.label or name.capitalize(), str(value)))
        return shown
