"""Editors may add reports from the browser (the "Add reports" page) and follow what became of
them: they add and view submissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_submission", "view_submission"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("timeline")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="timeline", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="timeline", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("timeline", "0025_submissions")]

    operations = [migrations.RunPython(grant, revoke)]
