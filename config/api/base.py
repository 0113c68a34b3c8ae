"""What every API view shares: the token's access layer, the partnership from the address
(another partnership's slug is a 404, as on the pages), and an audit entry for every call."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView

from partnerships import audit
from partnerships.apitokens.access import TokenAccess
from partnerships.apitokens.models import ApiToken
from partnerships.models import AcademicYear

from .pagination import OoapiPagination

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
ERRORS = {
    401: OpenApiResponse(ERROR, description="No token, or a revoked or unknown one."),
    403: OpenApiResponse(ERROR, description="The token lacks the scope for this call."),
    404: OpenApiResponse(ERROR, description="Not there, or not visible to this institute."),
}
INVALID = {
    400: OpenApiResponse(
        inline_serializer("ValidationErrors", {"errors": serializers.DictField()}),
        description="Invalid input: per field a list of messages.",
    )
}


class ApiView(GenericAPIView):
    pagination_class = OoapiPagination
    metadata_class = None  # no OPTIONS answers: the schema describes the API
    required_scopes: dict[str, str] = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and scopes first
        self.access = TokenAccess(request.auth)
        partnership = self.access.partnerships().filter(slug=kwargs.get("partnership")).first()
        if partnership is None:
            raise Http404
        self.partnership = partnership

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):  # a service refused: the same as a 400
            exc = exceptions.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
            )
        response = super().handle_exception(exc)
        if response.status_code == 400 and not (
            isinstance(response.data, dict) and set(response.data) == {"errors"}
        ):
            response.data = {"errors": _as_dict(response.data)}
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)  # personal data: no browser or proxy keeps it
        token = getattr(request, "auth", None)
        token = token if isinstance(token, ApiToken) else None
        audit.record(
            person=None,
            action="api_call",
            obj=token,
            partnership=token.partnership if token else None,
            method=request.method,
            path=request.get_full_path()[:500],
            status=response.status_code,
            organisation=token.organisation_id if token else None,
        )
        return response


def _as_dict(data) -> dict:
    return data if isinstance(data, dict) else {"nonFieldErrors": data}


def academic_session(label: str | None) -> AcademicYear:
    """An academic year by its OOAPI academicSessionId, the label ``2026-2027`` (404 if none)."""
    year = None
    if label and len(label) == 9 and label[:4].isdigit() and label[5:].isdigit():
        start = int(label[:4])
        if label[4] == "-" and int(label[5:]) == start + 1:
            year = AcademicYear.objects.filter(start_year=start).first()
    if year is None:
        raise Http404
    return year
