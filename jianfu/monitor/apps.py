from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "jianfu.monitor"
    label = "monitor"
    verbose_name = "减负监测"
