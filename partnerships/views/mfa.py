"""Two-step verification pages: the second step of a password login, setting up an app, backup
codes and the overview. The policy is in ``partnerships/mfa.py``."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import mfa


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
        error_messages={"required": gettext_lazy("Enter the code")},
    )


def verify(request):
    """The second step: the six digits from the app, or one of the backup codes."""
    person = mfa.pending_person(request)
    if person is None:
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(person, form.cleaned_data["code"])
        if device is not None:
            next_url = mfa.finish_pending(request, person, device)
            if device.name == mfa.BACKUP_DEVICE_NAME:
                left = mfa.backup_codes_left(person)
                messages.warning(
                    request,
                    _("You used a backup code. Backup codes left: %(left)s.") % {"left": left},
                )
            return redirect(next_url)
        form.add_error(
            "code", _("This code is not right or has expired. Enter the code the app shows now.")
        )
    return render(request, "registration/mfa_verify.html", {"form": form})


def setup(request):
    """Set up an authenticator app: scan the QR code (or type the secret), confirm a code.

    Reached logged in (from the overview) or halfway through a password login when the person's
    roles require two-step verification and they have no app yet."""
    if request.user.is_authenticated:
        person, pending = request.user, False
    else:
        person, pending = mfa.pending_person(request), True
        if person is None:
            return redirect("login")
    if mfa.has_mfa(person) and not pending:
        return redirect("mfa_settings")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_app_device(request, person, form.cleaned_data["code"])
        if codes is not None:
            if pending:
                mfa.finish_pending(request, person, mfa.app_device(person))
            request.session[mfa.NEW_BACKUP_CODES] = codes
            return redirect("mfa_backup_codes")
        form.add_error("code", _("This code is not right. Enter the code the app shows now."))
    device = mfa.setup_device(request, person)
    context = {
        "form": form,
        "pending": pending,
        "qr": mfa.qr_svg(device, _("QR code to scan with your authenticator app")),
        "secret": mfa.secret_for_typing(device),
    }
    return render(request, "registration/mfa_setup.html", context)


@login_required
def overview(request):
    person = request.user
    context = {
        "has_mfa": mfa.has_mfa(person),
        "required": mfa.mfa_required(person),
        "codes_left": mfa.backup_codes_left(person),
        "signed_in_with": request.session.get("signed_in_with"),
    }
    return render(request, "registration/mfa_settings.html", context)


@login_required
def backup_codes(request):
    """New codes, shown once: right after setting up the app, or after asking for new ones."""
    if request.method == "POST":
        if not mfa.has_mfa(request.user):
            return redirect("mfa_settings")
        request.session[mfa.NEW_BACKUP_CODES] = mfa.new_backup_codes(request.user)
        return redirect("mfa_backup_codes")
    codes = request.session.pop(mfa.NEW_BACKUP_CODES, None)
    if not codes:
        return redirect("mfa_settings")
    return render(request, "registration/mfa_backup_codes.html", {"codes": codes})


@login_required
@require_POST
def remove(request):
    if mfa.mfa_required(request.user):
        messages.error(request, _("Your roles require two-step verification; it stays on."))
    else:
        mfa.remove(request.user)
        messages.success(request, _("Two-step verification is off."))
    return redirect("mfa_settings")
