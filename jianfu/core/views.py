"""Shared view helpers: ApplicationError → a page or a form error; error pages."""

from __future__ import annotations

from django.shortcuts import render

from jianfu.core.errors import ApplicationError


def form_error_from(form, exc: ApplicationError) -> None:
    """Attach a service's error to the form field it names (or to the form as a whole)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def render_application_error(request, exc: ApplicationError):
    return render(request, "error.html", {"message": exc.message, "status": exc.status_code},
                  status=exc.status_code)


def healthz(request):
    """Liveness + database reachability, for the load balancer."""
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    return render(request, "error.html", {"message": "找不到该页面，或不在您的管辖范围内。", "status": 404}, status=404)


def permission_denied(request, exception=None):
    return render(request, "error.html", {"message": "您无权访问该页面。", "status": 403}, status=403)


def server_error(request):
    return render(request, "error.html", {"message": "服务器出错了，已记录，请稍后再试。", "status": 500}, status=500)
