"""/api/v1/reports/ — filled in by the reports app."""

urlpatterns: list = []
