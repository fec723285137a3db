"""The sample index of the events that last more than a day: declared on the model
(Event.Meta.indexes) and created with the columns it covers, by migration 0018.

A date range's facet sample walks, besides each month of the range, the events that began
before it and are still going on (facets._month_walks). Only events whose last day is after
their first can be such events, a fifth of a generated corpus; walking
event_sample_visible_idx for them met four entries of other events for each one of theirs.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("timeline", "0015_event_long_period_gist")]

    operations = []
