"""Set up a county's direct line from the console: `manage.py directline_keys init <county code> <username>`.

The first handler types their passphrase here (twice, not echoed); it never reaches the web server's
logs or the shell history. Later handlers are invited from the web page by an unlocked handler."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from jianfu.accounts.models import User
from jianfu.core.errors import ApplicationError
from jianfu.directline import services


class Command(BaseCommand):
    help = "直通车: create a county's key pair, wrapped for its first designated handler."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init"])
        parser.add_argument("county_code")
        parser.add_argument("username")

    def handle(self, *args, action, county_code, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"找不到账号 {username}")
        first = getpass.getpass("直通车口令（至少 12 个字符，不要用登录密码）：")
        if first != getpass.getpass("再输入一次："):
            raise CommandError("两次输入的口令不一致。")
        try:
            key = services.county_key_create(actor=None, county_code=county_code, handler=user, passphrase=first)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已开通直通车：{county_code}，公钥指纹 {key.fingerprint}，首位办理人 {username}。")
