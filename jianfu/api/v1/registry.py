"""/api/v1/registry/ — filled in by the registry app."""

urlpatterns: list = []
