from django.apps import AppConfig


class DirectlineConfig(AppConfig):
    name = "jianfu.directline"
    label = "directline"
    verbose_name = "基层减负直通车"
