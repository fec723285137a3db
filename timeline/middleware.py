"""Request guards: NUL bytes refused; the optional login wall for the public chronology
(settings.CHRONOLOGY_LOGIN_REQUIRED)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest


class RefuseNulBytesMiddleware:
    """A NUL byte in the path, a query parameter or a form field is a 400.

    No text in this application holds one, PostgreSQL's text cannot store or compare one, and an
    admin filter, search or autocomplete passing it on would fail with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = [request.GET]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            fields.append(request.POST)  # uploaded files are not looked at
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in data.getlist(key))
            for data in fields
            for key in data
        ):
            return HttpResponseBadRequest(
                "Invalid request: NUL bytes (%00) are not allowed.\n", content_type="text/plain"
            )
        return self.get_response(request)


class LoginRequiredForChronologyMiddleware:
    """When CHRONOLOGY_LOGIN_REQUIRED is on, every page but the admin and static files needs a login.

    The admin has its own login; static files are served by WhiteNoise before this runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.CHRONOLOGY_LOGIN_REQUIRED
            and not request.user.is_authenticated
            and not request.path.startswith("/admin/")
        ):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
