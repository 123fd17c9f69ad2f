from django.urls import path

from jianfu.dispatch import views

app_name = "dispatch"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("queue/", views.queue, name="queue"),
    path("export.xlsx", views.events_export, name="events_export"),
    path("report/", views.event_report, name="event_report"),
    path("public/report/", views.public_report, name="public_report"),
    path("public/track/<str:token>/", views.public_track, name="public_track"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/photos/<int:photo_pk>/", views.event_photo, name="event_photo"),
    path("events/<int:pk>/dispatch/", views.event_dispatch, name="event_dispatch"),
    path("events/<int:pk>/accept/", views.event_accept, name="event_accept"),
    path("events/<int:pk>/start/", views.event_start, name="event_start"),
    path("events/<int:pk>/resolve/", views.event_resolve, name="event_resolve"),
    path("events/<int:pk>/return/", views.event_return, name="event_return"),
    path("events/<int:pk>/merge/", views.event_merge, name="event_merge"),
    path("events/<int:pk>/not-duplicate/", views.event_dismiss_duplicate, name="event_dismiss_duplicate"),
    path("events/<int:pk>/feedback/", views.event_feedback, name="event_feedback"),
    path("events/<int:pk>/reopen/", views.event_reopen, name="event_reopen"),
    path("events/<int:pk>/whistle/", views.event_whistle, name="event_whistle"),
    path("events/<int:pk>/rate/", views.event_rate, name="event_rate"),
    path("summons/<int:pk>/checkin/", views.summons_checkin, name="summons_checkin"),
    path("summons/<int:pk>/part/", views.summons_part, name="summons_part"),
    path("whistles/", views.whistle_list, name="whistle_list"),
    path("catalogue/", views.catalogue_list, name="catalogue_list"),
    path("catalogue/import/", views.catalogue_import, name="catalogue_import"),
    path("catalogue/<int:pk>/", views.catalogue_detail, name="catalogue_detail"),
    path("catalogue/<int:pk>/export.xlsx", views.catalogue_export, name="catalogue_export"),
    path("catalogue/<int:pk>/copy/", views.catalogue_copy, name="catalogue_copy"),
    path("catalogue/<int:pk>/publish/", views.catalogue_publish, name="catalogue_publish"),
    path("catalogue/<int:pk>/matters/new/", views.matter_edit, name="matter_create"),
    path("catalogue/<int:pk>/matters/<int:matter_pk>/", views.matter_edit, name="matter_edit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.xlsx", views.dashboard_export, name="dashboard_export"),
]
