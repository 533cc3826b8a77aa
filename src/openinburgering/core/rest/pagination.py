from rest_framework.pagination import PageNumberPagination as BasePagination


class PageNumberPagination(BasePagination):
    """`?page=` and `?pageSize=` (at most 200). A page past the end answers 404 as a problem."""

    page_size_query_param = "pageSize"
    max_page_size = 200
