"""Guards run when a server process starts (wsgi/asgi), not when a management command runs."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_production() -> None:
    if not settings.DEBUG and settings.SECRET_KEY == settings.INSECURE_DEV_KEY:
        raise ImproperlyConfigured(
            "Refusing to serve with DEBUG off and no SECRET_KEY. Export SECRET_KEY=<50+ random "
            "characters> for production, or DEBUG=1 for local development."
        )
