"""Open311 GeoReport v2, mounted by config/urls.py at /open311/v2/ (namespace "open311")."""

from django.urls import re_path

from jianfu.api.open311 import views

app_name = "open311"

F = r"\.(?P<fmt>xml|json)$"

urlpatterns = [
    re_path(r"^discovery" + F, views.discovery, name="discovery"),
    re_path(r"^services" + F, views.service_list, name="services"),
    re_path(r"^services/(?P<service_code>[^/]{1,60})" + F, views.service_definition, name="service_definition"),
    re_path(r"^requests" + F, views.requests_, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]{1,60})" + F, views.request_detail, name="request_detail"),
    re_path(r"^tokens/(?P<token>[^/]{1,60})" + F, views.token_detail, name="token_detail"),
    re_path(r"^servicerequestupdates" + F, views.request_updates, name="request_updates"),
]
