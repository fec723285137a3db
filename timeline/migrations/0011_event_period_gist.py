"""Once a GiST index on every event's period (PostgreSQL); replaced by the indexes of the long
events' periods (migration 0019), so a fresh database no longer builds it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("timeline", "0010_event_sample")]

    operations = []
