"""WSGI entry point (gunicorn timeline.wsgi). Refuses to serve production without a real key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
application = get_wsgi_application()

from timeline.startup import refuse_insecure_production  # noqa: E402

refuse_insecure_production()
