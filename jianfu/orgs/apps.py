from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "jianfu.orgs"
    label = "orgs"
    verbose_name = "行政区划与部门"
