"""The token pages: the list of an institute's tokens, a new token (form, check page, the page
that shows the secret once), a token's details with its recent calls, and revoking it."""

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..access import Action
from ..mixins import PartnershipMixin, get_scoped_object
from ..models import AuditEntry
from ..views.base import ServiceFormView
from . import services
from .forms import ApiTokenForm
from .models import ApiToken
from .scopes import Scope

SALT = "partnerships.apitokens.new"
CHECK_MAX_AGE = 60 * 60  # a check page left open longer is filled in again
CREATED_KEY = "api_token_created"  # session: {check nonce: token pk}, so a second post makes none


class TokenMixin(PartnershipMixin):
    action = Action.MANAGE_API_TOKENS
    nav_section = "api"

    @cached_property
    def institutes(self):
        return self.access.manageable_institutes(self.partnership).order_by("name")

    def tokens(self):
        return ApiToken.objects.filter(
            partnership=self.partnership, organisation__in=self.institutes
        ).select_related("organisation", "created_by", "revoked_by")

    @cached_property
    def token(self):
        return get_scoped_object(self.tokens(), pk=self.kwargs["pk"])

    def url(self, name, **kwargs):
        return reverse(
            f"partnerships:{name}", kwargs={"partnership": self.partnership.slug, **kwargs}
        )


class TokenList(TokenMixin, TemplateView):
    template_name = "partnerships/apitokens/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"tokens": self.tokens()}


class TokenCreate(TokenMixin, ServiceFormView):
    """The form; sending it leads to the check page (the values signed in its address)."""

    template_name = "partnerships/form.html"
    form_class = ApiTokenForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"institutes": self.institutes}

    def get_initial(self):
        return unsign(self.request.GET.get("data")) or {}

    def save(self, form):
        data = form.cleaned_data
        return signing.dumps(
            {
                "organisation": data["organisation"].pk,
                "name": data["name"],
                "scopes": data["scopes"],
                "nonce": secrets.token_hex(8),
            },
            salt=SALT,
        )

    def get_success_url(self, signed):
        return f"{self.url('api_token_check')}?{urlencode({'data': signed})}"

    def cancel_fallback_url(self):
        return self.url("api_token_list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("New API token"),
            "help_text": _(
                "A token lets a system of the institute (student administration, placement "
                "office) use the API. It sees only the institute's own students."
            ),
        }


def unsign(value) -> dict | None:
    try:
        return signing.loads(value or "", salt=SALT, max_age=CHECK_MAX_AGE)
    except signing.BadSignature:
        return None


class TokenCheck(TokenMixin, TemplateView):
    """Check before creating: institute, name, permissions, what follows. POST creates (once)."""

    template_name = "partnerships/apitokens/check.html"

    def checked(self):
        data = unsign(self.request.POST.get("data") or self.request.GET.get("data"))
        if data is None:
            return None
        institute = self.institutes.filter(pk=data["organisation"]).first()
        return None if institute is None else data | {"institute": institute}

    def start_again(self):
        messages.error(self.request, _("This check page has expired. Fill in the form again."))
        return redirect(self.url("api_token_create"))

    def get(self, request, *args, **kwargs):
        data = self.checked()
        if data is None:
            return self.start_again()
        labels = dict(Scope.choices)
        change = f"{self.url('api_token_create')}?{urlencode({'data': request.GET['data']})}"
        return self.render_to_response(
            self.get_context_data(
                data=data,
                token=request.GET["data"],
                scope_labels=[labels[s] for s in data["scopes"]],
                change_url=change,
            )
        )

    def post(self, request, *args, **kwargs):
        data = self.checked()
        if data is None:
            return self.start_again()
        created = request.session.get(CREATED_KEY, {})
        if data["nonce"] in created:  # pressed twice: the token made the first time
            return redirect(self.url("api_token_detail", pk=created[data["nonce"]]))
        token, secret = services.api_token_create(
            organisation=data["institute"],
            name=data["name"],
            scopes=data["scopes"],
            by=request.user,
        )
        request.session[CREATED_KEY] = created | {data["nonce"]: token.pk}
        # The answer to this post is the only place the secret ever appears: it is not stored
        # (not even in the session), and the page is not cached (no-store for logged-in users).
        docs = request.build_absolute_uri(reverse("api_docs"))
        base = request.build_absolute_uri(f"/api/v1/partnerships/{self.partnership.slug}/")
        context = self.get_context_data(token=token, secret=secret, docs_url=docs, base_url=base)
        return self.response_class(
            request, "partnerships/apitokens/created.html", context, using=self.template_engine
        )


class TokenDetail(TokenMixin, TemplateView):
    template_name = "partnerships/apitokens/detail.html"
    CALLS = 20

    def get_context_data(self, **kwargs):
        calls = AuditEntry.objects.filter(
            action="api_call", object_type="partnerships.apitoken", object_id=str(self.token.pk)
        )[: self.CALLS]
        return super().get_context_data(**kwargs) | {"token": self.token, "calls": calls}


class TokenRevoke(TokenMixin, TemplateView):
    """Asks first (GET); POST revokes at once — the system's next call is refused."""

    template_name = "partnerships/apitokens/revoke.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"token": self.token}

    def post(self, request, *args, **kwargs):
        services.api_token_revoke(token=self.token, by=request.user)
        messages.success(
            request, _("The token has been revoked. Calls with it are refused from now on.")
        )
        return redirect(self.url("api_token_detail", pk=self.token.pk))
