from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from jianfu.core.errors import ApplicationError


class Pagination(PageNumberPagination):
    """Every API list's pages. A `page` the list cannot use is a 400 naming `page` (badinput15 #19: `page=-1` and
    `page=x` were DRF's NotFound, shown as the scoping 404 “不在您的管辖范围内”)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "") and raw not in self.last_page_strings:
            value = raw.strip()
            if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 2**63 - 1):
                raise ApplicationError(_("参数 page 应为从 1 开始的页码，收到“%(raw)s”。") % {"raw": raw[:20]}, field="page")
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            pages = self.django_paginator_class(queryset, self.get_page_size(request)).num_pages
            raise ApplicationError(_("参数 page 超出范围：共 %(pages)d 页，收到“%(raw)s”。") % {"pages": pages, "raw": raw[:20]},
                                 field="page") from None

def paginated_response(request: Request, qs: QuerySet, serializer: type[serializers.BaseSerializer]) -> Response:
    """One page of `qs`, serialised, in the paginated envelope (count, next, previous, results)."""
    paginator = Pagination()
    page = paginator.paginate_queryset(qs, request)
    return paginator.get_paginated_response(serializer(page, many=True).data)
