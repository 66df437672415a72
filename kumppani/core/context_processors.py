from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Expose the few settings templates need."""
    return {"SITE_URL": settings.SITE_URL, "DEBUG": settings.DEBUG}
