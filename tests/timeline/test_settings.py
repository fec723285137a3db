import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from timeline.settings import BASE_DIR, database_from_url


def test_postgres_url_uses_psycopg_with_a_pool():
    config = database_from_url("postgres://user:p%40ss@db.example:5433/timeline")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "user",
        "p@ss",
        "db.example",
        "5433",
        "timeline",
    )
    assert config["OPTIONS"]["pool"]["max_size"] >= 1


def test_pool_can_be_turned_off_and_sqlite_urls_work():
    assert "pool" not in database_from_url("postgres://u@h/db?pool=0")["OPTIONS"]
    sqlite = database_from_url("sqlite:////tmp/x.sqlite3")
    assert (sqlite["ENGINE"], sqlite["NAME"]) == ("django.db.backends.sqlite3", "/tmp/x.sqlite3")
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://u@h/db")


def _run(code: str, **env) -> subprocess.CompletedProcess:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "PYTEST_CURRENT_TEST"}
    }
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean_env, capture_output=True, text=True
    )


def test_production_server_refuses_to_start_without_a_secret_key():
    result = _run("import timeline.wsgi")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    assert _run("import timeline.wsgi", SECRET_KEY=STRONG_KEY, HTTPS_OFF="1").returncode == 0
    assert _run("import timeline.wsgi", DEBUG="1").returncode == 0


STRONG_KEY = "q8Zt-3vNw!pLx0rKm7bYc2Hs9uEj4aGd6fTi1oWe5yRn-hVz8k"


@pytest.mark.parametrize("key", ["short", "x" * 60, "django-insecure-" + STRONG_KEY])
def test_production_server_refuses_a_weak_secret_key(key):
    result = _run("import timeline.wsgi", SECRET_KEY=key, HTTPS_OFF="1")
    assert result.returncode != 0 and "SECRET_KEY is" in result.stderr


def _setting(name, **env):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='timeline.settings'; "
        f"from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))"
    )
    return _run(code, SECRET_KEY=STRONG_KEY, **env).stdout.strip()


def test_the_forwarded_protocol_is_believed_only_behind_a_trusted_proxy():
    assert _setting("SECURE_PROXY_SSL_HEADER") == "None"
    assert _setting("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXIES="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_hsts_for_subdomains_and_preloading_are_opt_in():
    assert _setting("SECURE_HSTS_SECONDS") == "31536000"
    assert _setting("SECURE_HSTS_INCLUDE_SUBDOMAINS") == "False"
    assert _setting("SECURE_HSTS_PRELOAD") == "False"
    assert _setting("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="1") == "True"


def test_debug_is_off_unless_the_environment_says_so():
    result = _run(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='timeline.settings'; "
        "from django.conf import settings; print(settings.DEBUG)"
    )
    assert result.stdout.strip() == "False"
