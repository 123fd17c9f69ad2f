"""/api/v1/employment/ — 就业帮扶."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
