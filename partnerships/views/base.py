from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from ..mixins import PartnershipMixin


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ScopedListView(PartnershipMixin, FilterView):
    """A filtered, searchable, sortable, paginated list of access-scoped rows."""

    paginate_by = 25
    strict = True  # an invalid filter value shows its error and no rows, not everything

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        return context


class ServiceFormView(PartnershipMixin, FormView):
    """A form whose valid data is handed to ``save(form)``, a call into a service.

    Model validation errors raised by the service land on the form's fields."""

    success_message = ""

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(obj))

    def save(self, form):
        raise ValidationError(_("This form cannot be saved."))

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def cancel_fallback_url(self) -> str:
        """Where "Cancel" leads when the page the user came from is unknown: the feature's
        overview (views override this), else the partnership's dashboard."""
        return self.partnership.get_absolute_url()

    def get_cancel_url(self) -> str:
        """The page the user came from: the form's ``back`` field (kept when the form is shown
        again with errors), else the Referer; never this page itself or another site."""
        request = self.request
        for candidate in (
            request.POST.get("back"),
            request.GET.get("back"),
            request.headers.get("referer"),
        ):
            if not candidate or not url_has_allowed_host_and_scheme(
                candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                continue
            if urlsplit(candidate).path != request.path:
                return candidate
        return self.cancel_fallback_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        return context


class PartnershipPage(PartnershipMixin, TemplateView):
    pass
