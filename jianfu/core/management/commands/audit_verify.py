from django.core.management.base import BaseCommand, CommandError

from jianfu.core.audit import anchor_head, seal_pending, verify_chain
from jianfu.core.models import AuditRecord


class Command(BaseCommand):
    help = ("Verify the audit log's keyed hash chain and its anchors outside the database; exits non-zero and "
            "lists every break. A chain found intact has its head appended to the anchor file.")

    def add_arguments(self, parser):
        parser.add_argument("--anchors", metavar="FILE", default=None,
                            help="check against this copy of the anchors instead of JIANFU_AUDIT_ANCHOR_PATH, "
                                 "e.g. the lines the syslog host kept (JIANFU_AUDIT_ANCHOR_SYSLOG)")

    def handle(self, *args, **options):
        seal_pending()  # committed records not sealed yet are not a break
        problems = list(verify_chain(anchor_path=options["anchors"]))
        total = AuditRecord.objects.count()
        if problems:
            for p in problems:
                where = f"记录 #{p.record_id}" if p.record_id else "链尾"
                self.stderr.write(f"{where}: {p.reason}")
            raise CommandError(f"审计链校验失败：{len(problems)} 处问题（共 {total} 条记录）。")
        anchored = anchor_head(reason="audit_verify")
        where = f"；链头已写入外部锚点 {anchored['count']}:{anchored['digest'][:12]}…" if anchored else ""
        self.stdout.write(f"审计链完整：{total} 条记录{where}。")
