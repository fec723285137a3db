"""The source side: outlets and the articles ingested from them.

Nothing here knows about events; `timeline` points at articles, never the other way.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from articles.dates import validate_date_in_range


class Outlet(models.Model):
    name = models.CharField(
        max_length=120, unique=True, help_text="Short canonical name, e.g. TASS."
    )
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet):
    def needing_attention(self):
        return self.filter(
            published_source__in=[Article.DateSource.INFERRED, Article.DateSource.UNKNOWN]
        )


class Article(models.Model):
    class DateSource(models.TextChoices):
        MANIFEST = "manifest", "manifest"
        TEXT = "text", "stated in the text"
        INFERRED = "inferred", "inferred"
        UNKNOWN = "unknown", "unknown"

    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    title = models.CharField(max_length=500, blank=True)
    dateline_place = models.CharField(max_length=120, blank=True)
    published = models.DateField(
        null=True,
        blank=True,
        help_text="Publication date. Empty when it could not be established.",
        validators=[validate_date_in_range],
    )
    published_source = models.CharField(
        max_length=10,
        choices=DateSource,
        default=DateSource.UNKNOWN,
        help_text="How the publication date was obtained. An editor's correction counts as manifest.",
    )
    published_confidence = models.FloatField(default=0.0)
    published_reasoning = models.TextField(blank=True)
    url = models.URLField(max_length=1000, blank=True)
    language = models.CharField(max_length=12, default="en")
    raw_text = models.TextField(help_text="The decoded file as it arrived.")
    body = models.TextField(help_text="Cleaned text; citation offsets point into it.")
    content_hash = models.CharField(
        max_length=64,
        help_text="SHA-256 of the decoded text, its whitespace normalised: the natural key that "
        "makes re-ingestion idempotent.",
    )
    source_file = models.CharField(max_length=255, help_text="Base name of the ingested file.")
    ingested_at = models.DateTimeField(auto_now_add=True)
    # An undated article with no events is tried again after later ingests, in case the reports
    # its relative dates line up with have arrived; these two fields keep that bounded.
    may_date_from_corpus = models.BooleanField(
        default=True,
        db_default=True,  # for the rows COPY writes (generate_corpus) without it
        help_text="Undated, and later reports could still date it: it names something to look "
        "events up by and has relative dates. Cleared when it has neither, so it is not re-read.",
    )
    corpus_dating_tried = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When corpus dating last tried this undated article; the least recently "
        "tried go first.",
    )

    objects = ArticleQuerySet.as_manager()
    # The texts never change after ingestion; keeping them out keeps the history small. Corpus
    # dating's bookkeeping is no edit.
    history = HistoricalRecords(
        excluded_fields=["raw_text", "body", "may_date_from_corpus", "corpus_dating_tried"]
    )

    class Meta:
        ordering = ["-published", "id"]
        constraints = [
            # Serves the upsert in ingestion: one row per distinct text, whoever ingests it.
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_unique"),
            # Confidence is a probability-like score shown to editors; keep it in [0, 1].
            models.CheckConstraint(
                condition=models.Q(published_confidence__gte=0, published_confidence__lte=1),
                name="article_published_confidence_0_1",
            ),
        ]
        indexes = [
            # Serves "the undated articles corpus dating may retry, least recently tried first".
            models.Index(
                "corpus_dating_tried",
                "id",
                condition=models.Q(published__isnull=True, may_date_from_corpus=True),
                name="article_redate_idx",
            ),
            # Serves the outlet facet and "articles of this outlet, newest first".
            models.Index(fields=["outlet", "published"], name="article_outlet_published_idx"),
            # Serves "which outlet published article N" without reading the (wide) article row:
            # counting outlets over many citations is an index-only scan.
            models.Index(fields=["id", "outlet"], name="article_id_outlet_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.source_file

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.pk])

    @property
    def published_is_inferred(self) -> bool:
        return self.published_source in {self.DateSource.INFERRED, self.DateSource.UNKNOWN}
