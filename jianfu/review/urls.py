from django.urls import path

from jianfu.review import views

app_name = "review"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("submit/", views.submit, name="submit"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/revise/", views.document_revise, name="document_revise"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/annotated.docx", views.review_docx, name="review_docx"),
    path("reviews/<int:pk>/compare/", views.review_compare, name="review_compare"),
    path("reviews/<int:pk>/findings/add/", views.finding_add, name="finding_add"),
    path("reviews/<int:pk>/findings/<int:finding_id>/dismiss/", views.finding_dismiss, name="finding_dismiss"),
    path("reviews/<int:pk>/findings/<int:finding_id>/restore/", views.finding_restore, name="finding_restore"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/new/", views.rule_create, name="rule_create"),
    path("rules/<str:rule_id>/toggle/", views.rule_toggle, name="rule_toggle"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/labels.yaml", views.labelled_clauses, name="labelled_clauses"),
]
