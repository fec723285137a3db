# The content hash now ignores how whitespace is written (timeline.ingest.files.content_hash);
# stored articles get the new hash. Two stored articles that differ only in whitespace are
# both kept: the one already holding the new hash, else the older, takes it, and the other
# keeps its old hash (merging them would move citations an editor may have checked).

import hashlib
import unicodedata

from django.db import migrations, models


def _normal_hash(text):
    # A frozen copy of timeline.ingest.files.content_hash as it was when this was written.
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def rehash(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    groups = {}
    for pk, raw_text, old in (
        Article.objects.order_by("id").values_list("id", "raw_text", "content_hash").iterator(2000)
    ):
        groups.setdefault(_normal_hash(raw_text), []).append((pk, old))
    changed = []
    for new, rows in groups.items():
        if any(old == new for _, old in rows):
            continue  # its holder keeps it; the others keep their old hashes
        pk, _ = rows[0]
        changed.append(Article(pk=pk, content_hash=new))
    Article.objects.bulk_update(changed, ["content_hash"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_corpus_dating_retries"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="content_hash",
            field=models.CharField(
                help_text="SHA-256 of the decoded text, its whitespace normalised: the natural key that makes re-ingestion idempotent.",
                max_length=64,
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="content_hash",
            field=models.CharField(
                help_text="SHA-256 of the decoded text, its whitespace normalised: the natural key that makes re-ingestion idempotent.",
                max_length=64,
            ),
        ),
        migrations.RunPython(rehash, migrations.RunPython.noop),
    ]
