from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kumppani.core.access import public, signed_in

from .models import Organisation


@public
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/list.html", {"organisations": Organisation.objects.all()})


@public
def organisation_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = get_object_or_404(Organisation, public_id=public_id)
    return render(request, "organisations/detail.html", {"organisation": organisation})


@signed_in
def organisation_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = get_object_or_404(Organisation, public_id=public_id)
    return render(request, "organisations/detail.html", {"organisation": organisation})
