"""Count the unfiltered chronology exactly and store it (timeline.search.Stored).

Any write drops the stored aggregates; until they are back, the chronology estimates its
unfiltered facets from a sample. Run this after bulk loads that bypass the ORM's signals, or
from cron after editing sessions on a large chronology.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from timeline.search import Stored


class Command(BaseCommand):
    help = "Count the unfiltered chronology's facets and histogram exactly and store them."

    def handle(self, *args, **options):
        started = time.perf_counter()
        if not Stored.refresh():
            raise CommandError("The events changed while they were being counted; run it again.")
        self.stdout.write(f"aggregates stored ({time.perf_counter() - started:.1f} s)")
