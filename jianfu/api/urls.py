"""/api/v1/: each app's endpoints in its own module of jianfu.api.v1; /api/schema/ and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

app_name = "api"
urlpatterns = [
    path("v1/", include("jianfu.api.v1.core")),
    path("v1/registry/", include("jianfu.api.v1.registry")),
    path("v1/reports/", include("jianfu.api.v1.reports")),
    path("v1/dispatch/", include("jianfu.api.v1.dispatch")),
    path("v1/review/", include("jianfu.api.v1.review")),
    path("v1/employment/", include("jianfu.api.v1.employment")),
    path("v1/monitor/", include("jianfu.api.v1.monitor")),
    path("v1/directline/", include("jianfu.api.v1.directline")),
    path("v1/villages/", include("jianfu.api.v1.villagepages")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its initialiser as a script file: no inline script, so the CSP holds.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
