from django.apps import AppConfig


class Open311ClientsConfig(AppConfig):
    name = "jianfu.open311clients"
    label = "open311clients"
    verbose_name = "Open311 接口客户端"
    default_auto_field = "django.db.models.BigAutoField"
