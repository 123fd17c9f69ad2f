"""/api/v1/monitor/ — 减负监测."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
