from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "jianfu.registry"
    label = "registry"
    verbose_name = "一表同享·基础信息库"
