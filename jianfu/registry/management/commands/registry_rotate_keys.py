"""python manage.py registry_rotate_keys — re-encrypt every registry ciphertext with the current key.

Rotation: put a new key FIRST in JIANFU_FIELD_KEYS (keep the old ones after it), restart, run this
command, check it reports 0 stale values (`--check`), then remove the old keys. See docs/registry.md."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jianfu.core import crypto
from jianfu.registry.services import registry_rotate_keys, stale_cipher_count


class Command(BaseCommand):
    help = "用当前密钥重新加密登记库中的身份证号、电话等密文。"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只统计尚未用当前密钥加密的值，不修改")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, check, batch_size, **options):
        try:
            current = crypto.key_ring().current_id
        except crypto.CryptoConfigurationError as exc:
            raise CommandError(str(exc)) from None
        if check:
            stale = stale_cipher_count()
            self.stdout.write(f"当前密钥 {current}；待轮换的密文 {stale} 个")
            if stale:
                raise CommandError("仍有密文未用当前密钥加密")
            return
        try:
            counts = registry_rotate_keys(batch_size=batch_size)
        except crypto.DecryptionError as exc:
            raise CommandError(f"无法解密：{exc}（旧密钥是否仍在 JIANFU_FIELD_KEYS 中？）") from None
        for column, n in counts.items():
            self.stdout.write(f"  {column}: {n}")
        self.stdout.write(self.style.SUCCESS(f"已用密钥 {current} 重新加密 {sum(counts.values())} 个值"))
