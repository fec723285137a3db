"""What the browser tests share: the editor's password and group, logging in, the screenshots
folder."""

import importlib
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"

PASSWORD = "correct horse battery staple"


def editors_group() -> Group:
    """The Editors group as the data migrations make it (a transactional test flushes it away)."""
    group, _ = Group.objects.get_or_create(name="Editors")
    wanted = []
    base = importlib.import_module("timeline.migrations.0002_editors_group")
    for app_label, models in base.EDITOR_PERMISSIONS.items():
        for model, actions in models.items():
            wanted += [(app_label, f"{action}_{model}") for action in actions]
    wanted.append(("timeline", "view_mergedevent"))
    history = importlib.import_module("timeline.migrations.0008_editors_see_history")
    wanted += [(app, c) for app, codes in history.HISTORY_PERMISSIONS.items() for c in codes]
    adding = importlib.import_module("timeline.migrations.0026_editors_add_reports")
    wanted += [("timeline", codename) for codename in adding.CODENAMES]
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in wanted
    )
    return group


def log_in(page, live_server) -> None:
    page.goto(live_server.url + "/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", "maria")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
