"""Deployment checks, security headers and the admin login's brute-force protection."""

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse

from timeline.settings import BASE_DIR

LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


# Set by the test run (the browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE); a
# production process never has them.
TEST_ONLY = {"DEBUG", "PYTEST_CURRENT_TEST", "HTTPS_OFF", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def production_env(*drop: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in TEST_ONLY | set(drop)}


def test_check_deploy_is_clean_under_production_settings():
    env = production_env()
    env.update(
        SECRET_KEY="k" * 32 + "-production-secret-" + "x" * 20, ALLOWED_HOSTS="timeline.example.org"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_development_key():
    env = production_env("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "timeline.E001" in result.stderr + result.stdout


def test_pages_send_security_headers(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in policy
        and "frame-ancestors 'none'" in policy
        and "object-src 'none'" in policy
    )
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def fail(client, name="editor", address="10.0.0.1", times=1, **extra):
    for _ in range(times):
        response = client.post(
            LOGIN, {"username": name, "password": "wrong"}, REMOTE_ADDR=address, **extra
        )
        assert response.status_code in (200, 429)
    return response


def log_in(client, name="editor", address="10.0.0.1", **extra):
    return client.post(
        LOGIN, {"username": name, "password": "the right password 1"}, REMOTE_ADDR=address, **extra
    )


@pytest.fixture
def editor(db, settings):
    settings.LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 3
    return User.objects.create_user("editor", password="the right password 1", is_staff=True)


def test_admin_login_is_locked_after_repeated_failures_of_a_name_from_an_address(client, editor):
    assert fail(client, times=2).status_code == 200  # the login form again, with an error
    assert fail(client).status_code == 429  # the limit is reached
    locked = log_in(client)
    assert locked.status_code == 429 and "Too many failed logins" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    # The failures are in the database, which every server process reads.
    assert AccessAttempt.objects.get(username="editor").failures_since_start >= 3


def test_failures_from_other_addresses_never_lock_the_real_editor_out(client, editor):
    for n in range(10):
        fail(client, address=f"203.0.113.{n}", times=3)
    assert log_in(client, address="10.0.0.1").status_code == 302


@pytest.mark.parametrize("variant", [" editor", "editor ", "ｅｄｉｔｏｒ", "\u1d49ditor"])
def test_a_variant_of_a_locked_name_is_locked_too(client, editor, variant):
    import unicodedata

    assert unicodedata.normalize("NFKC", variant.strip()) == "editor"
    fail(client, times=3)
    assert log_in(client, name=variant).status_code == 429


def test_a_variant_of_the_name_counts_against_the_same_limit(client, editor):
    fail(client, name=" editor")
    fail(client, name="ｅｄｉｔｏｒ")
    fail(client, name="editor ")
    assert log_in(client).status_code == 429


def test_logins_refused_by_csrf_do_not_count(editor):
    from django.test import Client

    hostile = Client(enforce_csrf_checks=True)
    for _ in range(10):
        response = hostile.post(
            LOGIN, {"username": "editor", "password": "x"}, REMOTE_ADDR="10.0.0.1"
        )
        assert response.status_code == 403
    assert not AccessAttempt.objects.exists()
    assert log_in(Client()).status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_count(client, editor, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    proxy = "10.0.0.254"
    fail(client, address=proxy, times=3, HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.254")
    assert (
        log_in(client, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.8, 10.0.0.254").status_code
        == 302
    )
    client.logout()
    assert (
        log_in(client, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.254").status_code
        == 429
    )


def test_a_successful_login_clears_the_count(client, editor):
    fail(client, times=2)
    assert log_in(client).status_code == 302
    client.logout()
    fail(client, times=2)  # had the first two stayed, this would be the fourth failure
    assert log_in(client).status_code == 302
