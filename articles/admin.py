"""Outlets and articles in the admin: metadata, and the publication date editors correct."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article, Outlet


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
class ArticleAdmin(SimpleHistoryAdmin):
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
