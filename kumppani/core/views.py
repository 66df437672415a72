"""The front page and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from .access import public


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
