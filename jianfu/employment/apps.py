from typing import Any

from django.apps import AppConfig

# The set-based writes to postings that send no signal of Posting (a bulk insert or an `.update()`): each records one
# audit row, whose save is the one signal such a write sends (`postings._write`, `import_confirm`, `import_withdraw`,
# `postings_expire`).
BULK_POSTING_ACTIONS = frozenset({
    "employment.posting.import", "employment.posting.import_confirm", "employment.posting.import_withdraw",
    "employment.posting.expire",
})


class EmploymentConfig(AppConfig):
    name = "jianfu.employment"
    label = "employment"
    verbose_name = "就业帮扶"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jianfu.core.models import AuditRecord
        from jianfu.employment.models import KeyPerson, Posting, Referral, SeekerProfile
        from jianfu.registry.models import Person

        # what a seeker index is built from (`matchsvc.index_key`), and what the county's text model is fitted on
        # (every open posting and every person looking for work, ADR 0037): a write queues the warm run on the task
        # queue, which fits and stores the model and rebuilds the indexes — without Posting here, the first web
        # process to see a posting edit fitted the model itself (mend19e)
        for model in (KeyPerson, SeekerProfile, Referral, Person, Posting):
            post_save.connect(_index_changed, sender=model, dispatch_uid=f"employment-index-{model.__name__}")
            post_delete.connect(_index_changed, sender=model, dispatch_uid=f"employment-index-del-{model.__name__}")
        # the bulk writes to postings (an import, its confirmation or withdrawal, the daily expiry) bypass Posting's
        # signals; the audit row each of them records is saved in the same transaction
        post_save.connect(_audit_recorded, sender=AuditRecord, dispatch_uid="employment-index-posting-bulk")


def _index_changed(**kwargs) -> None:
    from jianfu.employment.tasks import index_changed

    index_changed(**kwargs)


def _audit_recorded(*, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if created and instance.action in BULK_POSTING_ACTIONS:
        _index_changed(instance=instance, **kwargs)
