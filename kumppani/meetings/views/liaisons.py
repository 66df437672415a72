"""The liaison roster: the coordinator's roster of a municipality and the county's
coverage, and the public "contact your municipality's liaison" page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.core.access import declare, first_or_404, public, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors
from kumppani.core.models import Municipality
from kumppani.core.selectors import municipality_name
from kumppani.core.submissions import create_from_form, new_token

from .. import access
from ..memo_forms import LiaisonContactForm, LiaisonForm
from ..models import LiaisonPerson, LiaisonRole
from ..services import liaisons as services


def _roster_municipality(request: HttpRequest, code: str) -> Municipality:
    return first_or_404(access.roster_municipalities(request.user), code=code)


@declare(access.ROSTER)
@signed_in
@require_http_methods(["GET", "POST"])
def liaison_roster(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's liaison persons, a form to add one, and the yearly confirmation."""
    municipality = _roster_municipality(request, code)
    form = LiaisonForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        sent = create_from_form(
            request,
            form,
            create=lambda: services.liaison_create(
                municipality=municipality, actor=Actor.from_request(request), **fields
            ),
            result_url=lambda _person: request.path,
            success=_("The liaison person was added."),
        )
        if sent:
            return sent
    persons = list(
        LiaisonPerson.objects.filter(municipality=municipality)
        .select_related("paired_with")
        .order_by("-is_active", "role", "name", "id")
    )
    return render(
        request,
        "meetings/liaison_roster.html",
        {
            "municipality": municipality,
            "municipality_name": municipality_name(municipality),
            "persons": persons,
            "form": form,
            "submission_token": new_token(),
            "year": timezone.localdate().year,
        },
    )


@declare(access.ROSTER)
@signed_in
@require_http_methods(["GET", "POST"])
def liaison_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = first_or_404(
        LiaisonPerson.objects.select_related("municipality__county"),
        pk=pk,
        municipality__in=access.roster_municipalities(request.user),
    )
    municipality = person.municipality
    form = LiaisonForm(
        request.POST or None,
        instance=LiaisonPerson.objects.get(pk=person.pk),
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.liaison_update(person=person, actor=Actor.from_request(request), **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The liaison person was saved."))
            return redirect("meetings:liaison_roster", code=municipality.code)
    return render(
        request,
        "meetings/liaison_edit.html",
        {
            "person": person,
            "municipality": municipality,
            "municipality_name": municipality_name(municipality),
            "form": form,
        },
    )


@declare(access.ROSTER)
@signed_in
@require_POST
def liaison_confirm(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _roster_municipality(request, code)
    services.roster_confirm(
        municipality=municipality,
        year=timezone.localdate().year,
        actor=Actor.from_request(request),
    )
    messages.success(request, _("The roster was confirmed for this year."))
    return redirect("meetings:liaison_roster", code=municipality.code)


@declare(access.ROSTER)
@signed_in
@require_GET
def liaison_coverage(request: HttpRequest, code: str) -> HttpResponse:
    """The county's municipalities: how many NGO and health promotion liaisons each has,
    and whether its roster is confirmed for this year (in a fixed number of queries)."""
    county = first_or_404(access.roster_counties(request.user), code=code)
    year = timezone.localdate().year
    active = Q(liaison_persons__is_active=True)
    rows = list(
        Municipality.objects.filter(county=county)
        .annotate(
            ngo_count=Count(
                "liaison_persons", filter=active & Q(liaison_persons__role=LiaisonRole.NGO)
            ),
            hyte_count=Count(
                "liaison_persons", filter=active & Q(liaison_persons__role=LiaisonRole.HYTE)
            ),
            unconfirmed=Count(
                "liaison_persons",
                filter=active
                & (
                    Q(liaison_persons__confirmed_year__isnull=True)
                    | ~Q(liaison_persons__confirmed_year=year)
                ),
            ),
        )
        .order_by("name", "id")
    )
    for row in rows:
        row.display_name = municipality_name(row)  # type: ignore[attr-defined]
        row.confirmed = row.ngo_count + row.hyte_count > 0 and row.unconfirmed == 0  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/liaison_coverage.html",
        {
            "county": county,
            "year": year,
            "rows": rows,
            "without_ngo": [row for row in rows if row.ngo_count == 0],
            "not_confirmed": [row for row in rows if not row.confirmed],  # type: ignore[attr-defined]
        },
    )


def public_liaisons(municipality: Municipality) -> list[LiaisonPerson]:
    """The municipality's active liaison persons as the public sees them (contact details
    only for those who agreed)."""
    return list(
        LiaisonPerson.objects.filter(municipality=municipality, is_active=True)
        .select_related("paired_with")
        .order_by("role", "name", "id")
    )


@public
@require_GET
def liaison_contact(request: HttpRequest) -> HttpResponse:
    """Choose a municipality and see its NGO liaison persons and their health promotion
    pairs; name, email and phone only of those who agreed to publish them."""
    form = LiaisonContactForm(request.GET or None)
    municipality = form.cleaned_data.get("municipality") if form.is_valid() else None
    return render(
        request,
        "meetings/liaison_contact.html",
        {
            "form": form,
            "municipality": municipality,
            "municipality_name": municipality_name(municipality) if municipality else "",
            "persons": public_liaisons(municipality) if municipality else [],
        },
    )
