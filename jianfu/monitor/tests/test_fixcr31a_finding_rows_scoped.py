"""fixcr31a #1: a count finding's page listed every row of its group to whoever could open the finding — a department
read another bureau's plaques, a village the documents an issuer sent to other units — while `ledger_get` gave it 404
for each. The rows are now the viewer's own; the figure stays the group's whole count."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from jianfu.core.errors import NotFoundError
from jianfu.monitor import selectors, services
from jianfu.monitor.models import Finding

pytestmark = pytest.mark.django_db
COUNTY, QUMU, ZHANGJIA = "450521000000", "450521200206", "450521200201"


def _plaque_group(world) -> tuple[Finding, list[int]]:
    """Seven outside plaques of 林业局 and an eighth of 住建局 at 曲木村: one finding, named by the eighth."""
    year = timezone.localdate().year
    rows = services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=[
        (n, {"date": f"{year}-01-{n:02d}", "title": f"林业牌子{n}", "issuer": "林业局", "placement": "outside"})
        for n in range(2, 9)] + [
        (9, {"date": f"{year}-02-01", "title": "住建牌子", "issuer": "住房和城乡建设局", "placement": "outside"})])
    services.findings_evaluate(actor=None, county_code=COUNTY, year=year)
    finding = Finding.objects.get(rule_code="P6A-PLAQUE-OUT", org_code=QUMU, year=year)
    ids = [r.pk for r in rows]
    assert finding.row_id == ids[-1]
    assert finding.issuer_code == "450521000000D01"
    return finding, ids


def _document_group(world) -> tuple[Finding, dict[str, int]]:
    """林业局's documents: one last year, three this year (to the county, 璋嘉村, 曲木村 — the last): one finding at 曲木村."""
    year = timezone.localdate().year
    office = world.users["county_office"]
    services.ledger_bulk_create(actor=office, kind="document", rows=[
        (2, {"date": f"{year - 1}-05-01", "title": "上年文件", "issuer": "林业局", "target": COUNTY, "length": 100})])
    rows = services.ledger_bulk_create(actor=office, kind="document", rows=[
        (2, {"date": f"{year}-01-10", "title": "发县文件", "issuer": "林业局", "target": COUNTY, "length": 100}),
        (3, {"date": f"{year}-01-20", "title": "发璋嘉文件", "issuer": "林业局", "target": ZHANGJIA, "length": 100}),
        (4, {"date": f"{year}-02-01", "title": "发曲木文件", "issuer": "林业局", "target": QUMU, "length": 100})])
    services.findings_evaluate(actor=None, county_code=COUNTY, year=year)
    finding = Finding.objects.get(rule_code="P1-DOC-COUNT", year=year)
    ids = dict(zip(("county", "zhangjia", "qumu"), (r.pk for r in rows), strict=True))
    assert (finding.row_id, finding.org_code) == (ids["qumu"], QUMU)
    return finding, ids


def _ids(world, finding: Finding, username: str) -> tuple[list[int], int]:
    counted = selectors.finding_rows(finding, user=world.users[username])
    return [r.pk for r in counted.rows], counted.counted


def test_a_department_sees_only_its_own_plaques_of_the_group(world):
    finding, ids = _plaque_group(world)
    assert _ids(world, finding, "dept_housing") == ([ids[-1]], 8)
    assert _ids(world, finding, "village_a") == (ids, 8)
    assert _ids(world, finding, "county_office") == (ids, 8)
    assert _ids(world, finding, "admin") == (ids, 8)


def test_a_village_and_a_town_see_only_their_documents_of_the_issuers_group(world):
    finding, ids = _document_group(world)
    assert _ids(world, finding, "village_a") == ([ids["qumu"]], 3)
    assert _ids(world, finding, "town_quzhang") == ([ids["zhangjia"], ids["qumu"]], 3)
    assert _ids(world, finding, "dept_forestry") == ([ids["county"], ids["zhangjia"], ids["qumu"]], 3)
    assert _ids(world, finding, "county_office") == ([ids["county"], ids["zhangjia"], ids["qumu"]], 3)
    with pytest.raises(NotFoundError):
        selectors.finding_get(user=world.users["village_b"], pk=finding.pk)


def _page(world, username: str, finding: Finding) -> str:
    response = world.client(username).get(f"/monitor/findings/{finding.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _row_links(html: str, kind: str) -> list[int]:
    return [int(pk) for pk in re.findall(rf'href="/monitor/ledgers/{kind}/(\d+)/"', html)]


def test_the_departments_page_names_the_whole_count_and_links_only_its_row(world):
    finding, ids = _plaque_group(world)
    html = _page(world, "dept_housing", finding)
    assert '<h2 id="finding-rows-title">计入的台账记录（8 条，其中 1 条您可查看）</h2>' in html
    assert _row_links(html, "plaque") == [ids[-1]]
    assert "林业牌子" not in html
    assert 'id="finding-rows-hidden"' in html
    # the row it may open opens
    assert world.client("dept_housing").get(f"/monitor/ledgers/plaque/{ids[-1]}/").status_code == 200


def test_the_county_offices_page_lists_every_row(world):
    finding, ids = _plaque_group(world)
    html = _page(world, "county_office", finding)
    assert '<h2 id="finding-rows-title">计入的台账记录（8 条）</h2>' in html
    assert _row_links(html, "plaque") == ids
    assert 'id="finding-rows-hidden"' not in html


def test_the_villages_page_links_only_its_document(world):
    finding, ids = _document_group(world)
    html = _page(world, "village_a", finding)
    assert '<h2 id="finding-rows-title">计入的台账记录（3 条，其中 1 条您可查看）</h2>' in html
    assert _row_links(html, "document") == [ids["qumu"]]
    assert "发璋嘉文件" not in html and "发县文件" not in html
