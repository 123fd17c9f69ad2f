"""`manage.py directline_digest_now` — the demo only (`make directline-digest`): send the direct line's digest now, so
what was just reported reaches the handler's list without waiting for the next 9:00 or 15:00 (mend34 #4).

Refused anywhere but the demo on the embedded default (`settings.JIANFU_DEMO_LOGIN_NOTE`: JIANFU_DEMO set, SQLite
under var/, local secrets): in a deployment the fixed times are the protection — an off-schedule digest would tell the
mail server and the handlers' phones within minutes when a report was written."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.directline import services
from jianfu.directline.models import Report


class Command(BaseCommand):
    help = "直通车（仅演示）：立即发送汇总，新反映马上进入办理人列表。"

    def handle(self, *args, **options):
        if not settings.JIANFU_DEMO_LOGIN_NOTE:
            raise CommandError("只能在演示环境（make run 的内置数据库）中使用：正式环境的反映只在工作日 9:00、15:00 的汇总时"
                               "进入办理人列表，提前放行会暴露反映的时间。")
        waiting = Report.objects.filter(pending_digest=True).count()
        services.digest_send(slot=timezone.now().replace(second=0, microsecond=0))
        self.stdout.write(f"已放行 {waiting} 条反映或补充，办理人刷新列表即可看到。")
