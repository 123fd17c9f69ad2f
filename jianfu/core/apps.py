from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jianfu.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        # Register the task-failure signal handler and the periodic checks in every process
        # (web, worker, tests), not only where huey autodiscovers tasks modules.
        from jianfu.core import tasks  # noqa: F401

        # Every text input of every form and serializer loses the characters no document can hold.
        from jianfu.core.cleaning import install_text_cleaning

        install_text_cleaning()
