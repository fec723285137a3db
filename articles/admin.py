"""Outlets and articles in the admin: metadata, and the publication date editors correct."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article, Outlet

ADMIN_LOG_SHOWN = 100


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page also lists the admin's log of the object (roles
    and citations changed through the inlines, merges, rejections), and answers an id that is
    no id ("abc") with a 404, as the change page does, rather than a 500. The base of every
    admin with a history (templates/simple_history/object_history.html)."""

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(object_id)
        except ValidationError:
            raise Http404(
                f"No {self.model._meta.verbose_name} with the id {object_id!r}."
            ) from None
        # Below the versions: what editors did in the admin, as Recent actions records it, with
        # what the versions cannot show (an inline's changes, a role or a citation; a merge).
        admin_log = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=str(object_id),
            )
            .select_related("user")
            .order_by("-action_time")[:ADMIN_LOG_SHOWN]
        )
        context = {"admin_log": admin_log, **(extra_context or {})}
        return super().history_view(request, object_id, context)


class DateNeedsAttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("date", "publication date inferred or unknown")]

    def queryset(self, request, queryset):
        if self.value() == "date":
            return queryset.needing_attention()
        return queryset


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published",
        "published_source",
        "published_confidence",
        "source_file",
    ]
    list_filter = [DateNeedsAttentionFilter, "published_source", "outlet", "language"]
    search_fields = ["title", "source_file", "body"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "source_file", "ingested_at", "raw_text", "body"]
    fieldsets = [
        (None, {"fields": ["title", "outlet", "url", "language", "dateline_place"]}),
        (
            "Publication date",
            {
                "fields": [
                    "published",
                    "published_source",
                    "published_confidence",
                    "published_reasoning",
                ]
            },
        ),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": ["source_file", "content_hash", "ingested_at", "body", "raw_text"],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        # An editor's date is a fact from outside the text, like a manifest's.
        if "published" in form.changed_data and obj.published is not None:
            obj.published_source = Article.DateSource.MANIFEST
            obj.published_confidence = 1.0
            obj.published_reasoning = f"Set by editor {request.user.get_username()}."
        super().save_model(request, obj, form, change)
