"""Rows written straight to the database, for tests of reads, refusals and the scan."""

from __future__ import annotations

import datetime as dt
import itertools

from jianfu.employment.models import KeyPerson, KeyStatus, Posting, PostingStatus, SeekerProfile
from jianfu.registry import sensitive
from jianfu.registry.ledger.values import local_today, make_id_number
from jianfu.registry.models import Organisation, Person

VILLAGE_A = "450521200206"
GRID_A = "450521200206001"
VILLAGE_B = "450521200201"
VILLAGE_C = "450521100001"
TOWN = "450521200000"
COUNTY = "450521000000"
_seq = itertools.count(1)


def person_in(org: str = VILLAGE_A, grid: str | None = GRID_A, *, name: str = "", birth=dt.date(1985, 3, 4),
              gender: str = "F", **fields) -> Person:
    n = next(_seq)
    number = make_id_number("450521", birth, (n * 2 + (1 if gender == "M" else 0)) % 1000)
    cipher, index, masked = sensitive.seal_id(number)
    pc, pi, pm = sensitive.seal_phone(f"138{n:08d}")
    fields.setdefault("employment_status", "unemployed")
    return Person.objects.create(org_code=org, grid_code=grid, name=name or f"测试人员{n}", birth_date=birth,
                                 gender=gender, id_number_cipher=cipher, id_number_index=index,
                                 id_number_masked=masked, phone_cipher=pc, phone_index=pi, phone_masked=pm,
                                 **fields)


def key_person_in(org: str = VILLAGE_A, grid: str | None = GRID_A, *, status: str = KeyStatus.UNEMPLOYED,
                  identified_on: dt.date | None = None, profile: dict | None = None, person: Person | None = None,
                  **fields) -> KeyPerson:
    person = person or person_in(org, grid)
    on = identified_on or local_today()
    kp = KeyPerson.objects.create(person=person, org_code=person.org_code, grid_code=person.grid_code, status=status,
                                  status_since=on, identified_on=on, is_registered_unemployed=True,
                                  unemployment_registered_on=on, **fields)
    if profile is not None:
        SeekerProfile.objects.create(key_person=kp, org_code=kp.org_code, **profile)
    return kp


def employer(name: str = "合浦县海产加工有限公司", org: str = TOWN, credit_code: str | None = None) -> Organisation:
    return Organisation.objects.create(org_code=org, name=name, kind="enterprise", credit_code=credit_code)


def posting_in(org: str = TOWN, *, status: str = PostingStatus.OPEN, title: str = "海产品分拣工", **fields) -> Posting:
    n = next(_seq)
    values = {"organisation": fields.pop("organisation", None) or employer(f"测试单位{n}", org), "org_code": org,
              "title": title, "headcount": 3, "wage_min": 3500, "wage_max": 4500, "place_text": "曲樟乡",
              "place_code": org if org != COUNTY else "", "description": "分拣冻虾、包装，计件。",
              "status": status, "fingerprint": f"test-{n}"}
    values.update(fields)
    return Posting.objects.create(**values)


def snapshot_kp(kp: KeyPerson) -> tuple:
    kp = KeyPerson.objects.get(pk=kp.pk)
    return (kp.status, kp.status_since, kp.history.count(), kp.visits.count(), kp.referrals.count(),
            kp.services.count(), kp.is_graduate, kp.note, getattr(kp, "profile", None) and kp.profile.desired_text)


def hrss_account(world):
    """The county's 人社局 (short code RS) and its account `dept_hrss`, added to the test world (N02, session 11)."""
    from jianfu.accounts.models import User
    from jianfu.orgs.models import OrgUnit

    if "dept_hrss" not in world.users:
        unit = OrgUnit.objects.create(code="450521000000D31", name="人力资源和社会保障局", kind="department", level=3,
                                      parent_code=COUNTY, short_code="RS")
        user = User(username="dept_hrss", role="department", org_unit=unit)
        user.set_password("jianfu-test-password")
        user.save()
        world.units["dept_hrss"], world.users["dept_hrss"] = unit, user
    return world.users["dept_hrss"]


def refer_confirmed(client, url: str, data: dict):
    """推荐给单位 as a phone does it (newuser19 #3): the list's button posts `data` and gets the confirm page, whose
    确认推荐 posts its own fields (its one-time form_token among them). Returns (confirm page response, the answer)."""
    import html as html_lib
    import re

    page = client.post(url, data)
    assert page.status_code == 200, page.status_code
    html = page.content.decode()
    form = html[html.index('id="referral-confirm"'):]
    form = form[form.index("<form"):form.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', form))
    return page, client.post(url, {k: html_lib.unescape(v) for k, v in fields.items()})
