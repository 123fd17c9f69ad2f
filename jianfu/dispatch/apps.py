from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "jianfu.dispatch"
    label = "dispatch"
    verbose_name = "网格通·事件分拨"
