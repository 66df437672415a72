"""A professional's list of activities for a client: add from the results and the activity
page, reorder and remove, print, download as a PDF and email to the client.

The list is kept in the session (`catalogue.client_list`); the forms that change it are
plain POST forms that send the user back to where they were.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kumppani.accounts.roles import roles_of
from kumppani.core.access import public, signed_in
from kumppani.core.actor import Actor
from kumppani.core.documents import pdf_response, render_pdf
from kumppani.core.languages import current_language
from kumppani.core.submissions import new_token, submit_once, token_from

from .. import client_list, selectors
from ..forms import ClientListOptionsForm, ClientListSendForm
from ..models import Service
from ..services.client_list import client_list_send

MOVES = {"up": -1, "down": 1}


def _services(request: HttpRequest) -> list[Service]:
    """The visible activities on the list, in its order (hidden or archived ones left out)."""
    return selectors.services_for_print(client_list.entries(request.session))


def _options(request: HttpRequest) -> tuple[str, bool]:
    form = ClientListOptionsForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["language"], form.cleaned_data["easy_read"]
    language = current_language()
    return (language if language in client_list.CLIENT_LANGUAGES else "fi"), False


def _back(request: HttpRequest, anchor: str = "") -> HttpResponseRedirect:
    """Back to the page the form was on (a local address only), else to the list."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        return redirect("catalogue:client_list")
    return HttpResponseRedirect(f"{target.split('#')[0]}{anchor}")


def _public_id(request: HttpRequest) -> UUID | None:
    try:
        return UUID(request.POST.get("service", ""))
    except ValueError:
        return None


def may_send(user: Any) -> bool:
    """Professionals and other county staff may email a list; a form on a public site that
    sends email to any address would serve spammers."""
    return bool(roles_of(user).county_ids()) or bool(getattr(user, "is_staff", False))


@public
@require_POST
def client_list_add(request: HttpRequest) -> HttpResponse:
    public_id = _public_id(request)
    services = selectors.services_for_print([public_id]) if public_id else []
    if not services:
        messages.error(request, _("The activity could not be found."))
        return _back(request)
    if client_list.add(request.session, public_id):  # type: ignore[arg-type]
        messages.success(request, _("The activity is on the client's list."))
    else:
        messages.error(
            request,
            _("The client's list is full (at most %(count)s).")
            % {"count": client_list.MAX_ENTRIES},
        )
    return _back(request, f"#client-list-{public_id}")


@public
@require_POST
def client_list_change(request: HttpRequest) -> HttpResponse:
    """Move an entry up or down, remove it, or clear the whole list."""
    action = request.POST.get("action", "")
    public_id = _public_id(request)
    if action == "clear":
        client_list.clear(request.session)
        messages.success(request, _("The client's list is cleared."))
    elif public_id and action == "remove":
        client_list.remove(request.session, public_id)
        messages.success(request, _("The activity is removed from the client's list."))
        return _back(request, f"#client-list-{public_id}")
    elif public_id and action in MOVES:
        client_list.move(request.session, public_id, MOVES[action])
        return redirect(f"{reverse('catalogue:client_list')}#entry-{public_id}")
    return _back(request)


@public
@require_GET
def client_list_page(request: HttpRequest) -> HttpResponse:
    services = _services(request)
    language, easy_read = _options(request)
    send_form = ClientListSendForm(
        initial={"language": language, "easy_read": easy_read}, prefix="send"
    )
    return render(
        request,
        "catalogue/client_list.html",
        {
            "services": services,
            "options_form": ClientListOptionsForm(
                initial={"language": language, "easy_read": easy_read}
            ),
            "send_form": send_form if may_send(request.user) else None,
            "token": new_token(),
        },
    )


@public
@require_GET
def client_list_print(request: HttpRequest) -> HttpResponse:
    """The list as a page to print, in the client's language (the page's address says it)."""
    language, easy_read = _options(request)
    if language != current_language():
        with translation.override(language):
            url = reverse("catalogue:client_list_print")
        return redirect(f"{url}?{request.GET.urlencode()}")
    services = _services(request)
    context = {
        "entries": client_list.list_entries(services, language, easy_read=easy_read),
        "printed_at": timezone.now(),
        "query": request.GET.urlencode(),
    }
    return render(request, "catalogue/client_list_print.html", context)


@public
@require_GET
def client_list_pdf(request: HttpRequest) -> HttpResponse:
    language, easy_read = _options(request)
    context = {
        "entries": client_list.list_entries(_services(request), language, easy_read=easy_read),
        "printed_at": timezone.now(),
    }
    pdf = render_pdf("catalogue/client_list_pdf.html", context, language=language)
    return pdf_response(pdf, filename="activities.pdf")


@signed_in
@require_POST
def client_list_email(request: HttpRequest) -> HttpResponse:
    """Email the list to the client through the outbox (the only place the address is kept)."""
    if not may_send(request.user):
        raise PermissionDenied
    services = _services(request)
    form = ClientListSendForm(request.POST, prefix="send")
    if not services:
        messages.error(request, _("The client's list is empty."))
        return redirect("catalogue:client_list")
    if not form.is_valid():
        return render(
            request,
            "catalogue/client_list.html",
            {
                "services": services,
                "options_form": ClientListOptionsForm(
                    initial={"language": form.data.get("send-language", "fi")}
                ),
                "send_form": form,
                "token": token_from(request),
            },
            status=400,
        )
    data = form.cleaned_data
    outcome = submit_once(
        token=request.POST.get("submission_token"),
        user=request.user,
        create=lambda: client_list_send(
            actor=Actor.from_request(request),
            to=data["email"],
            language=data["language"],
            services=services,
            easy_read=data["easy_read"],
        ),
        result_url=lambda _email: reverse("catalogue:client_list"),
    )
    messages.success(request, _("The list is on its way to the client."))
    return redirect(outcome.url)
