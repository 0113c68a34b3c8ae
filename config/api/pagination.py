"""OOAPI-style pages: ``pageSize`` and ``pageNumber`` in, ``items`` with the page's facts out."""

from django.core.paginator import EmptyPage, Paginator
from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.response import Response


class OoapiPagination(BasePagination):
    default_size, max_size = 50, 250

    def paginate_queryset(self, queryset, request, view=None):
        params = PageParameters(data=request.query_params)
        params.is_valid(raise_exception=True)
        size = params.validated_data.get("pageSize", self.default_size)
        number = params.validated_data.get("pageNumber", 1)
        paginator = Paginator(queryset, size)
        try:
            self.page = paginator.page(number)
        except EmptyPage:
            self.page = None
            self.facts = {"pageSize": size, "pageNumber": number}
            self.facts |= {"hasPreviousPage": number > 1, "hasNextPage": False}
            return []
        self.facts = {
            "pageSize": size,
            "pageNumber": number,
            "hasPreviousPage": self.page.has_previous(),
            "hasNextPage": self.page.has_next(),
        }
        return list(self.page)

    def get_paginated_response(self, data):
        return Response({**self.facts, "items": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["pageSize", "pageNumber", "hasPreviousPage", "hasNextPage", "items"],
            "properties": {
                "pageSize": {"type": "integer"},
                "pageNumber": {"type": "integer"},
                "hasPreviousPage": {"type": "boolean"},
                "hasNextPage": {"type": "boolean"},
                "items": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "pageSize",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_size},
            },
            {
                "name": "pageNumber",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1},
            },
        ]


class PageParameters(serializers.Serializer):
    pageSize = serializers.IntegerField(
        required=False, min_value=1, max_value=OoapiPagination.max_size
    )  # noqa: N815
    pageNumber = serializers.IntegerField(required=False, min_value=1, max_value=10**6)  # noqa: N815
