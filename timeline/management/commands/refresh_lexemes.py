"""Give the corpus's common words a bit on every event row (timeline/search/vocabulary.py).

A facet sample of a view searching for a common word tests the word from the sample index
through these bits. generate_corpus runs this itself; run it after a large import, or from cron
with refresh_aggregates. Bits once given are kept; the command only adds words while bits are
free. PostgreSQL only: elsewhere it does nothing.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from timeline.search.vocabulary import (
    MIN_SHARE,
    SURVEY,
    VOCABULARY_SIZE,
    refresh_lexemes,
    vocabulary,
)


class Command(BaseCommand):
    help = "Add the corpus's common words to the vocabulary the events carry as bits."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--min-share",
            type=float,
            default=MIN_SHARE,
            help=f"Least share of events a word must be in (default {MIN_SHARE}).",
        )
        parser.add_argument(
            "--survey",
            type=int,
            default=SURVEY,
            help=f"Events read to find the common words (default {SURVEY:,}).",
        )

    def handle(self, *args, min_share: float, survey: int, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("nothing to do: the vocabulary bits are PostgreSQL's")
            return
        started = time.perf_counter()
        added = refresh_lexemes(min_share=min_share, survey=survey)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{len(added)} words added ({', '.join(added) or 'none'}); "
            f"{len(vocabulary())} of {VOCABULARY_SIZE} bits given ({elapsed:.1f} s)"
        )
