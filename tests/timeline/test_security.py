"""Deployment checks, security headers and the admin login throttle."""

import os
import subprocess
import sys

import pytest
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


def test_admin_login_is_throttled_after_repeated_failures(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    User.objects.create_user("editor", password="the right password 1", is_staff=True)
    for _ in range(3):
        response = client.post(LOGIN, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the login form again, with an error
    locked = client.post(LOGIN, {"username": "editor", "password": "the right password 1"})
    assert locked.status_code == 429 and "Too many failed logins" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    # Another address trying another name is not locked out.
    other = client.post(LOGIN, {"username": "someone", "password": "x"}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200


def test_a_successful_login_clears_the_name_count(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    User.objects.create_user("editor", password="the right password 1", is_staff=True)
    for _ in range(2):
        client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert (
        client.post(LOGIN, {"username": "editor", "password": "the right password 1"}).status_code
        == 302
    )
    client.logout()
    # From another address: had the name's two failures stayed, the second try here would be
    # its fourth failure and locked out.
    for _ in range(2):
        response = client.post(
            LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.2"
        )
        assert response.status_code == 200
