from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The built-in report forms are loaded by an explicit, idempotent step after `migrate`
    (`manage.py reports_load_forms --if-changed`: `make run`, `make migrate` and docs/deploy.md run it), not by a
    post_migrate handler: a test database is migrated like any other and stays empty."""

    name = "jianfu.reports"
    label = "reports"
    verbose_name = "一表同享·报表"
