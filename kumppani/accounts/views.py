"""Sign-in, sign-out, password reset and invitations."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kumppani.core.access import PUBLIC, SIGNED_IN, signed_in

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    access_rule = PUBLIC
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    access_rule = SIGNED_IN


@signed_in
def invite(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/invite.html")
