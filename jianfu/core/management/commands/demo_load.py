import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from jianfu.orgs.models import OrgUnit


class Command(BaseCommand):
    help = "Load the demo (合浦县 with synthetic data): each app's demo.load(), in INSTALLED_APPS order."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the database already has units")
        parser.add_argument("--only", nargs="*", default=None, help="app labels to load (default: all)")

    def handle(self, *args, if_empty=False, only=None, **options):
        if if_empty and OrgUnit.objects.exists():
            self.stdout.write("数据库已有数据，跳过演示数据加载。")
            self._upgrade(only)
            return
        # One transaction for the whole demo: a first `make run` stopped half-way (Ctrl-C in a load of minutes) leaves
        # nothing, so the next start loads it all again; before, the units of the first app were enough for
        # `--if-empty` to skip the rest for good (verify17).
        with transaction.atomic():
            for config, module in _demo_modules(only):
                started = time.monotonic()
                self.stdout.write(f"加载演示数据：{config.verbose_name} …")
                module.load(stdout=self.stdout)
                self.stdout.write(f"  完成（{time.monotonic() - started:.1f} 秒）")

    def _upgrade(self, only: list[str] | None) -> None:
        """An app's `demo.upgrade(stdout=…)`, when it has one: brings a demo database made by an older version in line
        with what the demo now says (the direct line's demo passphrase, newuser24 #2)."""
        for _config, module in _demo_modules(only):
            if hasattr(module, "upgrade"):
                with transaction.atomic():
                    module.upgrade(stdout=self.stdout)


def _demo_modules(only: list[str] | None):
    """(app config, its `demo` module) of each jianfu app that has one, in app order; only the labels in `only` if given."""
    for config in apps.get_app_configs():
        if not config.name.startswith("jianfu.") or (only and config.label not in only):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        yield config, module
