from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

from jianfu.core import views as core_views

# The catalog changes only with a deployment: browsers revalidate it against the time this process started.
_STARTED = timezone.now()

urlpatterns = [
    path("", include("jianfu.accounts.urls")),
    path("orgs/", include("jianfu.orgs.urls")),
    path("registry/", include("jianfu.registry.urls")),
    path("reports/", include("jianfu.reports.urls")),
    path("dispatch/", include("jianfu.dispatch.urls")),
    path("review/", include("jianfu.review.urls")),
    path("employment/", include("jianfu.employment.urls")),
    path("monitor/", include("jianfu.monitor.urls")),
    path("directline/", include("jianfu.directline.urls")),
    path("villages/", include("jianfu.villagepages.urls")),
    path("api/", include("jianfu.api.urls")),
    path("open311/v2/", include("jianfu.api.open311.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # gettext() and interpolate() for the project's scripts, served from here (no CDN)
    path("jsi18n/", last_modified(lambda request, **kwargs: _STARTED)(JavaScriptCatalog.as_view()),
         name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
]
if settings.DEBUG or getattr(settings, "JIANFU_SERVE_MEDIA", True):
    # Media files are served only through views that check scope; this is for public, non-personal media.
    urlpatterns += [path("media/public/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / "public"}, name="public_media")]
handler404 = "jianfu.core.views.page_not_found"
handler403 = "jianfu.core.views.permission_denied"
handler500 = "jianfu.core.views.server_error"
