from django.core.management.base import BaseCommand
from django.db import transaction

from jianfu.core.audit import anchor_head, audit_record, reseal_chain


class Command(BaseCommand):
    help = ("Re-seal the whole audit chain with the current JIANFU_AUDIT_KEY (after the upgrade to the keyed "
            "chain, which migration core 0004 already did, or after replacing a leaked key). Reports the breaks "
            "it found in the chain as it was, records itself in the log and anchors the new head.")

    def handle(self, *args, **options):
        result = reseal_chain()
        with transaction.atomic():
            audit_record(actor=None, action="core.audit.reseal", object_type="core.auditchainhead", object_id=1,
                         object_repr="审计链", changes=result)
        anchor_head(reason="audit_reseal")
        self.stdout.write(f"已用密钥重新封存审计链：{result['records']} 条记录；原链中发现 {result['legacy_breaks']} 处断点。")
