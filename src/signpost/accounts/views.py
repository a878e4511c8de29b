from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from allauth.account.views import LoginView
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from signpost.accounts.forms import AcceptInvitationForm
from signpost.accounts.models import User
from signpost.accounts.services import invitation_accept
from signpost.accounts.tokens import invitation_tokens


class StaffSignInView(LoginView):
    """The workspace's front door: allauth's sign-in with staff wording; MFA follows."""

    template_name = "accounts/staff_sign_in.html"


def _invited_user(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    if not user.is_active or not invitation_tokens.check_token(user, token):
        return None
    return user


def accept_invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _invited_user(uidb64, token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = AcceptInvitationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        invitation_accept(user=user, password=form.cleaned_data["password1"])
        # Sign in through allauth so the password counts as a fresh authentication: setting up
        # the authenticator app straight after must not ask for the password again.
        record_authentication(request, user, method="password", email=user.email)
        messages.success(request, "Your password is set. Now set up your authenticator app.")
        return perform_login(request, user, redirect_url=reverse("mfa_activate_totp"))
    return render(request, "accounts/accept_invitation.html", {"form": form, "invited": user})
