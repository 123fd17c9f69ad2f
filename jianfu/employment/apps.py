from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "jianfu.employment"
    label = "employment"
    verbose_name = "就业帮扶"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jianfu.employment.models import KeyPerson, Referral, SeekerProfile
        from jianfu.registry.models import Person

        # what a seeker index is built from (`matchsvc.index_key`): a write queues its rebuild on the task queue
        for model in (KeyPerson, SeekerProfile, Referral, Person):
            post_save.connect(_index_changed, sender=model, dispatch_uid=f"employment-index-{model.__name__}")
            post_delete.connect(_index_changed, sender=model, dispatch_uid=f"employment-index-del-{model.__name__}")


def _index_changed(**kwargs) -> None:
    from jianfu.employment.tasks import index_changed

    index_changed(**kwargs)
