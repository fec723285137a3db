"""Optional login wall for the public chronology (settings.CHRONOLOGY_LOGIN_REQUIRED)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login


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
