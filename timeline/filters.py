"""The chronology's filters: one form validates the query string into a view (search.View).

Every page and export that shows "the current view" goes through here and then through
timeline/search/, so the chronology, /events.json and /events.csv always agree. Bad input
becomes form errors (HTTP 400), never a 500.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

from articles.dates import validate_date_in_range
from articles.models import Outlet
from timeline import fragments
from timeline.extraction.places import country_name
from timeline.models import Actor, Event, Place, Precision
from timeline.search.pages import parse_cursor
from timeline.search.text import with_aliases
from timeline.search.view import COMBINING, EXCLUDING, FILTER_NAMES, View


class ChoiceSelect(forms.Select):
    """A <select> whose options are written by one template (templates/fragments/select.html).

    Django's Select writes each <option> through a template include; the chronology's actor,
    place and outlet selects carry a few hundred options, which took longer than the rest of
    the page. Same markup, no optgroups.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = list(dict.fromkeys(str(v) for v in self.format_value(value)))
        several = self.allow_multiple_selected and len([v for v in chosen if v]) > 1
        attrs = self.build_attrs(self.attrs, attrs)
        return fragments.select(name, chosen, attrs, self.choices, several)


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


class SeveralSelect(ChoiceSelect):
    """The select of a combining facet (search.view.COMBINING): one value is chosen in it; when
    the view has several (chosen from the facets' "or" links), it says how many and carries them
    as hidden inputs, so that a change of another filter keeps them."""

    allow_multiple_selected = True


class _Several:
    """A combining facet's field: any number of values, each a valid choice; its select's empty
    choice ("Any actor") is none."""

    def clean(self, value):
        if not isinstance(value, (list, tuple)):  # a plain dict's one value
            value = [value]
        return super().clean([one for one in value if one not in ("", None)])


class ModelChoicesField(_Several, forms.ModelMultipleChoiceField):
    def __init__(self, queryset, *, empty_label: str = "", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", SeveralSelect)
        super().__init__(queryset, **kwargs)
        self.empty_label = empty_label

    def _check_values(self, value):
        # An id no row can have ("99999999999999999999") is no choice, before any query sees it.
        for pk in value:
            if not (str(pk).isascii() and str(pk).isdigit()) or int(pk) >= 2**63:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class ChoicesField(_Several, forms.MultipleChoiceField):
    def __init__(self, *, choices, empty_label: str = "", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", SeveralSelect)
        super().__init__(choices=[("", empty_label), *choices], **kwargs)
        self.empty_label = empty_label


_COUNTRY_CODE = re.compile(r"^[A-Z]{2,3}$")


class CountryCodesField(_Several, forms.Field):
    """ISO 3166-1 codes, as Place.country holds them; "sdn" reads as "SDN" (and the chronology
    writes it so in its links and selects: views.filters_only). Any code of that form is valid:
    a country no place is in gives no events."""

    empty_label = "Any country"

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", SeveralSelect(choices=[("", self.empty_label)]))
        super().__init__(**kwargs)

    def to_python(self, value):
        codes = [str(one).strip().upper() for one in value or ()]
        for code in codes:
            if not _COUNTRY_CODE.match(code):
                raise ValidationError("Use a country code such as SDN or UA.", code="invalid")
        return list(dict.fromkeys(codes))


TYPE_CHOICES = Event.Type.choices
PRECISION_CHOICES = Precision.choices


class ChronologyFilter(forms.Form):
    q = forms.CharField(label="Text", required=False, max_length=200, strip=True)
    actor = ModelChoicesField(Actor.objects.all(), empty_label="Any actor")
    place = ModelChoicesField(Place.objects.all(), empty_label="Any place")
    # A country of the view's places (ISO 3166-1, as Place.country holds it); its select lists
    # the countries the view's places are in (views.offer_facets_in_selects).
    country = CountryCodesField()
    outlet = ModelChoicesField(Outlet.objects.all(), empty_label="Any outlet")
    type = ChoicesField(label="Event type", choices=TYPE_CHOICES, empty_label="Any type")
    precision = ChoicesField(
        label="Date precision", choices=PRECISION_CHOICES, empty_label="Any precision"
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
    # A combining facet's values left out: hidden inputs the facets' "−" links set.
    not_actor = ModelChoicesField(Actor.objects.all(), widget=forms.MultipleHiddenInput)
    not_place = ModelChoicesField(Place.objects.all(), widget=forms.MultipleHiddenInput)
    not_country = CountryCodesField(widget=forms.MultipleHiddenInput)
    not_outlet = ModelChoicesField(Outlet.objects.all(), widget=forms.MultipleHiddenInput)
    not_type = ChoicesField(choices=TYPE_CHOICES, widget=forms.MultipleHiddenInput)
    not_precision = ChoicesField(choices=PRECISION_CHOICES, widget=forms.MultipleHiddenInput)
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
        given = {}
        for name in (*FILTER_NAMES, "after", "before"):
            value = self.cleaned_data.get(name)
            if name in COMBINING or name in EXCLUDING:
                value = tuple(value or ())  # a validated queryset is evaluated already
            if value:  # an empty filter keeps the View's default
                given[name] = value
        if text := given.get("q"):
            given["search"] = with_aliases(text, known_names)
        return View(**given)

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(name, label, value) of the filters in force, for the results heading: "Actor", "A or
        B"; a combining facet's values left out as "Actor", "not C"."""
        if not hasattr(self, "cleaned_data"):
            return []
        shown = []
        for name in FILTER_NAMES:
            value = self.cleaned_data.get(name)
            if not value:
                continue
            facet = name.removeprefix("not_")
            field = self.fields[facet]
            label = field.label or facet.capitalize()
            if name in COMBINING or name in EXCLUDING:
                words = " or ".join(self._label(facet, one) for one in value)
                shown.append((name, label, f"not {words}" if name in EXCLUDING else words))
            else:
                shown.append((name, label, self._label(facet, value)))
        return shown

    def _label(self, facet: str, value) -> str:
        """How the heading writes one value of a filter: an actor's name, a type's label."""
        if facet == "country":
            return country_name(value)
        field = self.fields[facet]
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            return str(dict(field.choices).get(value, value))
        return str(value)
