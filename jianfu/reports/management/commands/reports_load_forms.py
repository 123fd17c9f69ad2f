"""`python manage.py reports_load_forms [--dir DIR]`: load the YAML catalogue (categories, data
elements, templates) into the database — validated as a whole first, then written atomically."""

from __future__ import annotations

import pathlib

from django.core.management.base import BaseCommand, CommandError

from jianfu.reports.catalog import FORMS_DIR, forms_load
from jianfu.reports.engine import DefinitionError


class Command(BaseCommand):
    help = "Load jianfu/reports/forms/*.yaml (or --dir) into the report catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(FORMS_DIR), help="directory of *.yaml definitions")

    def handle(self, *args, **options):
        directory = pathlib.Path(options["dir"])
        if not directory.is_dir():
            raise CommandError(f"目录不存在：{directory}")
        try:
            counts = forms_load(actor=None, directory=directory)
        except DefinitionError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(
            f"已载入 分类 {counts['categories']} 个、数据元素 {counts['elements']} 个、报表模板 {counts['templates']} 张"))
