from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "jianfu.employment"
    label = "employment"
    verbose_name = "就业帮扶"
