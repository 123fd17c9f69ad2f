"""/api/v1/directline/ — 基层减负直通车."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
