"""/api/v1/villagepages/ — 村（社区）公开页."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
