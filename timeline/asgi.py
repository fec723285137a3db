"""ASGI entry point. Refuses to serve production without a real key."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
application = get_asgi_application()

from timeline.startup import refuse_insecure_production  # noqa: E402

refuse_insecure_production()
