"""WSGI entry point (gunicorn timeline.wsgi). Refuses to serve production without a real key, and
serves the chronology's first page once before any visitor (startup.warm_up)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
application = get_wsgi_application()

from timeline.startup import refuse_insecure_production, warm_up  # noqa: E402

refuse_insecure_production()
if not settings.DEBUG:
    warm_up()
