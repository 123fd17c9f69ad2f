"""`python manage.py reports_load_forms [--dir DIR] [--if-changed]`: load the YAML catalogue (categories, data
elements, templates) into the database — validated as a whole first, then written atomically.

`--if-changed` is the step after every `migrate` (an install or an upgrade: `make run`, `make migrate`,
docs/deploy.md): it loads only when the YAML differs from what the last load recorded, or no built-in form is in
the database (`catalog.forms_load_if_changed`), so running it again writes nothing."""

from __future__ import annotations

import pathlib

from django.core.management.base import BaseCommand, CommandError

from jianfu.reports.catalog import FORMS_DIR, forms_load, forms_load_if_changed
from jianfu.reports.engine import DefinitionError


class Command(BaseCommand):
    help = "Load jianfu/reports/forms/*.yaml (or --dir) into the report catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(FORMS_DIR), help="directory of *.yaml definitions")
        parser.add_argument("--if-changed", action="store_true",
                            help="load only when the YAML changed since the last load (the step after migrate)")

    def handle(self, *args, **options):
        directory = pathlib.Path(options["dir"])
        if not directory.is_dir():
            raise CommandError(f"目录不存在：{directory}")
        try:
            if options["if_changed"]:
                counts = forms_load_if_changed(directory=directory)
            else:
                counts = forms_load(actor=None, directory=directory)
        except DefinitionError as exc:
            raise CommandError(exc.message) from None
        if counts is None:
            if options["verbosity"] > 0:
                self.stdout.write("内置报表与上次载入的相同，未改动")
            return
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(
                    f"已载入 分类 {counts['categories']} 个、数据元素 {counts['elements']} 个、报表模板 {counts['templates']} 张"))
