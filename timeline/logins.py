"""How django-axes reads an admin login (settings AXES_*): the name it counts failures under,
and the answer to a locked-out pair of name and address."""

import unicodedata

from django.conf import settings
from django.http import HttpResponse


def login_name(request, credentials: dict | None) -> str:
    """The name as Django's login form reads it before looking the user up: stripped of
    surrounding whitespace and in NFKC ("ｅｄ" and "ᵉd" are "ed"), so that a variant that logs
    in as the same user counts against the same limit."""
    name = (credentials or {}).get("username") or request.POST.get("username") or ""
    return unicodedata.normalize("NFKC", str(name).strip())


def locked_out(request, credentials: dict | None, *args, **kwargs) -> HttpResponse:
    minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
    response = HttpResponse(
        f"Too many failed logins for this name from this address. Try again in {minutes} minutes.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(settings.LOGIN_LOCKOUT_SECONDS)
    return response
