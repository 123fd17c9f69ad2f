"""`manage.py dispatch_load_catalogue --county 450521 [--file catalogue.yaml] [--effective 2026-01-01]`"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from jianfu.core.errors import ApplicationError


class Command(BaseCommand):
    help = "把职责清单（默认为项目自带的 catalogue.yaml）导入一个县并发布。"

    def add_arguments(self, parser):
        parser.add_argument("--county", required=True, help="县级区划代码，6 位或 12 位，如 450521")
        parser.add_argument("--file", default=None, help="YAML 文件（默认 jianfu/dispatch/data/catalogue.yaml）")
        parser.add_argument("--effective", default=None, help="生效日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--draft", action="store_true", help="只导入为草稿，不发布")

    def handle(self, *args, county, file, effective, draft, **options):
        from jianfu.dispatch.catalogue import catalogue_load_yaml

        try:
            effective_from = dt.date.fromisoformat(effective) if effective else None
        except ValueError:
            raise CommandError(f"生效日期格式不正确：{effective}") from None
        try:
            version = catalogue_load_yaml(actor=None, county_code=county, path=file, effective_from=effective_from,
                                          publish=not draft)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已导入 {version}：{version.matters.count()} 个事项，状态 {version.get_state_display()}"
                          + (f"，{version.effective_from} 起生效" if version.effective_from else ""))
