"""Once the GiST index of the periods of the events lasting more than a day (PostgreSQL);
replaced by migration 0019's two parts, so a fresh database no longer builds it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("timeline", "0014_event_actor_ids")]

    operations = []
