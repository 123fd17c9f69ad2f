"""python manage.py employment_import_postings FILE --as USERNAME [--county 450521] [--errors 50]

The web page's import for files too large for a web request (a 人社局's whole job board): the same
validation, all or nothing, run as a named account (it needs employment.manage and is audited as it)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jianfu.core.errors import ApplicationError
from jianfu.employment import postings


class Command(BaseCommand):
    help = "批量导入招聘岗位（xlsx/csv，整表校验，有错则全部不入库）。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--as", dest="username", required=True, help="以哪个账号导入（需有岗位管理权限）")
        parser.add_argument("--county", default="", help="县代码（系统管理员导入时指定，如 450521）")
        parser.add_argument("--errors", type=int, default=50, help="最多打印多少条错误")

    def handle(self, *args, file, username, county, errors, **options):
        from jianfu.accounts.models import User

        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 {file}")
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"找不到账号 {username}")
        started = time.monotonic()
        try:
            with path.open("rb") as fh:
                result = postings.posting_import(actor=actor, file=fh, filename=path.name, county_code=county)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        batch = result.batch
        if result.errors:
            for e in result.errors[:errors]:
                where = f"第{e['row']}行 {e['column']}：" if e["row"] else ""
                self.stderr.write(f"{where}{e['message']}")
            raise CommandError(f"文件有 {len(result.errors)} 处错误（只列出前 {min(errors, len(result.errors))} 处），"
                               "没有任何数据入库。")
        self.stdout.write(f"入库岗位 {batch.created_count} 个，新登记单位 {batch.employers_created} 个，"
                          f"疑似歧视待核查 {batch.flagged_count} 个（{time.monotonic() - started:.1f} 秒）")
