from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .. import mfa, oidc


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        # One spelling per address, so the failed-login lockout counts every case variant.
        return self.cleaned_data["username"].lower()


class LoginView(auth_views.LoginView):
    """E-mail and password, or a button per identity provider ("Log in with SURFconext").

    When two-step verification follows (the person has an app, or their roles require one), the
    password step does not log in: it remembers the person and sends them to the second step
    (``partnerships/mfa.py``)."""

    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        person = form.get_user()
        has_app = mfa.has_mfa(person)
        if has_app or mfa.mfa_required(person):
            mfa.start_pending(self.request, person, person.backend, self.get_success_url())
            return redirect("mfa_verify" if has_app else "mfa_setup")
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["identity_providers"] = oidc.providers_for_login_page()
        return context


class FirstPasswordResetForm(PasswordResetForm):
    """Also sends the link to an active person who has no password yet: coordinators add people
    without one (they never see or mail passwords), and "Forgot your password?" is how a new
    person chooses their first. Django's own form skips such accounts."""

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = FirstPasswordResetForm


def admin_login(request):
    """The Django admin's login page: the product's own login instead (so the admin gets the
    same two-step verification); a logged-in person who is no platform administrator is refused
    rather than sent round in a circle."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or "/admin/")
