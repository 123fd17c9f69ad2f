from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jianfu.reports"
    label = "reports"
    verbose_name = "一表同享·报表"
