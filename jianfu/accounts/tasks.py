import datetime as dt

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jianfu.accounts.models import ApiToken


@db_periodic_task(crontab(minute="5"))
def expired_tokens_purge():
    """Hourly: drop tokens that expired over a week ago (they are refused from the moment they expire)."""
    ApiToken.objects.filter(expires_at__lt=timezone.now() - dt.timedelta(days=7)).delete()
