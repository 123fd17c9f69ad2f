"""badinput16 #10: the household list counts members only for the page shown. `Count("members")` grouped every
household of the scope with its members before the page was cut, and the paginator's COUNT repeated that join:
2.6-5.1 s for the county office's 31,090 households. Now the page's query counts per returned row (a correlated
subquery) and the COUNT reads the households alone; the member counts shown stay exact."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jianfu.registry import selectors
from jianfu.registry.models import Household
from jianfu.registry.tests.scoping_cases import make_person

pytestmark = pytest.mark.django_db
VA, VB = "450521200206", "450521200201"


@pytest.fixture
def households(world):
    made = {}
    for org, number, size in [(VA, "A-01", 3), (VA, "A-02", 0), (VA, "A-03", 1), (VB, "B-01", 2)]:
        hh = Household.objects.create(org_code=org, number=number, address=f"{number}号")
        for i in range(size):
            make_person(org=org, name=f"{number}成员{i}", household=hh)
        made[number] = hh
    make_person(org=VA, name="无户人员")  # a person in no household counts nowhere
    return made


def test_the_count_and_the_page_each_take_one_query_and_neither_joins_every_member(world, households):
    with CaptureQueriesContext(connection) as ctx:
        page = Paginator(selectors.household_list(user=world.users["county_office"]), 2).get_page(1)
        shown = [(h.number, h.member_count) for h in page]
        total = page.paginator.count
    assert (shown, total) == ([("B-01", 2), ("A-01", 3)], 4)  # ordered by village code, then number
    count_sql, page_sql = (q["sql"] for q in ctx.captured_queries)
    assert len(ctx.captured_queries) == 2
    assert "COUNT(*)" in count_sql and "registry_person" not in count_sql and "GROUP BY" not in count_sql
    # the households are not grouped with their members: the count is a subquery per row the LIMIT returns
    assert 'GROUP BY "registry_household"' not in page_sql and page_sql.endswith("LIMIT 2")
    assert (
        # current members only (rmend32 #3)
        '(SELECT COUNT(U0."id") AS "n" FROM "registry_person" U0 WHERE (U0."household_id" = ("registry_household"."id")'
        ' AND U0."status" = \'active\')' in page_sql
    )


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("county_office", [("B-01", 2), ("A-01", 3), ("A-02", 0), ("A-03", 1)]),
        ("village_a", [("A-01", 3), ("A-02", 0), ("A-03", 1)]),
    ],
)
def test_the_web_page_and_the_api_show_each_households_exact_member_count(world, households, user, expected):
    by_number = {number: count for number, count in expected}
    api = world.api_client(user).get("/api/v1/registry/households/").json()
    assert [(h["number"], h["member_count"]) for h in api["results"]] == expected
    page = world.client(user).get("/registry/households/")
    assert [(h.number, h.member_count) for h in page.context["page"]] == expected
    assert all(by_number[h.number] == h.members.count() for h in page.context["page"])


def test_a_search_by_the_heads_name_keeps_the_count(world, households):
    head = households["A-01"].members.order_by("pk").first()
    Household.objects.filter(pk=households["A-01"].pk).update(head=head)
    found = selectors.household_list(user=world.users["village_a"], q=head.name)
    assert [(h.number, h.member_count, h.head.name) for h in found] == [("A-01", 3, "A-01成员0")]
