from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        # One spelling per address, so the failed-login lockout counts every case variant.
        return self.cleaned_data["username"].lower()


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


class FirstPasswordResetForm(PasswordResetForm):
    """Also sends the link to an active person who has no password yet: coordinators add people
    without one (they never see or mail passwords), and "Forgot your password?" is how a new
    person chooses their first. Django's own form skips such accounts."""

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = FirstPasswordResetForm
