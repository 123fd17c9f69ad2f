"""/api/v1/review/ — filled in by the review app."""

urlpatterns: list = []
