"""Brute-force protection for the admin login: too many failures lock out an address and a name.

Counts failed POSTs to the admin login per client address and per username in the cache
(settings.CACHES; use a shared cache such as Redis when several server processes run). After
LOGIN_FAILURE_LIMIT failures within LOGIN_LOCKOUT_SECONDS, further attempts get HTTP 429 until
the window passes; a successful login clears the username's count.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse


def _key(kind: str, value: str) -> str:
    return (
        "login-fail:"
        + kind
        + ":"
        + hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]
    )


class AdminLoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        limit = settings.LOGIN_FAILURE_LIMIT
        window = settings.LOGIN_LOCKOUT_SECONDS
        keys = [
            _key("addr", request.META.get("REMOTE_ADDR", "")),
            _key("user", request.POST.get("username", "").lower()),
        ]
        if any(cache.get(key, 0) >= limit for key in keys):
            response = HttpResponse(
                f"Too many failed logins. Try again in {window // 60} minutes.",
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(window)
            return response
        response = self.get_response(request)
        if response.status_code == 302:  # the admin redirects on success
            cache.delete(keys[1])
        else:
            for key in keys:
                cache.add(key, 0, window)
                cache.incr(key)
        return response
