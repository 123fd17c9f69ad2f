from django.urls import path

from jianfu.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.home, name="home"),
    path("received/", views.received, name="received"),
    path("ledgers/<str:kind>/", views.ledger_list, name="ledger_list"),
    path("ledgers/<str:kind>/new/", views.ledger_create, name="ledger_create"),
    path("ledgers/<str:kind>/import/", views.ledger_import, name="ledger_import"),
    path("ledgers/<str:kind>/template.xlsx", views.ledger_template, name="ledger_template"),
    path("ledgers/<str:kind>/export.xlsx", views.ledger_export, name="ledger_export"),
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
    path("rules/<int:pk>/edit/", views.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/cases/", views.notice_case_add, name="notice_case_add"),
    path("notices/<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/delete/", views.notice_delete, name="notice_delete"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/delete/", views.case_delete, name="case_delete"),
    path("cases/<int:pk>/rectification/", views.case_rectify, name="case_rectify"),
    path("index/", views.burden_index, name="index"),
    path("index/<str:village>/<int:month>/", views.index_trace, name="index_trace"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.xlsx", views.dashboard_export, name="dashboard_export"),
]
