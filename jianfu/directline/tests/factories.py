"""Direct-line fixtures: a county key whose private half is wrapped for county_office (cheap scrypt)."""

from __future__ import annotations

from jianfu.directline import sealing, services
from jianfu.directline.models import CountyKey, HandlerSlot, Report

COUNTY = "450521000000"
TOWN = "450521200000"
PASSPHRASE = "直通车测试口令-abc-123"
TEST_LOG_N = 8


def county_key_with_handler(world, *, username: str = "county_office", passphrase: str = PASSPHRASE
                            ) -> tuple[CountyKey, bytes]:
    pair = sealing.new_key_pair()
    key = CountyKey.objects.create(org_code=COUNTY, public_key=pair.public, fingerprint=sealing.fingerprint(pair.public))
    add_slot(key, world.users[username], pair.private, passphrase)
    return key, pair.private


def add_slot(key: CountyKey, user, private: bytes, passphrase: str = PASSPHRASE) -> HandlerSlot:
    salt = sealing.new_salt()
    wrapped = sealing.wrap(private, key=sealing.passphrase_key(passphrase, salt=salt, log_n=TEST_LOG_N),
                           aad=f"directline:slot:{key.pk}:{user.pk}")
    return HandlerSlot.objects.create(county_key=key, user=user, salt=salt, log_n=TEST_LOG_N, wrapped_private=wrapped)


def submitted(text: str = "县里某局要求每个村每周上报三张台账照片，并在群里打卡排名。", *, township: str = TOWN,
              category: str = "materials", release: bool = True, **kwargs):
    """A report through the real service; `release` does what the next digest would (handlers see it)."""
    report, code = services.report_submit(county_code=COUNTY, township_code=township, category=category, text=text,
                                          **kwargs)
    if release:
        Report.objects.filter(pk=report.pk).update(held=False)
        report.held = False
    return report, code
