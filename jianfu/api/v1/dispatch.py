"""/api/v1/dispatch/ — filled in by the dispatch app."""

urlpatterns: list = []
