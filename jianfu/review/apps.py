from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "jianfu.review"
    label = "review"
    verbose_name = "减负一致性评估"
