from django.urls import path

from jianfu.directline import views

app_name = "directline"
urlpatterns = [
    # The reporter's pages: anonymous even for a logged-in browser (core middleware, docs/directline.md).
    path("public/report/", views.public_report, name="public_report"),
    path("public/receipt/", views.public_receipt, name="public_receipt"),
    path("public/follow/", views.public_follow, name="public_follow"),
    # The county office's designated handlers.
    path("", views.report_list, name="report_list"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/act/<str:action>/", views.report_act, name="report_act"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("unlock/", views.unlock, name="unlock"),
    path("lock/", views.lock, name="lock"),
    path("handlers/", views.handlers, name="handlers"),
    path("enrol/", views.enrol, name="enrol"),
    path("stats/", views.stats, name="stats"),
]
