"""python manage.py registry_import FILE --mapping NAME [--org CODE] [--commit all|valid_only]

Stages the file (validation report printed), then commits when --commit is given. Runs as the system
(audited with no account) for the unit --org (default: the unit that saved the mapping)."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jianfu.core.errors import ApplicationError
from jianfu.registry import imports
from jianfu.registry.models import ImportBatch, ImportMapping


class Command(BaseCommand):
    help = "导入台账（xlsx/csv）：按已保存的列对应校验，打印错误报告，可选择入库。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--mapping", required=True, help="已保存的列对应（来源表）名称")
        parser.add_argument("--org", default="", help="导入到的单位代码（村12位，或乡镇/县）")
        parser.add_argument("--commit", choices=["all", "valid_only"], default=None,
                            help="校验后入库：all=整表（有错则不入库），valid_only=仅正确的行")
        parser.add_argument("--errors", type=int, default=50, help="最多打印多少条错误")
        parser.add_argument("--rejected", default="", help="把被拒绝的行写入该 xlsx 文件")

    def handle(self, *args, file, mapping, org, commit, errors, rejected, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 {file}")
        candidates = ImportMapping.objects.filter(name=mapping)
        if org:
            try:
                found = imports.mapping_by_name(org, mapping)
            except ApplicationError as exc:
                raise CommandError(exc.message) from None
        else:
            if candidates.count() != 1:
                raise CommandError(f"名为“{mapping}”的列对应有{candidates.count()}个，请用 --org 指定单位")
            found = candidates.get()
            org = found.org_code
        quiet = options.get("verbosity", 1) == 0
        with path.open("rb") as fh:
            batch = ImportBatch(org_code=org, mapping=found, original_name=path.name)
            batch.file.save(path.name, File(fh, name=path.name), save=True)
        bar = tqdm(unit="行", disable=quiet, desc="校验")

        def progress(done, total):
            if total and bar.total != total:
                bar.total = total
            bar.update(done - bar.n)

        batch = imports.import_batch_stage(batch_id=batch.pk, progress=progress)
        bar.close()
        if batch.status == ImportBatch.Status.FAILED:
            raise CommandError(batch.error_message)
        s = batch.summary
        self.stdout.write(f"共 {batch.total_rows} 行：正确 {batch.valid_rows}，有错误 {batch.error_rows}；"
                          f"预计新增 {s.get('new', 0)}，合并 {s.get('merge', 0)}，疑似重复待核 {s.get('review', 0)}")
        for e in imports.batch_errors(batch, limit=errors):
            self.stdout.write(f"  第{e['row']}行【{e['column']}】{e['message']}")
        if batch.error_rows > errors:
            self.stdout.write("  ……另有错误未显示（用 --errors 调整）")
        if rejected and batch.error_rows:
            Path(rejected).write_bytes(imports.import_rejected_xlsx(batch))
            self.stdout.write(f"被拒绝的行已写入 {rejected}")
        if not commit:
            self.stdout.write(f"批次 {batch.pk} 已校验，未入库（加 --commit all 或 --commit valid_only 入库）")
            return
        bar = tqdm(unit="行", disable=quiet, desc="入库", total=batch.valid_rows)

        def commit_progress(done, total):
            bar.update(done - bar.n)

        try:
            summary = imports.import_batch_commit(actor=None, batch=batch, mode=commit, progress=commit_progress)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        finally:
            bar.close()
        self.stdout.write(self.style.SUCCESS(
            f"已入库：新增 {summary['created']}，合并 {summary['merged']}（冲突 {summary['conflicts']} 项待处理），"
            f"疑似重复待核 {summary['reviews']}，跳过 {summary['skipped']}"))
