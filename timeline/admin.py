"""The editors' workbench: correct, review and reject extracted events.

Every field an editor changes on an event is recorded in Event.edited_fields, which the
pipeline reads as "hands off": re-ingestion never overwrites it. Events, actors, citations and
articles keep a history (django-simple-history: who changed what, when), and the "needs
attention" page lists what an editor should look at first.
"""

from contextlib import suppress

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, Min, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast
from django.db.models.lookups import Contains
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles.admin import ArticleAdmin as BaseArticleAdmin
from articles.admin import HistoryAdmin
from articles.models import Article, Outlet
from articles.text.temporal import Rule
from timeline.editing import merge_actors, merge_events, split_citation
from timeline.ingest import reextract_article
from timeline.models import (
    DATE_FIELDS,
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    MergedEvent,
    Place,
    PlaceAlias,
)

# Below this an event's date is a guess an editor should check ("needs attention").
LOW_DATE_CONFIDENCE = 0.8
# The Needs attention page shows the first of each list, the surest to need an editor first;
# each list's link opens all of it.
NEEDS_ATTENTION_ROWS = 10
# Date rules whose value the sentence states in full; the others were resolved against the
# publication date (or a date before them).
STATED_DATE_RULES = [rule for rule in Rule if rule.stated]
GUESSED = [Article.DateSource.INFERRED, Article.DateSource.UNKNOWN]


def _count(n: int, noun: str) -> str:
    """ "1 event", "2 events": the admin's messages in English."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def date_set_by_editor() -> Q:
    """Events whose date an editor set (a date field named in ``edited_fields``, read as text,
    which both databases can search)."""
    text = Cast("edited_fields", TextField())
    condition = Q()
    for name in sorted(DATE_FIELDS):
        condition |= Q(Contains(text, Value(f'"{name}"')))
    return condition


def attention_q(reason: str) -> Q:
    """Events still waiting for an editor (status extracted) for the given reason, or any."""
    reasons = {
        "date": Q(date_confidence__lt=LOW_DATE_CONFIDENCE),
        # Resolved against a publication date no source states, and no other report confirms it.
        "article_date": Exists(
            Citation.objects.filter(event=OuterRef("pk"), article__published_source__in=GUESSED)
            .exclude(date_rule__in=STATED_DATE_RULES)
            .exclude(stance=Citation.Stance.DISPUTES)
        )
        & ~Exists(
            Citation.objects.filter(event=OuterRef("pk"), stance=Citation.Stance.SUPPORTS).exclude(
                article__published_source__in=GUESSED
            )
        ),
        "contested": Q(contested=True),
        "new_actor": Exists(EventActor.objects.filter(event=OuterRef("pk"), actor__reviewed=False)),
    }
    # An event whose date an editor set waits for nobody on its date's account.
    waiting_on_its_date = ~date_set_by_editor()
    reasons["date"] &= waiting_on_its_date
    reasons["article_date"] &= waiting_on_its_date
    if reason == "any":
        condition = Q()
        for q in reasons.values():
            condition |= q
    else:
        condition = reasons[reason]
    return Q(status=Event.Status.EXTRACTED) & condition


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("any", "any reason"),
            ("date", f"uncertain date (confidence < {LOW_DATE_CONFIDENCE})"),
            ("article_date", "cited article's date inferred or unknown"),
            ("contested", "contested"),
            ("new_actor", "involves a new actor candidate"),
        ]

    def queryset(self, request, queryset):
        if self.value() in dict(self.lookups(request, None)):
            return queryset.filter(attention_q(self.value()))
        return queryset


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(HistoryAdmin):
    list_display = ["name", "kind", "country", "reviewed", "event_count"]
    list_filter = ["reviewed", "kind", "country"]
    search_fields = ["name", "aliases__name"]
    inlines = [ActorAliasInline]
    actions = ["mark_reviewed", "merge_selected_actors"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(event_total=Count("event_roles__event", distinct=True))
        )

    @admin.display(ordering="event_total", description="events")
    def event_count(self, obj) -> int:
        return obj.event_total

    @admin.action(
        description="Accept the selected actors into the gazetteer", permissions=["change"]
    )
    def mark_reviewed(self, request, queryset):
        updated = queryset.update(reviewed=True)
        self.message_user(request, f"{_count(updated, 'actor')} accepted.", messages.SUCCESS)

    @admin.action(
        description="Merge the selected actors (one actor, several names)",
        permissions=["change"],
    )
    def merge_selected_actors(self, request, queryset):
        """The reviewed actor in most events stays; the others' names become its aliases."""
        actors = sorted(queryset, key=lambda a: (not a.reviewed, -a.event_total, a.pk))
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return
        survivor = merge_actors(actors[0], actors[1:])
        self.message_user(
            request,
            f"Merged {_count(len(actors) - 1, 'actor')} into {survivor.name}; their names are now its "
            "aliases.",
            messages.SUCCESS,
        )


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 1


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "admin1", "candidate", "latitude", "longitude"]
    list_filter = ["candidate", "kind", "country"]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceAliasInline]


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]


class AtLeastOneCitation(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not self._should_delete_form(f)]
        if not kept:
            raise ValidationError(
                "An event needs at least one citation: quote the sentence that reports it "
                "(or reject the event rather than leave it without a source)."
            )


class CitationInline(admin.StackedInline):
    model = Citation
    formset = AtLeastOneCitation
    extra = 0
    # An event keeps at least one source; the offsets follow the quote (Citation.clean).
    min_num = 1
    fields = ["article", "quote", "start", "end", "date_text", "date_rule", "is_caption"]
    readonly_fields = ["start", "end", "date_rule"]
    autocomplete_fields = ["article"]


class OutletFilter(admin.SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        return [(str(o.pk), o.name) for o in Outlet.objects.all()]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(
                Exists(
                    Citation.objects.filter(
                        event=OuterRef("pk"), article__outlet_id=int(self.value())
                    )
                )
            )
        return queryset


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = [
        "date_label",
        "summary",
        "event_type",
        "precision",
        "status",
        "contested",
        "citation_count",
    ]
    list_display_links = ["date_label", "summary"]
    list_filter = [
        NeedsAttentionFilter,
        "status",
        "event_type",
        "precision",
        "contested",
        "planned",
        OutletFilter,
    ]
    search_fields = ["summary", "citations__quote", "actors__name"]
    date_hierarchy = "start"
    list_per_page = 50
    fields = [
        "start",
        "end",
        "precision",
        "summary",
        "event_type",
        "status",
        "contested",
        "places",
        "date_confidence",
        "edited_fields",
    ]
    readonly_fields = ["edited_fields"]
    filter_horizontal = ["places"]
    inlines = [EventActorInline, CitationInline]
    actions = ["mark_reviewed", "mark_rejected", "merge_selected"]

    def history_view(self, request, object_id, extra_context=None):
        """The history page lists the events merged into this one besides (their tombstones)."""
        merged_in = []
        with suppress(ValueError, TypeError):
            merged_in = MergedEvent.objects.filter(into_id=int(object_id)).order_by("-merged_at")
        context = {"merged_in": merged_in, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    def get_urls(self):
        return [
            path(
                "needs-attention/",
                self.admin_site.admin_view(self.needs_attention_view),
                name="timeline_event_needs_attention",
            ),
            *super().get_urls(),
        ]

    def needs_attention_view(self, request):
        """What an editor should check first, each list linked to its filtered changelist."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        events = Event.objects.order_by("date_confidence", "start", "id")
        sections = [
            (
                "Articles with an inferred or unknown publication date",
                "admin:articles_article_changelist",
                "attention=date",
                Article.objects.needing_attention()
                .select_related("outlet")
                .order_by("published_confidence", "id"),
            ),
            (
                f"Events with an uncertain date (confidence below {LOW_DATE_CONFIDENCE})",
                "admin:timeline_event_changelist",
                "attention=date",
                events.filter(attention_q("date")),
            ),
            (
                "Events dated from an inferred or unknown publication date (least sure first)",
                "admin:timeline_event_changelist",
                "attention=article_date",
                events.filter(attention_q("article_date"))
                .alias(article_confidence=Min("citations__article__published_confidence"))
                .order_by("article_confidence", "date_confidence", "start", "id"),
            ),
            (
                "New actor candidates (not in the gazetteer yet)",
                "admin:timeline_actor_changelist",
                "reviewed__exact=0",
                Actor.objects.filter(reviewed=False).order_by("name"),
            ),
            (
                "Contested events",
                "admin:timeline_event_changelist",
                "attention=contested",
                events.filter(attention_q("contested")),
            ),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Needs attention",
            "sections": [
                {
                    "title": title,
                    "changelist": changelist,
                    "query": query,
                    "total": rows.count(),
                    "rows": [
                        (
                            reverse(
                                f"admin:{row._meta.app_label}_{row._meta.model_name}_change",
                                args=[row.pk],
                            ),
                            row,
                        )
                        for row in rows[:NEEDS_ATTENTION_ROWS]
                    ],
                }
                for title, changelist, query, rows in sections
            ],
        }
        return TemplateResponse(request, "admin/needs_attention.html", context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # see has_delete_permission: reject instead
        return actions

    def has_delete_permission(self, request, obj=None):
        """An event is never deleted here: the next re-extraction would make it again from its
        sentences, under a new id. Rejecting hides it for good. (Asked without an event, for
        the merge action, whose losers become tombstones, the permission stands.)"""
        if obj is not None:
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        self.message_user(
            request,
            "Events are not deleted: a deleted event would come back at the next re-extraction. "
            "Reject it instead (the action on the list): it is hidden for good.",
            messages.WARNING,
        )
        return redirect("admin:timeline_event_change", unquote(object_id))

    @admin.action(
        description="Merge the selected events (they report one happening)",
        permissions=["delete"],
    )
    def merge_selected(self, request, queryset):
        events = list(queryset.order_by("start", "id"))
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.WARNING)
            return None
        if request.POST.get("apply"):
            chosen = request.POST.get("survivor", "")
            survivor = next((e for e in events if str(e.pk) == chosen), None)
            if survivor is None:
                self.message_user(request, "Choose the event that stays.", messages.ERROR)
                return None
            losers = [e for e in events if e.pk != survivor.pk]
            merged = ", ".join(f"{e.pk} ({e})" for e in losers)
            merge_events(survivor, losers, request.user.get_username())
            self.log_change(request, survivor, f"Merged into it: events {merged}.")
            self.message_user(
                request, f"Merged {len(events)} events into “{survivor}”.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "events": events,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/timeline/event/merge.html", context)

    @admin.display(ordering="start", description="date")
    def date_label(self, obj) -> str:
        return obj.date_label

    @admin.display(ordering="citation_total", description="citations")
    def citation_count(self, obj) -> int:
        return obj.citation_total

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        if changed & DATE_FIELDS and "date_confidence" not in changed:
            obj.date_confidence = 1.0  # the editor's date: not "uncertain", no longer waiting
            changed.add("date_confidence")
        if change:
            obj.mark_edited(*changed)
        super().save_model(request, obj, form, change)
        obj.refresh_search_document()

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if change and formset.has_changed():
            event = form.instance
            owned = {"actors"} if formset.model is EventActor else {"citations"}
            event.mark_edited(*owned)
            event.save(update_fields=["edited_fields", "last_day"])
            event.refresh_search_document()

    @admin.action(description="Mark the selected events reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self._set_status(request, queryset, Event.Status.REVIEWED)

    @admin.action(
        description="Reject the selected events (hidden, never re-created by ingestion)",
        permissions=["change"],
    )
    def mark_rejected(self, request, queryset):
        self._set_status(request, queryset, Event.Status.REJECTED)

    def _set_status(self, request, queryset, status):
        count = 0
        for event in queryset:
            event.status = status
            event.mark_edited("status")
            event.save(update_fields=["status", "edited_fields", "last_day", "updated_at"])
            self.log_change(request, event, f"Marked {status}.")  # shown in Recent actions
            count += 1
        self.message_user(request, f"{_count(count, 'event')} marked {status}.", messages.SUCCESS)


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    list_display = ["quote", "event", "article", "stance"]
    list_filter = ["stance", "is_caption"]
    search_fields = ["quote", "event__summary"]
    raw_id_fields = ["event"]
    autocomplete_fields = ["article"]
    readonly_fields = ["start", "end"]  # derived from the quote (Citation.clean)
    actions = ["split_out"]

    def has_delete_permission(self, request, obj=None):
        """Not an event's last citation: the event would be left without a source (reject the
        event instead)."""
        if obj is not None and obj.is_last_of():
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        citation = self.get_object(request, unquote(object_id))
        if citation is not None and citation.is_last_of():
            self.message_user(
                request,
                "This is its event's only citation, so it cannot be deleted: the event would "
                "have no source. Reject the event instead, or add another citation first.",
                messages.ERROR,
            )
            return redirect("admin:timeline_citation_change", citation.pk)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(
        description="Split the selected citations out into new events of their own",
        permissions=["change"],
    )
    def split_out(self, request, queryset):
        created = [
            split_citation(c, request.user.get_username()) for c in queryset.select_related("event")
        ]
        self.message_user(
            request, f"{_count(len(created), 'new event')} split out.", messages.SUCCESS
        )


@admin.register(MergedEvent)
class MergedEventAdmin(admin.ModelAdmin):
    list_display = ["old_id", "into", "start", "event_type", "merged_by", "merged_at"]
    search_fields = ["old_id", "into__summary"]
    readonly_fields = [f.name for f in MergedEvent._meta.fields]

    def has_add_permission(self, request):
        return False


# The article admin lives in articles/ (which knows nothing of events); the timeline adds what a
# corrected publication date means for the article's events.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(BaseArticleAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "published" in form.changed_data and obj.published is not None:
            # Relative dates ("on Wednesday") hang on the publication date: resolve them again
            # for the events no editor has touched (the re-extraction rules keep the others).
            result = reextract_article(obj)
            level = messages.SUCCESS if result.status != "failed" else messages.ERROR
            self.message_user(
                request,
                result.message
                or f"Dates re-resolved: {result.events_updated} events moved or updated, "
                f"{result.events_created} new, {result.events_removed} removed.",
                level,
            )


admin.site.index_template = "admin/editors_index.html"
admin.site.site_header = "Conflict timeline — editors"
admin.site.site_title = "Conflict timeline editors"
