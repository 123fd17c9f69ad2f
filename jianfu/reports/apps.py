from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate


def load_forms_after_migrate(sender, *, plan=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Every `migrate` (an install or an upgrade) ends with the built-in report forms loaded when their YAML changed
    (`catalog.forms_load_if_changed`), so no `reports_load_forms` step after an upgrade. Not after a test's flush,
    which sends the same signal without a migration plan: a flushed database stays as empty as the test expects.
    Nor under the tests (`settings.TESTING`): a test database is migrated empty, without a `reports.forms.load`
    audit record or forms the tests do not expect; the tests of this handler send the signal themselves."""
    from django.conf import settings

    if plan is None or using != DEFAULT_DB_ALIAS or settings.TESTING:
        return
    from jianfu.reports.catalog import forms_load_if_changed

    forms_load_if_changed()


class ReportsConfig(AppConfig):
    name = "jianfu.reports"
    label = "reports"
    verbose_name = "一表同享·报表"

    def ready(self) -> None:
        post_migrate.connect(load_forms_after_migrate, sender=self, dispatch_uid="jianfu.reports.load_forms")
