"""Create the "Editors" group with exactly what an editor needs.

Editors correct the chronology: they change events, citations, actors, places and articles'
metadata, add aliases, and may delete noise events and citations (merging removes the losers).
They never touch users, groups or permissions, and they do not delete articles or outlets
(sources are evidence; removing one is an administrator's decision).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "timeline": {
        "event": ["view", "add", "change", "delete"],
        "eventactor": ["view", "add", "change", "delete"],
        "citation": ["view", "add", "change", "delete"],
        "actor": ["view", "add", "change"],
        "actoralias": ["view", "add", "change", "delete"],
        "place": ["view", "add", "change"],
        "placealias": ["view", "add", "change", "delete"],
    },
    "articles": {
        "article": ["view", "change"],
        "outlet": ["view", "add", "change"],
    },
}


def create_editors(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    for app_label in EDITOR_PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]
    group.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
