"""Ingestion: article files in, Articles with dated, cited events out.

Plain functions that a management command, a test, a task or the admin can call. A file goes
through these modules, each with one job:

- ``files``: which files a path names, the manifest, bytes to text (a web page read for its
  article, articles.text.pages) and its natural key (the SHA-256 of the text), and the outcome
  of each file (``IngestResult``);
- ``fetching``: the page at a URL, refusing private and loopback addresses, within bounds;
- ``extracting``: the pure part of a file (clean, date from the text, extract event drafts),
  without the database, so it can run in other processes;
- ``pool``: worker processes for that, and ``ingest_files``, the loop of batches the ingest
  command runs;
- ``batches``: one batch of read files, planned together and written in one transaction; a file
  that fails costs only itself;
- ``merging``: the one matcher, which decides which event each draft reports (an existing one,
  the survivor of an editor's merge, or a new one) and plans citations, actors and places;
- ``writing``: stores a plan with a fixed number of queries (COPY on PostgreSQL), with the change
  history, the search text and the aggregates dropped on commit;
- ``dating``: publication dates from the corpus for articles whose text gives no year;
- ``reextraction``: the current extractor over stored articles, under the ownership rules that
  keep every editor's correction, applied through the same matcher.
"""

from timeline.ingest.batches import ingest_batch, ingest_bytes, ingest_url, stored_texts
from timeline.ingest.dating import date_from_corpus, redate_undated_articles
from timeline.ingest.extracting import extract_text, gazetteer_path, load_gazetteer
from timeline.ingest.files import (
    IngestError,
    IngestResult,
    ManifestError,
    Prepared,
    collect,
    content_hash,
    read,
    read_file,
    read_manifest,
)
from timeline.ingest.pool import ExtractionPool, ingest_files
from timeline.ingest.reextraction import ownership, reextract_article

__all__ = [
    "ExtractionPool",
    "IngestError",
    "IngestResult",
    "ManifestError",
    "Prepared",
    "collect",
    "content_hash",
    "date_from_corpus",
    "extract_text",
    "gazetteer_path",
    "ingest_batch",
    "ingest_bytes",
    "ingest_files",
    "ingest_url",
    "load_gazetteer",
    "ownership",
    "read",
    "read_file",
    "read_manifest",
    "redate_undated_articles",
    "reextract_article",
    "stored_texts",
]
