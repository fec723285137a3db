"""System checks that catch a misconfigured deployment before it serves a request."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.INSECURE_DEV_KEY:
        return [
            Error(
                "SECRET_KEY is the built-in development key.",
                hint="Export SECRET_KEY with 50+ random characters before serving in production.",
                id="timeline.E001",
            )
        ]
    return []
