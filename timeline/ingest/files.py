"""Article files in, outcomes out: which files a path names, the manifest, bytes to text.

No database. A file on its way through ingestion is a ``Prepared`` item; what became of it is an
``IngestResult``. A file that cannot be read or decoded is an item with ``error`` set, so its
batch reports it with its path and goes on with the others.
"""

import hashlib
import json
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from articles.text.cleaning import CleanText
from articles.text.decoding import DecodeError, decode_bytes
from articles.text.metadata import Metadata
from articles.text.pages import NoArticle, looks_like_html, read_page
from timeline.extraction.document import Extraction

# What a folder's article files are called; other files in it are left alone.
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}
MAX_FILE_BYTES = 5 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be ingested; the message says why."""


class ManifestError(ValueError):
    """A manifest that cannot be used at all; the message names the file and what is wrong."""


@dataclass
class IngestResult:
    source: str
    status: str  # created | reextracted | skipped | failed
    message: str = ""
    article_id: int | None = None
    events_created: int = 0
    events_merged: int = 0
    citations: int = 0
    events_updated: int = 0  # re-extraction: events that took the current extractor's reading
    events_removed: int = 0  # re-extraction: machine events no sentence reports any more
    warnings: list[str] = field(default_factory=list)
    # An article left undated: what corpus dating needs of it (extracting.Undated), so the end
    # of the run need not compute it again.
    undated: object = field(default=None, repr=False, compare=False)


@dataclass
class Prepared:
    """One file's pure part, computed without the database, so in any process.

    ``read`` fills in the text and its hash; ``extracting.extract_text`` the cleaned text, the
    metadata and, when the text says when it was published, the extraction. An article whose
    text gives no year gets what corpus dating needs instead (``undated``): its batch dates it,
    then extracts. ``error`` says why the file cannot be ingested.
    """

    source: str
    manifest: dict | None = None
    error: str = ""
    text: str = ""
    digest: str = ""
    cleaned: CleanText | None = None
    meta: Metadata | None = None
    found: Extraction | None = None
    undated: object = None  # extracting.Undated

    @property
    def extracted(self) -> bool:
        return bool(self.error) or self.found is not None or self.undated is not None


def internal_error(exc: BaseException) -> str:
    return f"internal error ({type(exc).__name__}: {exc})"


def content_hash(text: str) -> str:
    """The article's natural key: the SHA-256 of its decoded text, in Unicode NFC and with every
    run of whitespace one space, so a copy that differs only in a trailing newline, line ends,
    doubled or non-breaking spaces is the same article. (Migration 0005 of articles applies
    this rule to the articles stored before it; change both together.)"""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _too_large(size: int) -> str:
    return (
        f"file is {size / 1048576:.1f} MiB; articles over "
        f"{MAX_FILE_BYTES // 1048576} MiB are refused"
    )


def read(
    data: bytes, *, source_file: str, manifest: dict | None = None, url: str | None = None
) -> Prepared:
    """Decode a file's bytes and hash the text; no database. A web page (a saved .html file,
    or the page at ``url``) is read for its article and what it says about itself
    (articles.text.pages); a manifest entry's fields win over the page's."""
    item = Prepared(source=source_file, manifest=manifest)
    try:
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(_too_large(len(data)))
        text = decode_bytes(data)
        if looks_like_html(text):
            page = read_page(text, url or (manifest or {}).get("url"))
            text, item.manifest = page.text, {**page.fields, **(manifest or {})}
        item.text = text
        item.digest = content_hash(item.text)
    except (DecodeError, IngestError, NoArticle) as exc:
        item.error = str(exc)
    return item


def read_file(path: Path, manifest: dict | None = None) -> Prepared:
    """``read`` of a file on disk; a file that cannot be opened is an item with its error.

    Only a regular file is opened (a FIFO or a device would block or never end), and its size
    is checked before a byte is read.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            error = "not a regular file (a pipe, device or socket is not an article)"
            return Prepared(source=path.name, manifest=manifest, error=error)
        if info.st_size > MAX_FILE_BYTES:
            return Prepared(source=path.name, manifest=manifest, error=_too_large(info.st_size))
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # the file may have grown since
    except OSError as exc:
        return Prepared(source=path.name, manifest=manifest, error=f"cannot read: {exc.strerror}")
    return read(data, source_file=path.name, manifest=manifest)


def collect(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The article files the paths name (a folder's in name order), and the paths that do not exist."""
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    # not only regular files: a pipe or a device is reported, not skipped
                    if not p.is_dir()
                    and not p.name.startswith(".")
                    and p.suffix.lower() in ARTICLE_SUFFIXES
                )
            )
        elif path.exists():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def read_manifest(path: Path) -> dict[str, dict]:
    """The manifest's entries by file name (a JSON list of {"file", "url", "outlet", …}).

    Raises ManifestError when the file cannot be read or is not such a list, so that nothing is
    ingested under a manifest that was meant but not understood. The values of an entry are
    checked where they are used: a bad date fails that file only.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read manifest: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: manifest is not valid JSON: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise ManifestError(f"{path}: manifest must be a JSON list of objects")
    entries: dict[str, dict] = {}
    for index, entry in enumerate(data):
        name = Path(str(entry.get("file") or "")).name
        if not name:
            raise ManifestError(f'{path}: entry {index} has no "file"')
        entries[name] = entry
    return entries
