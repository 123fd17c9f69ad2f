from django.apps import AppConfig


class VillagepagesConfig(AppConfig):
    name = "jianfu.villagepages"
    label = "villagepages"
    verbose_name = "村（社区）公开页"
