from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "jianfu.employment"
    label = "employment"
    verbose_name = "就业帮扶"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

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
        # signals: each queues the warm run itself (`postings._postings_written`)


def _index_changed(**kwargs) -> None:
    from jianfu.employment.tasks import index_changed

    index_changed(**kwargs)

