"""The editors' workbench: correct, review and reject extracted events.

Every field an editor changes on an event is recorded in Event.edited_fields, which the
pipeline reads as "hands off": re-ingestion never overwrites it.
"""

from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef
from django.template.response import TemplateResponse

from articles.models import Outlet
from timeline.editing import merge_events, split_citation
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    MergedEvent,
    Place,
    PlaceAlias,
)


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "reviewed", "event_count"]
    list_filter = ["reviewed", "kind", "country"]
    search_fields = ["name", "aliases__name"]
    inlines = [ActorAliasInline]
    actions = ["mark_reviewed"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(event_total=Count("event_roles__event", distinct=True))
        )

    @admin.display(ordering="event_total", description="events")
    def event_count(self, obj) -> int:
        return obj.event_total

    @admin.action(description="Accept the selected actors into the gazetteer")
    def mark_reviewed(self, request, queryset):
        updated = queryset.update(reviewed=True)
        self.message_user(request, f"{updated} actors accepted.", messages.SUCCESS)


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 1


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "parent", "latitude", "longitude"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceAliasInline]


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    fields = ["article", "quote", "start", "end", "date_text", "date_rule", "is_caption"]
    readonly_fields = ["date_rule"]
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
class EventAdmin(admin.ModelAdmin):
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
    list_filter = ["status", "event_type", "precision", "contested", OutletFilter]
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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

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
            merge_events(
                survivor, [e for e in events if e.pk != survivor.pk], request.user.get_username()
            )
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
        if change:
            obj.edited_fields = sorted(set(obj.edited_fields) | set(form.changed_data))
        super().save_model(request, obj, form, change)
        obj.refresh_search_document()

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if change and formset.has_changed():
            event = form.instance
            owned = {"actors"} if formset.model is EventActor else {"citations"}
            event.edited_fields = sorted(set(event.edited_fields) | owned)
            event.save(update_fields=["edited_fields", "last_day"])
            event.refresh_search_document()

    @admin.action(description="Mark the selected events reviewed")
    def mark_reviewed(self, request, queryset):
        self._set_status(request, queryset, Event.Status.REVIEWED)

    @admin.action(description="Reject the selected events (hidden, never re-created by ingestion)")
    def mark_rejected(self, request, queryset):
        self._set_status(request, queryset, Event.Status.REJECTED)

    def _set_status(self, request, queryset, status):
        count = 0
        for event in queryset:
            event.status = status
            event.edited_fields = sorted(set(event.edited_fields) | {"status"})
            event.save(update_fields=["status", "edited_fields", "last_day", "updated_at"])
            count += 1
        self.message_user(request, f"{count} events marked {status}.", messages.SUCCESS)


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["quote", "event", "article", "stance"]
    list_filter = ["stance", "is_caption"]
    search_fields = ["quote", "event__summary"]
    raw_id_fields = ["event"]
    autocomplete_fields = ["article"]
    actions = ["split_out"]

    @admin.action(
        description="Split the selected citations out into new events of their own",
        permissions=["change"],
    )
    def split_out(self, request, queryset):
        created = [
            split_citation(c, request.user.get_username()) for c in queryset.select_related("event")
        ]
        self.message_user(request, f"{len(created)} new events split out.", messages.SUCCESS)


@admin.register(MergedEvent)
class MergedEventAdmin(admin.ModelAdmin):
    list_display = ["old_id", "into", "start", "event_type", "merged_by", "merged_at"]
    search_fields = ["old_id", "into__summary"]
    readonly_fields = [f.name for f in MergedEvent._meta.fields]

    def has_add_permission(self, request):
        return False


admin.site.site_header = "Conflict timeline — editors"
admin.site.site_title = "Conflict timeline editors"
