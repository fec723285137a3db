"""Editors may read the change history of what they edit.

django-simple-history's admin only needs the models' own view permission by default; granting
the historical models' view permission too keeps the history readable for editors should
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS be turned on. History rows are written by the
application, never by hand, so editors get no add/change/delete on them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HISTORY_PERMISSIONS = {
    "timeline": ["view_historicalevent", "view_historicalactor", "view_historicalcitation"],
    "articles": ["view_historicalarticle"],
}


def grant(apps, schema_editor):
    for app_label in HISTORY_PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codenames in HISTORY_PERMISSIONS.items()
            for codename in codenames
        ]
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [c for codenames in HISTORY_PERMISSIONS.values() for c in codenames]
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0007_history"),
        ("articles", "0002_article_history"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
