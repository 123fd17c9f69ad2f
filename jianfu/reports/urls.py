from django.urls import path

from jianfu.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("templates/new/", views.template_create, name="template_create"),
    path("designer/", views.template_design, name="template_design"),
    path("designer/<slug:code>/", views.template_design, name="template_design_edit"),
    path("templates/<slug:code>/", views.template_detail, name="template_detail"),
    path("templates/<slug:code>/run/", views.run, name="run"),
    path("templates/<slug:code>/progress/", views.template_progress, name="template_progress"),
    path("templates/<slug:code>/form/", views.template_form_upload, name="template_form_upload"),
    path("match/", views.header_match, name="header_match"),
    path("match/confirm/", views.header_match_confirm, name="header_match_confirm"),
    path("submissions/", views.submission_list, name="submission_list"),
    path("submissions/generate/", views.submission_generate, name="submission_generate"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/fill/", views.submission_fill, name="submission_fill"),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submission_submit"),
    path("submissions/<int:pk>/approve/", views.submission_approve, name="submission_approve"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission_return"),
    path("submissions/<int:pk>/export/", views.submission_export, name="submission_export"),
    path("completeness/", views.completeness, name="completeness"),
    path("completeness/progress/", views.form_progress, name="form_progress"),
    path("burden/", views.burden, name="burden"),
]
