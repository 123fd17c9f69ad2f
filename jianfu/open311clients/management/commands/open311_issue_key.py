"""`manage.py open311_issue_key --name NAME --county 450521 [--mode realtime|batch] [--contact …]`

Issues an Open311 api_key for a client whose requests land in the county. The key is printed once;
only its SHA-256 is stored. `--deactivate PREFIX` switches off the active client(s) whose key starts
with PREFIX instead."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jianfu.core.errors import ApplicationError
from jianfu.open311clients.models import Open311Client
from jianfu.open311clients.services import client_deactivate, client_issue


class Command(BaseCommand):
    help = "签发（或停用）一个 Open311 接口密钥 api_key"

    def add_arguments(self, parser):
        parser.add_argument("--name", help="客户端名称，如“北海网格通 App”")
        parser.add_argument("--county", help="受理县（市、区）代码，如 450521")
        parser.add_argument("--mode", default="realtime", choices=["realtime", "batch"])
        parser.add_argument("--contact", default="")
        parser.add_argument("--deactivate", metavar="PREFIX", help="停用密钥前缀为 PREFIX 的客户端")

    def handle(self, *args, **opts):
        if opts["deactivate"]:
            clients = list(Open311Client.objects.filter(key_prefix=opts["deactivate"][:8], is_active=True))
            if not clients:
                raise CommandError(f"没有密钥前缀为 {opts['deactivate'][:8]} 的有效客户端。")
            for client in clients:
                client_deactivate(actor=None, client=client)
                self.stdout.write(f"已停用：{client}")
            return
        if not opts["name"] or not opts["county"]:
            raise CommandError("请同时提供 --name 和 --county。")
        try:
            client, raw_key = client_issue(actor=None, name=opts["name"], org_code=opts["county"],
                                           mode=opts["mode"], contact=opts["contact"])
        except ApplicationError as exc:
            raise CommandError(f"{exc.field or ''}: {exc.message}") from exc
        self.stdout.write(f"客户端：{client.name}（受理县 {client.org_code[:6]}，{client.get_mode_display()}）")
        self.stdout.write(f"api_key（只显示这一次，请妥善保存）：{raw_key}")
