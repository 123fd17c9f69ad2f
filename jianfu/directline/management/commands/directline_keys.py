"""A county's direct-line keys from the console.

- `manage.py directline_keys init <county code> <username>`: create the county's key pair for its first
  designated handler, who types their passphrase here (twice, not echoed); it never reaches the web
  server's logs or the shell history. Later handlers are invited from the web page by an unlocked handler.
- `manage.py directline_keys rotate <county code> <username>`: that handler unlocks and rotates the
  county key (a new key pair, every report re-sealed, the old private key destroyed), or completes a
  rotation that was interrupted (docs/directline.md, "Key rotation")."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from jianfu.accounts.models import User
from jianfu.core.errors import ApplicationError
from jianfu.directline import rotation, services


class Command(BaseCommand):
    help = "直通车: create a county's key pair (init), or rotate it and re-seal every report (rotate)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init", "rotate"])
        parser.add_argument("county_code")
        parser.add_argument("username")

    def handle(self, *args, action, county_code, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"找不到账号 {username}")
        try:
            if action == "rotate":
                self._rotate(user, county_code)
                return
            first = getpass.getpass("直通车口令（至少 12 个字符，不要用登录密码）：")
            if first != getpass.getpass("再输入一次："):
                raise CommandError("两次输入的口令不一致。")
            key = services.county_key_create(actor=None, county_code=county_code, handler=user, passphrase=first)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已开通直通车：{county_code}，公钥指纹 {key.fingerprint}，首位办理人 {username}。")

    def _rotate(self, user: User, county_code: str) -> None:
        slot = services.require_slot(user)
        if slot.county_key.org_code != county_code:
            raise CommandError(f"{user.username} 不是 {county_code} 的直通车办理人。")
        private = services.handler_unlock(actor=user, passphrase=getpass.getpass("直通车口令："))
        running = rotation.running_rotation(county_code)
        if running is None:
            result = rotation.rotation_start(actor=user, private=private)
            running, private = result.rotation, result.new_private
            self.stdout.write(f"新公钥指纹 {running.new_key.fingerprint}；共 {running.total} 条反映待重新加密。")
            if result.reinvite:
                self.stdout.write("以下办理人须重新邀请：" + "、".join(result.reinvite))
        else:
            running = rotation.rotation_resume(actor=user, private=private)
            self.stdout.write(f"继续未完成的更换：已完成 {running.resealed} / {running.total}。")
        rotation.rotation_run(actor=user, rotation=running, new_private=private,
                              on_batch=lambda r: self.stdout.write(f"已重新加密 {r.resealed} / {r.total}"))
        self.stdout.write(f"密钥更换完成，旧私钥已销毁。新公钥指纹 {running.new_key.fingerprint}。")
