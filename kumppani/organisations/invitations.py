"""The page where a coordinator invites a person: to represent an organisation of the
county, or to a role in the county. It lives here, above accounts, because it offers the
county's organisations; accounts keeps the invitations themselves."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.accounts.access import (
    COUNTY_COORDINATOR,
    counties_user_coordinates,
    county_for_inviter,
)
from kumppani.accounts.forms import CountyChoiceForm, InviteForm
from kumppani.accounts.services import invitation_create
from kumppani.core.access import declare, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.languages import translated_ordering
from kumppani.core.submissions import create_from_form, token_from

from .models import Organisation


@declare(COUNTY_COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    """A coordinator invites a representative of an organisation or a county colleague."""
    counties = counties_user_coordinates(request.user)
    county_list = list(counties)
    require(bool(county_list))
    code = (request.POST if request.method == "POST" else request.GET).get("county", "")
    county = county_for_inviter(request.user, code) if code else county_list[0]
    chooser = (
        CountyChoiceForm(initial={"county": county.code}, counties=counties, auto_id="choose_%s")
        if len(county_list) > 1
        else None
    )
    organisations = (
        Organisation.objects.active().in_county(county).order_by(translated_ordering("name"), "id")
    )
    token = token_from(request)
    if request.method == "POST":
        form = InviteForm(request.POST, county=county, organisations=organisations)
        if form.is_valid():
            data = form.cleaned_data
            sent = create_from_form(
                request,
                form,
                token=token,
                create=lambda: invitation_create(
                    actor=Actor.from_request(request),
                    email=data["email"],
                    county=county,
                    county_role=data["county_role"],
                    municipality=data["municipality"],
                    organisation=data["organisation"],
                    title=data["title"],
                    language=data["language"],
                ),
                result_url=lambda invitation: (
                    reverse("accounts:invitations") + "?" + urlencode({"county": county.code})
                ),
                success=_("The invitation has been sent to %(email)s.") % {"email": data["email"]},
            )
            if sent:
                return sent
    else:
        form = InviteForm(county=county, organisations=organisations)
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "chooser": chooser, "county": county, "submission_token": token},
    )
