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
