from django.core.management.base import BaseCommand, CommandError

from jianfu.core.audit import seal_pending, verify_chain
from jianfu.core.models import AuditRecord


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exits non-zero and lists every break when a record was edited or deleted."

    def handle(self, *args, **options):
        seal_pending()  # committed records not sealed yet are not a break
        problems = list(verify_chain())
        total = AuditRecord.objects.count()
        if problems:
            for p in problems:
                where = f"记录 #{p.record_id}" if p.record_id else "链尾"
                self.stderr.write(f"{where}: {p.reason}")
            raise CommandError(f"审计链校验失败：{len(problems)} 处问题（共 {total} 条记录）。")
        self.stdout.write(f"审计链完整：{total} 条记录。")
