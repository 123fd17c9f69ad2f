from django.urls import path

from jianfu.employment import views

app_name = "employment"
urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/import/", views.seeker_import, name="seeker_import"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/status/<slug:action>/", views.person_transition, name="person_transition"),
    path("people/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("people/<int:pk>/profile/", views.profile_edit, name="profile_edit"),
    path("people/<int:pk>/jobs/", views.person_jobs, name="person_jobs"),
    path("people/<int:pk>/refer/<int:posting_pk>/", views.referral_create, name="referral_create"),
    path("people/<int:pk>/services/", views.service_create, name="service_create"),
    path("people/<int:pk>/visit/", views.visit_create, name="visit_create"),
    path("referrals/<int:pk>/advance/", views.referral_advance, name="referral_advance"),
    path("services/<int:pk>/outcome/", views.service_outcome, name="service_outcome"),
    path("visits/", views.visit_tasks, name="visit_tasks"),
    path("visits/tasks/<int:pk>/reveal/", views.visit_task_reveal, name="visit_task_reveal"),
    path("visits/tasks/<int:pk>/reassign/", views.visit_task_reassign, name="visit_task_reassign"),
    path("visits/tasks/<int:pk>/handle/", views.visit_task_handle, name="visit_task_handle"),
    path("visits/<int:pk>/photo/", views.visit_photo, name="visit_photo"),
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("postings/", views.posting_list, name="posting_list"),
    path("postings/new/", views.posting_create, name="posting_create"),
    path("postings/import/", views.posting_import, name="posting_import"),
    path("postings/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("postings/import/<int:pk>/<slug:action>/", views.import_action, name="import_action"),
    path("postings/<int:pk>/", views.posting_detail, name="posting_detail"),
    path("postings/<int:pk>/<slug:action>/", views.posting_action, name="posting_action"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export/", views.dashboard_export, name="dashboard_export"),
]
