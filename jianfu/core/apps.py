from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jianfu.core"
    label = "core"
    verbose_name = "核心"
