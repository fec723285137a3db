"""Guards run when a server process starts (wsgi/asgi), not when a management command runs."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_KEY_LENGTH = 50
MIN_KEY_CHARACTERS = 5


def secret_key_problem(key: str) -> str | None:
    """Why a SECRET_KEY cannot sign a production site's sessions, or None (the rule of Django's
    security.W009: 50 characters or more, 5 different ones, not a development key)."""
    if key == settings.INSECURE_DEV_KEY or key.startswith("django-insecure"):
        return "SECRET_KEY is a development key"
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < MIN_KEY_CHARACTERS:
        return (
            f"SECRET_KEY is weak ({len(key)} characters, {len(set(key))} different; at least "
            f"{MIN_KEY_LENGTH} and {MIN_KEY_CHARACTERS} are needed)"
        )
    return None


def refuse_insecure_production() -> None:
    if not settings.DEBUG and (problem := secret_key_problem(settings.SECRET_KEY)):
        raise ImproperlyConfigured(
            f"Refusing to serve with DEBUG off: {problem}. Export SECRET_KEY=<50+ random "
            "characters> for production, or DEBUG=1 for local development."
        )


def warm_up() -> float | None:
    """Serve the chronology's first page once inside this process, before any visitor: the URL
    patterns and templates are loaded and compiled, the database connection is open and the
    first queries planned. Without it the first visitor of each server process waits for all
    that (about 130 ms of a 220 ms first page at a million events, bench/README.md). Returns the
    milliseconds it took, or None when it could not serve the page (no database yet, a new
    checkout): the failure is logged, never raised, as the server must start anyway."""
    import logging
    import time
    from io import BytesIO
    from pathlib import Path

    from django.core.handlers.wsgi import WSGIHandler

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not Path(str(database["NAME"])).exists():
        return None  # nothing to read, and connecting would create an empty file
    host = next(
        (h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "") and "*" not in h),
        "localhost",
    )
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "https",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
        "REMOTE_ADDR": "127.0.0.1",
    }
    statuses = []
    started = time.perf_counter()
    try:
        body = WSGIHandler()(environ, lambda status, headers, *_: statuses.append(status))
        for _ in body:
            pass
        body.close()
    except Exception:  # the server must start whatever the database says
        logging.getLogger(__name__).exception("warming up the chronology failed")
        return None
    if not statuses or not statuses[0].startswith("200"):
        logging.getLogger(__name__).warning("warming up: the chronology answered %s", statuses)
        return None
    return (time.perf_counter() - started) * 1000
