"""Session 28 (dev-emp28): an employer's 推荐记录 — the people referred to its postings and what came of it, per employer
(`employers/<id>/referrals/`) and per posting (`postings/<id>/referrals/`), newest first, 30 a page. Who: whoever
manages the postings and reads people (the county office, the county's 人社局, a township for its town's postings,
admin); rows only of people the account reads (the scoping rule), the rest counted; identifiers masked, no reveal."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.employment.models import Referral
from jianfu.employment.tests.factories import (
    TOWN,
    VILLAGE_A,
    VILLAGE_C,
    employer,
    hrss_account,
    key_person_in,
    person_in,
    posting_in,
)
from jianfu.orgs.models import OrgUnit
from jianfu.registry.services import person_id_number

TOWN2 = "450521100000"
d = dt.date


def rows(page: str) -> list[tuple[str, ...]]:
    """Each referral row's cells, as text."""
    found = []
    for row in re.findall(r'<tr id="referral-\d+">(.*?)</tr>', page, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        found.append(tuple(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in cells))
    return found


@pytest.fixture
def story(world):
    hrss_account(world)
    firm = employer("合浦县曲樟荔枝专业合作社", TOWN)
    picking = posting_in(TOWN, title="荔枝采摘工", organisation=firm)
    sorting = posting_in(TOWN, title="荔枝分拣工", organisation=firm)
    elsewhere = posting_in(
        TOWN2, title="冷库搬运工", organisation=firm
    )  # the same employer, a posting of another town
    chen = key_person_in(person=person_in(VILLAGE_A, name="陈美玲"))
    li = key_person_in(person=person_in(VILLAGE_A, name="李海燕"))
    huang = key_person_in(person=person_in(VILLAGE_C, None, name="黄志强"))  # of another town
    cadre = world.users["village_a"]

    def refer(kp, posting, on, status="recommended", **fields):
        return Referral.objects.create(
            key_person=kp,
            posting=posting,
            org_code=kp.org_code,
            grid_code=kp.grid_code,
            referred_on=on,
            status=status,
            referred_by=cadre,
            **fields,
        )

    r = {
        "chen_picking": refer(chen, picking, d(2026, 11, 2)),
        "li_picking": refer(li, picking, d(2026, 10, 20), "hired", closed_on=d(2026, 11, 5)),
        "chen_sorting": refer(
            chen,
            sorting,
            d(2026, 10, 1),
            "refused",
            closed_on=d(2026, 10, 10),
            refused_by="employer",
            refusal_reason="岗位已招满",
        ),
        "huang_picking": refer(huang, picking, d(2026, 11, 3)),
        "li_elsewhere": refer(li, elsewhere, d(2026, 11, 4), "interviewed"),
    }
    village_a = OrgUnit.objects.get(code=VILLAGE_A).name
    village_c = OrgUnit.objects.get(code=VILLAGE_C).name
    masked = {kp.person.name: kp.person.id_number_masked for kp in (chen, li, huang)}
    row = {
        "chen_picking": (
            "陈美玲 已推荐",
            masked["陈美玲"],
            village_a,
            "荔枝采摘工",
            "2026-11-02",
            "—",
            "—",
            str(cadre),
        ),
        "li_picking": (
            "李海燕 已录用",
            masked["李海燕"],
            village_a,
            "荔枝采摘工",
            "2026-10-20",
            "2026-11-05",
            "—",
            str(cadre),
        ),
        "chen_sorting": (
            "陈美玲 未成功",
            masked["陈美玲"],
            village_a,
            "荔枝分拣工",
            "2026-10-01",
            "2026-10-10",
            "用人单位未接受：岗位已招满",
            str(cadre),
        ),
        "huang_picking": (
            "黄志强 已推荐",
            masked["黄志强"],
            village_c,
            "荔枝采摘工",
            "2026-11-03",
            "—",
            "—",
            str(cadre),
        ),
        "li_elsewhere": (
            "李海燕 已面试",
            masked["李海燕"],
            village_a,
            "冷库搬运工",
            "2026-11-04",
            "—",
            "—",
            str(cadre),
        ),
    }
    return {
        "firm": firm,
        "picking": picking,
        "sorting": sorting,
        "elsewhere": elsewhere,
        "r": r,
        "row": row,
        "people": (chen, li, huang),
    }


def get(world, username, path):
    response = world.client(username).get(path)
    return response.status_code, response.content.decode()


def test_the_township_reads_its_employers_referrals_of_its_own_people_newest_first(world, story):
    status, page = get(world, "town_quzhang", f"/employment/employers/{story['firm'].pk}/referrals/")
    assert status == 200
    row = story["row"]
    assert rows(page) == [row["chen_picking"], row["li_picking"], row["chen_sorting"]]
    # another town's person referred to its posting: counted, not named; the posting of another town not at all
    assert (
        '<p class="muted" id="referrals-hidden">另有 1 人由其他地区推荐，不在您的管辖范围内，未列出。</p>'
        in page
    )
    assert "黄志强" not in page and "冷库搬运工" not in page
    assert re.findall(
        r'<li><a href="/employment/postings/(\d+)/referrals/">([^<]+)</a>.*?推荐(\d+)人</li>', page
    ) == [(str(story["sorting"].pk), "荔枝分拣工", "1"), (str(story["picking"].pk), "荔枝采摘工", "2")]


@pytest.mark.parametrize("username", ["county_office", "dept_hrss", "admin"])
def test_the_county_reads_every_referral_to_the_employer(world, story, username):
    status, page = get(world, username, f"/employment/employers/{story['firm'].pk}/referrals/")
    assert status == 200
    row = story["row"]
    assert rows(page) == [
        row["li_elsewhere"],
        row["huang_picking"],
        row["chen_picking"],
        row["li_picking"],
        row["chen_sorting"],
    ]
    assert 'id="referrals-hidden"' not in page


def test_one_postings_referrals_and_a_filter_by_outcome(world, story):
    picking = story["picking"].pk
    status, page = get(world, "town_quzhang", f"/employment/postings/{picking}/referrals/")
    assert status == 200
    assert rows(page) == [story["row"][k][:3] + story["row"][k][4:] for k in ("chen_picking", "li_picking")]
    assert "另有 1 人由其他地区推荐" in page
    status, page = get(world, "county_office", f"/employment/postings/{picking}/referrals/?status=hired")
    assert rows(page) == [story["row"]["li_picking"][:3] + story["row"]["li_picking"][4:]]
    assert '<option value="hired" selected>已录用</option>' in page
    # an unknown status lists all
    status, page = get(world, "county_office", f"/employment/postings/{picking}/referrals/?status=nope")
    assert len(rows(page)) == 3


def test_identifiers_are_masked_and_nothing_is_revealed_from_the_list(world, story):
    from jianfu.core.models import AuditRecord

    audits = AuditRecord.objects.count()
    _status, page = get(world, "county_office", f"/employment/employers/{story['firm'].pk}/referrals/")
    for kp in story["people"]:
        assert kp.person.id_number_masked in page and person_id_number(kp.person) not in page
    assert "reveal" not in page and "查看完整" not in page
    assert AuditRecord.objects.count() == audits


def test_thirty_a_page_newest_first(world, story):
    firm = employer("合浦县廉州冻品有限公司", TOWN)
    posting = posting_in(TOWN, title="冻品包装工", organisation=firm)
    made = []
    for n in range(31):
        kp = key_person_in(person=person_in(VILLAGE_A, name=f"求职者{n:02d}"))
        made.append(
            Referral.objects.create(
                key_person=kp,
                posting=posting,
                org_code=kp.org_code,
                grid_code=kp.grid_code,
                referred_on=d(2026, 10, 1) + dt.timedelta(days=n),
            )
        )
    _status, first = get(world, "town_quzhang", f"/employment/employers/{firm.pk}/referrals/")
    _status, second = get(world, "town_quzhang", f"/employment/employers/{firm.pk}/referrals/?page=2")
    assert [r[0] for r in rows(first)] == [f"求职者{n:02d} 已推荐" for n in range(30, 0, -1)]
    assert [r[0] for r in rows(second)] == ["求职者00 已推荐"]
    assert "第 1 / 2 页，共 31 条" in first
    _status, filtered = get(
        world, "town_quzhang", f"/employment/postings/{posting.pk}/referrals/?status=recommended"
    )
    assert 'href="?status=recommended&page=2"' in filtered


@pytest.mark.parametrize("username", ["village_a", "grid_a", "dept_housing"])
def test_who_does_not_manage_postings_is_refused(world, story, username):
    for path in (
        f"/employment/employers/{story['firm'].pk}/referrals/",
        f"/employment/postings/{story['picking'].pk}/referrals/",
    ):
        assert world.client(username).get(path).status_code == 403, (username, path)


def test_a_township_gets_no_employer_or_posting_outside_its_town(world, story):
    other = employer("廉州镇某物流公司", TOWN2)
    posting_in(TOWN2, title="快递分拣员", organisation=other)
    assert get(world, "town_quzhang", f"/employment/employers/{other.pk}/referrals/")[0] == 404
    assert get(world, "town_quzhang", f"/employment/postings/{story['elsewhere'].pk}/referrals/")[0] == 404
    assert get(world, "town_quzhang", "/employment/employers/999999/referrals/")[0] == 404
    assert get(world, "county_office", f"/employment/employers/{other.pk}/referrals/")[0] == 200


def test_the_posting_page_links_its_referrals_and_the_employers(world, story):
    picking = story["picking"]
    _status, page = get(world, "town_quzhang", f"/employment/postings/{picking.pk}/")
    assert (
        f'<a id="posting-referrals" href="/employment/postings/{picking.pk}/referrals/">已推荐3人</a>' in page
    )
    assert (
        f'<a id="employer-referrals" href="/employment/employers/{story["firm"].pk}/referrals/">本单位全部推荐记录</a>'
        in page
    )


# ---------------------------------------------------------------- the same lists in the API


def test_the_api_gives_the_same_rows_with_the_outside_count(world, story):
    client = world.api_client("town_quzhang")
    body = client.get(f"/api/v1/employment/employers/{story['firm'].pk}/referrals/").json()
    r = story["r"]
    chen, li, _huang = story["people"]
    assert (body["count"], body["not_shown"], body["next"]) == (3, 1, None)
    assert [x["id"] for x in body["results"]] == [
        r["chen_picking"].pk,
        r["li_picking"].pk,
        r["chen_sorting"].pk,
    ]
    assert body["results"][2] == {
        "id": r["chen_sorting"].pk,
        "key_person": chen.pk,
        "name": "陈美玲",
        "id_number": chen.person.id_number_masked,
        "org_code": VILLAGE_A,
        "posting": story["sorting"].pk,
        "posting_title": "荔枝分拣工",
        "status": "refused",
        "status_label": "未成功",
        "referred_on": "2026-10-01",
        "closed_on": "2026-10-10",
        "refusal_reason": "岗位已招满",
        "refused_by": "employer",
    }
    one = client.get(f"/api/v1/employment/postings/{story['picking'].pk}/referrals/?status=hired").json()
    assert ([x["id"] for x in one["results"]], one["not_shown"]) == ([r["li_picking"].pk], 0)
    county = (
        world.api_client("dept_hrss")
        .get(f"/api/v1/employment/employers/{story['firm'].pk}/referrals/")
        .json()
    )
    assert (county["count"], county["not_shown"]) == (5, 0)
    assert li.person.id_number_masked in {x["id_number"] for x in county["results"]}


def test_the_api_refuses_an_unknown_outcome_and_who_may_not_read(world, story):
    path = f"/api/v1/employment/employers/{story['firm'].pk}/referrals/"
    bad = world.api_client("county_office").get(path, {"status": "done"})
    assert bad.status_code == 400
    assert list(bad.json()["error"]["fields"]) == ["status"]
    assert world.api_client("village_a").get(path).status_code == 403
    assert (
        world.api_client("town_quzhang")
        .get(f"/api/v1/employment/postings/{story['elsewhere'].pk}/referrals/")
        .status_code
        == 404
    )


def test_the_schema_documents_the_outside_count():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in (
        "/api/v1/employment/employers/{id}/referrals/",
        "/api/v1/employment/postings/{id}/referrals/",
    ):
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": "#/components/schemas/PaginatedEmployerReferralList"}
    envelope = schema["components"]["schemas"]["PaginatedEmployerReferralList"]
    assert set(envelope["properties"]) == {"count", "next", "previous", "results", "not_shown"}
