"""Front page, personal dashboard and the county audit log."""

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from kumppani.accounts.selectors import county_roles_for, organisations_represented_by

from .access import public, signed_in
from .selectors import audit_events_visible_to


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


@signed_in
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "core/dashboard.html",
        {
            "county_roles": county_roles_for(user),  # type: ignore[arg-type]
            "organisation_roles": organisations_represented_by(user),  # type: ignore[arg-type]
        },
    )


@signed_in
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Coordinators read their county's audit events, newest first."""
    events = audit_events_visible_to(request.user)  # type: ignore[arg-type]
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "action": action})
