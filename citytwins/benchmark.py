"""What the page benchmark (benchmarks/pages.py) needs, on only when BENCHMARK=1: a bare view
behind the whole middleware stack (the ceiling a page is measured against), and a count of a
request's database queries when the request asks for it."""

from django.db import connection
from django.http import HttpResponse


def hello(request):
    """The bare view: no template, no query."""
    return HttpResponse(b"hello", content_type="text/plain")


class QueryCountMiddleware:
    """First in the stack, so the session's and the user's queries count too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "X-Count-Queries" not in request.headers:
            return self.get_response(request)
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response["X-Query-Count"] = str(count)
        return response
