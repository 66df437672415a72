"""The front page, the health check, and the error pages."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.http import require_GET

from . import api
from .access import public
from .parameters import InvalidCharacters

# The last resort when even the error page cannot be rendered.
_PLAIN_ERROR = (
    '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Virhe – Fel – '
    'Error</title></head><body><main><h1>Virhe – Fel – Error</h1><p lang="fi">Palvelussa '
    'tapahtui virhe. Yritä hetken päästä uudelleen.</p><p lang="sv">Ett fel inträffade. '
    'Försök igen om en stund.</p><p lang="en">Something went wrong. Try again in a moment.'
    "</p></main></body></html>"
)


@public
@require_GET
def front(request: HttpRequest) -> HttpResponse:
    return render(request, "core/front.html")


@public
@require_GET
def root(request: HttpRequest) -> HttpResponse:
    """Serve the front page at / in the language the browser asks for."""
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(request, "core/front.html")
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


@public
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 when the database answers; for load balancers and `make run`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# --- error pages (handler400, handler403, handler404 and handler500 in kumppani.urls) -----


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 in the site's layout and the reader's language; JSON under /api/."""
    if api.is_api_request(request):
        return api.not_found(request)
    return render(request, "errors/404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if api.is_api_request(request):
        return api.api_error(403)
    return render(request, "errors/403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 in the site's layout (JSON under /api/); a request refused for its characters
    is told so."""
    detail = str(exception) if isinstance(exception, InvalidCharacters) else ""
    if api.is_api_request(request):
        return api.api_error(400, detail)
    return _render_without_request(
        request, "errors/400.html", status=400, context={"detail": detail}
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the site's layout, rendered without the request's user or the database: the
    error may lie in either. JSON under /api/."""
    if api.is_api_request(request):
        return api.api_error(500)
    return _render_without_request(request, "errors/500.html", status=500)


def _render_without_request(
    request: HttpRequest, template: str, *, status: int, context: dict[str, str] | None = None
) -> HttpResponse:
    """Render an error page from the template alone (no context processors, no session, no
    user), in the language of the address or the browser."""
    html: str
    try:
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            html = loader.render_to_string(template, context)
    except Exception:  # the error page must answer whatever went wrong
        html = _PLAIN_ERROR
    return HttpResponse(html, status=status)
