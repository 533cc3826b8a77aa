from rest_framework.pagination import PageNumberPagination as BasePagination

from openinburgering.core.paging import MatchCountPaginator


class PageNumberPagination(BasePagination):
    """`?page=` and `?pageSize=` (at most 200). A page past the end answers 404 as a problem."""

    page_size_query_param = "pageSize"
    max_page_size = 200


class MatchCountPagination(PageNumberPagination):
    """PageNumberPagination whose page and exact count come from one query (core.paging.MatchCountPaginator):
    for lists filtered by a search, ordered by fields only."""

    django_paginator_class = MatchCountPaginator
