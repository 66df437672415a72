"""Sign-in, sign-out, passwords, and invitations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.core import lists
from kumppani.core.access import PUBLIC, SIGNED_IN, TOKEN, declare, require, signed_in
from kumppani.core.actor import Actor, client_ip
from kumppani.core.forms import add_service_errors, service_told

from .access import (
    COUNTY_COORDINATOR,
    counties_user_coordinates,
    invitation_for_coordinator,
    invitation_for_token,
)
from .forms import (
    AcceptInvitationForm,
    InvitationFilterForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SignInForm,
)
from .models import User
from .selectors import county_roles_for, invitations_for_coordinator, organisations_represented_by
from .services import (
    invitation_accept,
    invitation_revoke,
    invitations_read_record,
    user_password_set,
    user_signed_in_record,
    user_signed_out_record,
)
from .throttling import address_is_throttled, cooloff


class SignInView(auth_views.LoginView):
    """Sign in. django-axes locks an account from an address after five wrong passwords;
    here, an address that has failed too often over any accounts is turned away first."""

    access_rule = PUBLIC
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if address_is_throttled(client_ip(request)):
            return render(
                request,
                "accounts/locked_out.html",
                {"cooloff_timedelta": cooloff(), "by_address": True},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # login() also rotates the session key
        user_signed_in_record(user=form.get_user(), actor=Actor.from_request(self.request))
        return response


class SignOutView(auth_views.LogoutView):
    """Sign out; POST only (Django's LogoutView refuses GET)."""

    access_rule = SIGNED_IN

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            user_signed_out_record(user=request.user, actor=Actor.from_request(request))
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    access_rule = SIGNED_IN
    template_name = "accounts/password_change_form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        user = user_password_set(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            actor=Actor.from_request(self.request),
            reason="change",
        )
        update_session_auth_hash(self.request, user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    access_rule = SIGNED_IN
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link; the answer is the same whether or not the address has an account."""

    access_rule = PUBLIC
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        if not reset_email_allowed(form.cleaned_data["email"]):
            # Same answer as always, but no more mail to this address for now.
            return HttpResponseRedirect(self.get_success_url())
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


RESET_EMAILS_PER_HOUR = 3


def reset_email_allowed(email: str) -> bool:
    """Allow a few reset emails per address an hour, so nobody can flood a mailbox."""
    key = f"password-reset:{email.strip().lower()}"
    cache.add(key, 0, timeout=60 * 60)
    return cache.incr(key) <= RESET_EMAILS_PER_HOUR


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    access_rule = PUBLIC
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    access_rule = TOKEN
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        user_password_set(
            user=form.user,
            password=form.cleaned_data["new_password1"],
            # Only the mailbox owner can follow the link: record the account as the actor.
            actor=Actor(user=form.user, ip_address=client_ip(self.request)),
            reason="reset",
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    access_rule = PUBLIC
    template_name = "accounts/password_reset_complete.html"


INVITATION_SORTS = {
    "newest": lists.Sort(gettext_lazy("Newest first"), ("-created_at", "-id")),
    "email": lists.Sort(gettext_lazy("Email address"), ("email", "id")),
}


@declare(COUNTY_COORDINATOR)
@signed_in
@require_GET
def invitation_list(request: HttpRequest) -> HttpResponse:
    """Invitations of the coordinator's counties: pending, accepted, expired, withdrawn."""
    user: User = request.user  # type: ignore[assignment]
    counties = counties_user_coordinates(user)
    require(counties.exists())
    listing = lists.list_page(
        request,
        InvitationFilterForm(request.GET, counties=counties),
        lambda filters: invitations_for_coordinator(
            user,
            county=filters.get("county"),
            status=filters.get("status") or "",
            q=filters.get("q") or "",
        ),
        sorts=INVITATION_SORTS,
    )
    if listing.page is not None:
        invitations_read_record(invitations=listing.page, actor=Actor.from_request(request))
    return lists.render_list(
        request,
        listing,
        "accounts/invitations.html",
        "accounts/includes/invitation_results.html",
        {"return_to": request.get_full_path()},
    )


@declare(COUNTY_COORDINATOR)
@signed_in
@require_POST
def invitation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = invitation_for_coordinator(request.user, pk)
    service_told(
        request,
        invitation_revoke,
        success=_("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
        invitation=invitation,
        actor=Actor.from_request(request),
    )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("accounts:invitations")
    return redirect(next_url)


@declare(TOKEN)
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Open an emailed invitation: set a name and password, or confirm for an existing account."""
    try:
        invitation = invitation_for_token(token)
    except ValidationError as error:
        status = 404 if error.code == "unknown" else 410
        return render(
            request, "accounts/invitation_refused.html", {"reasons": error.messages}, status=status
        )
    if request.user.is_authenticated and request.user.email != invitation.email:
        reason = _(
            "This invitation is for another email address than the one you are signed in "
            "with. Sign out and open the invitation link again."
        )
        return render(
            request, "accounts/invitation_refused.html", {"reasons": [reason]}, status=403
        )
    existing = User.objects.filter(email=invitation.email).first()
    needs_password = existing is None or not existing.has_usable_password()
    needs_name = existing is None or not existing.full_name
    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None,
        needs_password=needs_password,
        needs_name=needs_name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token,
                full_name=form.cleaned_data.get("full_name", ""),
                password=form.cleaned_data.get("password", ""),
                actor=Actor.from_request(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Welcome! The invitation has been accepted."))
            if request.user.is_authenticated:
                return redirect("accounts:dashboard")
            if needs_password:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("accounts:dashboard")
            messages.info(request, _("Sign in with your email address and your password."))
            return redirect("accounts:sign_in")
    return render(
        request,
        "accounts/accept_invitation.html",
        {"form": form, "invitation": invitation, "has_account": not needs_password},
    )


@signed_in
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in person's start page: their roles and where each leads."""
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "accounts/dashboard.html",
        {
            "county_roles": county_roles_for(user),
            "organisation_roles": organisations_represented_by(user),
        },
    )
