"""python manage.py employment_import_postings FILE --as USERNAME [--county 450521] [--errors 50] [--publish]
       [--skip-duplicates]
   python manage.py employment_import_postings --confirm ID --as USERNAME
   python manage.py employment_import_postings --withdraw ID --as USERNAME

The web page's import for files too large for a web request (a 人社局's whole job board): the same
validation, all or nothing, run as a named account (it needs employment.manage and is audited as it).

The hold is the service's rule, the same as the web upload's and the API's: a file of more than
`postings.CONFIRM_ABOVE` postings is written 待确认 (not public) and the command prints the batch id and how
to confirm it. `--publish` skips the hold (the operator at the terminal asked for it). `--confirm ID` /
`--withdraw ID` act on a held batch as the `--as` account, with the web's rules: only the uploader confirms,
any manager of the batch's unit withdraws; a batch outside the account's scope is not found.

Duplicate rows (a row repeating an earlier row, or a posting already registered) refuse the file like any other
error; `--skip-duplicates` is the explicit choice to skip them and import the rest (recorded on the batch, listed)."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jianfu.core.errors import ApplicationError
from jianfu.employment import importjobs, postings
from jianfu.employment.models import PostingImport
from jianfu.employment.uploads import too_large


class Command(BaseCommand):
    help = "批量导入招聘岗位（xlsx/csv，整表校验，有错则全部不入库；超过500个岗位的文件待确认后才公开）。"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="")
        parser.add_argument("--as", dest="username", required=True, help="以哪个账号导入（需有岗位管理权限）")
        parser.add_argument("--county", default="", help="县代码（系统管理员导入时指定，如 450521）")
        parser.add_argument("--errors", type=int, default=50, help="最多打印多少条错误")
        parser.add_argument("--max-mb", type=int, default=None,
                            help="文件大小上限（MB），超过的文件不读取；默认取设置 JIANFU_EMPLOYMENT_CLI_MAX_MB"
                                 f"（{settings.JIANFU_EMPLOYMENT_CLI_MAX_MB} MB）")
        parser.add_argument("--publish", action="store_true",
                            help=f"不论多少岗位都立即公开（跳过超过 {postings.CONFIRM_ABOVE} 个岗位时的待确认）")
        parser.add_argument("--skip-duplicates", action="store_true",
                            help="跳过重复行（与文件中前面的行或已登记的岗位相同），导入其余的行；默认有重复行则整表不入库")
        act = parser.add_mutually_exclusive_group()
        act.add_argument("--confirm", type=int, metavar="ID", help="确认发布待确认的批次（只有上传人可以确认）")
        act.add_argument("--withdraw", type=int, metavar="ID", help="撤销本批：该批次的岗位全部下架")

    def handle(self, *args, file, username, county, errors, publish, confirm, withdraw, skip_duplicates=False,
               max_mb=None, **options):
        from jianfu.accounts.models import User

        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"找不到账号 {username}")
        if confirm is not None or withdraw is not None:
            if file or publish or skip_duplicates:
                raise CommandError("确认发布或撤销批次时不要同时给出文件、--publish 或 --skip-duplicates。")
            self._act(actor, confirm if confirm is not None else withdraw, "confirm" if confirm is not None
                      else "withdraw")
            return
        if not file:
            raise CommandError("请给出要导入的文件，或用 --confirm ID / --withdraw ID 处理待确认的批次。")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 {file}")
        cap_mb = settings.JIANFU_EMPLOYMENT_CLI_MAX_MB if max_mb is None else max_mb
        if cap_mb < 1:
            raise CommandError("--max-mb 应为正整数（MB）。")
        if (size := path.stat().st_size) > cap_mb * 2**20:     # refused before it is read (mend35 #6)
            raise CommandError(f"{file}：{too_large(size, cap_mb)}（或用 --max-mb 提高上限）")
        started = time.monotonic()
        try:
            with path.open("rb") as fh:
                result = postings.posting_import(actor=actor, file=fh, filename=path.name, county_code=county,
                                                 publish=publish, skip_duplicates=skip_duplicates)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        batch = result.batch
        if batch.nothing_new:   # every row registered already: nothing to do, not an error list (newuser19 #2)
            raise CommandError(str(importjobs.NOTHING_NEW) % {"t": batch.total_rows})
        if result.errors:
            for e in result.errors[:errors]:
                where = f"第{e['row']}行 {e['column']}：" if e["row"] else ""
                self.stderr.write(f"{where}{e['message']}")
            if batch.refused_for_duplicates_only:
                raise CommandError(f"文件共 {batch.total_rows} 行，其中 {batch.duplicate_count} 行重复，没有任何数据入库。"
                                   f"加上 --skip-duplicates 可跳过这些重复行，导入其余 {batch.rest_count} 条。")
            raise CommandError(f"文件有 {len(result.errors)} 处错误（只列出前 {min(errors, len(result.errors))} 处），"
                               "没有任何数据入库。")
        seconds = f"{time.monotonic() - started:.1f} 秒"
        if batch.skipped:
            for e in batch.skipped[:errors]:
                self.stdout.write(f"跳过第{e['row']}行：{e['message']}")
            self.stdout.write(f"已跳过重复行 {batch.duplicate_count} 行。")
        if batch.status == PostingImport.Status.AWAITING:
            self.stdout.write(
                f"批次 {batch.pk}（待确认）：{postings.held_message(batch)}新登记单位 {batch.employers_created} 个，"
                f"疑似歧视待核查 {batch.flagged_count} 个（{seconds}）。\n"
                f"核对无误后确认发布：python manage.py employment_import_postings --confirm {batch.pk} --as {username}\n"
                f"如有问题撤销本批：python manage.py employment_import_postings --withdraw {batch.pk} --as {username}")
            return
        self.stdout.write(f"批次 {batch.pk}：入库岗位 {batch.created_count} 个，"
                          + (f"按编号更新已登记岗位 {batch.updated_count} 个，" if batch.updated_count else "")
                          + f"新登记单位 {batch.employers_created} 个，"
                          f"疑似歧视待核查 {batch.flagged_count} 个（{seconds}）")

    def _act(self, actor, pk: int, action: str) -> None:
        try:
            batch = postings.import_get(user=actor, pk=pk)
            move = postings.import_confirm if action == "confirm" else postings.import_withdraw
            batch = move(actor=actor, batch=batch)
        except ApplicationError as exc:
            raise CommandError(f"批次 {pk}：{exc.message}") from None
        if action == "confirm":
            self.stdout.write(f"批次 {pk} 已确认发布：{batch.created_count - batch.flagged_count} 个岗位已公开，"
                              f"疑似歧视待核查 {batch.flagged_count} 个（核查通过后公开）。")
        else:
            self.stdout.write(f"批次 {pk} 已撤销：{batch.created_count} 个岗位已全部下架（本批新登记的单位保留）。")
