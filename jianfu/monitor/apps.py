from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "jianfu.monitor"
    label = "monitor"
    verbose_name = "减负监测"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jianfu.orgs.models import OrgUnit

        post_save.connect(_unit_changed, sender=OrgUnit, dispatch_uid="monitor-unit-names")
        post_delete.connect(_unit_changed, sender=OrgUnit, dispatch_uid="monitor-unit-names-delete")


def _unit_changed(sender, instance, **kwargs) -> None:
    """The ledger form's cached unit names of the unit's county are dropped (monitor.selectors.unit_names)."""
    from jianfu.monitor.selectors import unit_names_forget

    unit_names_forget(instance.code)
