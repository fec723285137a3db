"""System checks that catch a misconfigured deployment before it serves a request."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from timeline.startup import secret_key_problem


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if problem := secret_key_problem(settings.SECRET_KEY):
        return [
            Error(
                f"{problem}: the server refuses to start with it (timeline/startup.py).",
                hint="Export SECRET_KEY with 50+ random characters before serving in production.",
                id="timeline.E001",
            )
        ]
    return []
