"""Each role is shown what it can do (issue 11.5) and can do what it is shown: the grid worker's menu, its
who-handles-what lookup, its households and organisations; the administrator's report page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianfu.core.formtokens import token_new
from jianfu.registry.models import Household, Organisation

MINI = Path(__file__).resolve().parent.parent / "jianfu/dispatch/tests/data/mini_catalogue.yaml"
GA = "450521200206001"


def nav_labels(world, username) -> list[str]:
    from jianfu.accounts.scoping import scope_for
    from jianfu.core.ui import nav_sections

    return [str(item.label) for _t, items in nav_sections(scope_for(world.users[username])) for item in items]


@pytest.mark.django_db
def test_grid_worker_menu_offers_only_what_it_can_use(world):
    labels = nav_labels(world, "grid_a")
    for absent in ("组织机构", "三率统计", "职责清单"):
        assert absent not in labels
    assert "谁来办" in labels and "上报事件" in labels
    assert {"组织机构", "三率统计", "职责清单", "谁来办"} <= set(nav_labels(world, "county_office"))


@pytest.mark.django_db
def test_who_handles_what_answers_a_grid_worker(world):
    from jianfu.dispatch.catalogue import catalogue_load_yaml

    catalogue_load_yaml(actor=None, county_code="450521", path=MINI, effective_from=dt.date(2020, 1, 1))
    client = world.client("grid_a")
    page = client.get("/dispatch/who/", {"q": "山林纠纷"}).content.decode()
    assert "林木林地权属争议调处" in page and "林业局" in page and "个工作日" in page
    free_text = client.get("/dispatch/who/", {"q": "后山林地有人乱占"}).content.decode()
    assert "林木林地权属争议调处" in free_text
    nothing = client.get("/dispatch/who/", {"q": "zzzz"}).content.decode()
    assert "没有找到与“zzzz”相符的事项" in nothing


@pytest.mark.django_db
def test_who_handles_what_reads_at_most_50_characters_and_nothing_for_an_empty_query(world):
    from jianfu.dispatch.catalogue import catalogue_load_yaml

    catalogue_load_yaml(actor=None, county_code="450521", path=MINI, effective_from=dt.date(2020, 1, 1))
    client = world.client("grid_a")
    empty = client.get("/dispatch/who/", {"q": "  "}).content.decode()
    assert "林木林地权属争议调处" not in empty and "没有找到" not in empty
    found = client.get("/dispatch/who/", {"q": "啊" * 46 + "山林纠纷"}).content.decode()
    assert "林木林地权属争议调处" in found
    cut = client.get("/dispatch/who/", {"q": "啊" * 50 + "山林纠纷"}).content.decode()
    assert "林木林地权属争议调处" not in cut and f"没有找到与“{'啊' * 50}”相符的事项" in cut


@pytest.mark.django_db
def test_grid_worker_creates_a_household_in_its_grid_with_a_generated_number(world):
    Household.objects.create(org_code="450521200206", number="QM-0041", grid_code=GA)
    Household.objects.create(org_code="450521200206", number="QM-0007", grid_code=GA)
    client = world.client("grid_a")
    form = client.get("/registry/households/new/")
    assert form.status_code == 200
    assert 'value="QM-0042"' in form.content.decode()          # suggested, in the village's own numbering
    response = client.post("/registry/households/new/", {"form_token": token_new(), "number": "QM-0100", "address": "曲木村一组",
                                                         "grid_code": GA})    # and editable
    assert response.status_code == 302
    household = Household.objects.get(number="QM-0100")
    assert (household.org_code, household.grid_code) == ("450521200206", GA)


@pytest.mark.django_db
def test_grid_worker_registers_an_organisation_in_its_grid(world):
    client = world.client("grid_a")
    assert client.get("/registry/organisations/new/").status_code == 200
    response = client.post("/registry/organisations/new/", {"form_token": token_new(), "name": "曲木村小卖部", "kind": "individual_business",
                                                            "employees": 1, "is_active": "on"})
    assert response.status_code == 302
    org = Organisation.objects.get()
    assert (org.org_code, org.grid_code) == ("450521200206", GA)


@pytest.mark.django_db
def test_grid_worker_cannot_create_outside_its_grid(world):
    client = world.client("grid_a")
    assert client.get("/registry/households/new/?org_code=450521200201").status_code in (403, 404)
    before = Household.objects.count()
    client.post("/registry/households/new/?org_code=450521200201", {"form_token": token_new(), "number": "X1"})
    assert Household.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("existing", "expected"), [([], "0001"), (["H7", "H8"], "H9"), (["12-0099"], "12-0100"),
                                                    (["甲3", "5", "乙"], "6")])
def test_household_number_suggestion(world, existing, expected):
    from jianfu.registry.selectors import household_number_suggest

    for number in existing:
        Household.objects.create(org_code="450521200201", number=number)
    assert household_number_suggest("450521200201") == expected


@pytest.mark.django_db
def test_administrator_report_page_runs_and_does_not_offer_village_filing(world):
    from jianfu.reports.catalog import forms_load

    forms_load(actor=None)
    client = world.client("admin")
    page = client.get("/reports/").content.decode()
    assert "本村报送" not in page and "生成本村报表" not in page and "查看汇总" in page
    assert client.get("/reports/templates/mz_dibao_tekun/run/").status_code == 200
    village = client.__class__()
    village.force_login(world.users["village_a"])
    assert "本村报送" in village.get("/reports/").content.decode()
    grid = world.client("grid_a").get("/reports/").content.decode()
    assert "查看汇总" not in grid
