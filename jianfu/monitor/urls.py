from django.urls import path

from jianfu.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.home, name="home"),
    path("ledgers/<str:kind>/", views.ledger_list, name="ledger_list"),
    path("ledgers/<str:kind>/new/", views.ledger_create, name="ledger_create"),
    path("ledgers/<str:kind>/import/", views.ledger_import, name="ledger_import"),
    path("ledgers/<str:kind>/template.xlsx", views.ledger_template, name="ledger_template"),
    path("ledgers/<str:kind>/<int:pk>/", views.ledger_detail, name="ledger_detail"),
    path("ledgers/<str:kind>/<int:pk>/edit/", views.ledger_edit, name="ledger_edit"),
    path("ledgers/<str:kind>/<int:pk>/delete/", views.ledger_delete, name="ledger_delete"),
    path("findings/", views.finding_list, name="finding_list"),
    path("findings/evaluate/", views.finding_evaluate, name="finding_evaluate"),
    path("findings/<int:pk>/", views.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/transition/", views.finding_transition, name="finding_transition"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/new/", views.rule_create, name="rule_create"),
    path("rules/<int:pk>/toggle/", views.rule_toggle, name="rule_toggle"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/cases/", views.notice_case_add, name="notice_case_add"),
    path("index/", views.burden_index, name="index"),
    path("index/<str:village>/<int:month>/", views.index_trace, name="index_trace"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.xlsx", views.dashboard_export, name="dashboard_export"),
]
