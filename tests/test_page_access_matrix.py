"""Each page's access question answers as its page does (session 24, pageaccess24).

`PostOnlyAddressMiddleware.may_open` opens the page above a POST-only address only when the page's access question
(`@page_access`, jianfu/core/decorators.py) says the account gets it — without drawing it. Each question repeats its
view's lookup by hand; this module proves the repetition: for every URL pattern of the URLconf whose view names a
question (found by walking the URLconf, so a new `@page_access` view is taken in without editing this file), for every
account of the shared test world and for anonymous, for a record of every unit the world has (the account's own, another
village's, township's, department's) and for a missing one, `may_open(request, path)` must equal
`client.get(path).status_code == 200` — and asking must write nothing (no INSERT/UPDATE/DELETE while asking; the row
count of every model and the audit chain unchanged after a page's questions).

The URL arguments come from `RECORDS` (URL name → records across the world's units) and, for each keyword, a missing
value of its converter's type. A new page with keywords and no entry in `RECORDS` is run with the records of its GET
rows of the role × endpoint matrix (every URL is there: tests/test_matrix_complete.py) and its missing values.

All 27 pages, 10 accounts, 1,050 (account, address) pairs, no sampling: ~20 s of CPU (session 24). States not built
(each page's question calls the getter its view calls first, and no view refuses after it): merged events, committed
registry batches, approved submissions, notices with cases, revised documents."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from jianfu.core.decorators import access_question
from jianfu.core.middleware import PostOnlyAddressMiddleware
from jianfu.core.models import AuditRecord

Kwargs = dict[str, Any]  # a URL's keywords

pytestmark = pytest.mark.django_db

VILLAGE_A, GRID_A, GRID_A2 = "450521200206", "450521200206001", "450521200206002"
VILLAGE_B, VILLAGE_C = "450521200201", "450521100001"
TOWN, TOWN2, COUNTY = "450521200000", "450521100000", "450521000000"
HOUSING, FORESTRY = "450521000000D01", "450521000000D02"
# the world's accounts (conftest.ACCOUNTS), the county's 人社局 (a department granted capabilities by function), anonymous
ACCOUNTS = (
    "admin",
    "county_office",
    "dept_housing",
    "dept_forestry",
    "dept_hrss",
    "town_quzhang",
    "village_a",
    "village_b",
    "grid_a",
    None,
)
MISSING_INT = 987_654_321
MISSING_TEXT = "no-such-thing"


@dataclass(frozen=True)
class Page:
    name: str  # "registry:person_detail"
    keywords: dict[str, Any]  # keyword → converter
    question: Callable[..., bool]


def pages(
    resolver: URLResolver | None = None, namespace: str = "", converters: Kwargs | None = None
) -> Iterator[Page]:
    """Every URL pattern whose view names an access question, with its keywords (the enclosing patterns' too)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            yield from pages(
                pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace, found
            )
        elif isinstance(pattern, URLPattern) and (question := access_question(pattern.callback)) is not None:
            assert pattern.name, (
                f"a page with an access question needs a name to be reversed: {pattern.pattern}"
            )
            yield Page(f"{namespace}{pattern.name}", found, question)


# ---------------------------------------------------------------- records across the world's units, per page


def _persons(world: Any) -> list[Kwargs]:
    from jianfu.employment.tests.factories import person_in

    return [
        {"pk": person_in(org, grid).pk}
        for org, grid in ((VILLAGE_A, GRID_A), (VILLAGE_A, GRID_A2), (VILLAGE_B, None), (VILLAGE_C, None))
    ]


def _registry_batches(world: Any) -> list[Kwargs]:
    from jianfu.registry.tests.scoping_cases import staged_batch

    return [{"pk": staged_batch(org).pk} for org in (VILLAGE_A, VILLAGE_B, VILLAGE_C)]


def _templates(world: Any) -> list[Kwargs]:
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    forms_load(actor=None)
    firsts: dict[str, str] = {}
    for code, department in (
        Template.objects.filter(is_active=True).order_by("code").values_list("code", "department")
    ):
        firsts.setdefault(department, code)
    # one template of each department that owns some (a department sees only its own) and one of none
    Template.objects.filter(code=sorted(firsts.values())[-1]).update(is_active=False)
    return [{"code": code} for code in sorted(firsts.values())]


def _submissions(world: Any) -> list[Kwargs]:
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Submission, Template

    forms_load(actor=None)
    template = Template.objects.get(code="rs_employment")  # monthly
    made = [
        services.submission_generate(actor=world.users[name], template=template, org_code=org, period=period)
        for name, org, period in (
            ("village_a", VILLAGE_A, "202611"),
            ("village_b", VILLAGE_B, "202611"),
            ("village_b", VILLAGE_B, "202610"),
        )
    ]
    # 廉州镇's village has no account to generate it: the third is moved there (another township's report)
    Submission.objects.filter(pk=made[2].pk).update(org_code=VILLAGE_C)
    return [{"pk": sub.pk} for sub in made]


def _events(world: Any) -> list[Kwargs]:
    from jianfu.dispatch.tests.factories import event_in
    from jianfu.dispatch.workflow import Status

    cases: tuple[dict[str, Any], ...] = (
        {"org": GRID_A, "department": FORESTRY},
        {"org": GRID_A2, "department": HOUSING},
        {"org": VILLAGE_B, "department": HOUSING},
        {"org": VILLAGE_C, "department": FORESTRY},
        {"org": GRID_A, "status": Status.REPORTED},
        {"org": GRID_A2, "department": HOUSING, "status": Status.RESOLVED},
    )
    return [{"pk": event_in(world, **fields).pk} for fields in cases]


def _catalogues(world: Any) -> list[Kwargs]:
    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.dispatch.tests.conftest import MINI
    from jianfu.orgs.models import OrgUnit

    # another county's catalogue: 浦北县, beside 合浦县 under 北海市
    OrgUnit.objects.get_or_create(
        code="450522000000",
        defaults={"name": "浦北县", "kind": "county", "level": 3, "parent_code": "450500000000"},
    )
    return [
        {
            "pk": catalogue_load_yaml(
                actor=None, county_code=county, path=MINI, effective_from=dt.date(2020, 1, 1)
            ).pk
        }
        for county in ("450521", "450522")
    ]


def _reviews(world: Any) -> list[Any]:
    from jianfu.review.services import review_submit

    text = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"
    return [
        review_submit(actor=world.users[name], text=text, title=f"{name}的文件")
        for name in ("dept_housing", "dept_forestry", "town_quzhang", "county_office")
    ]


def _seeker_batches(world: Any) -> list[Kwargs]:
    from jianfu.employment.models import SeekerImportBatch
    from jianfu.employment.tests.factories import key_person_in

    made = [
        {
            "pk": SeekerImportBatch.objects.create(
                org_code=org,
                original_name="求职登记.csv",
                status="failed",
                created_by=world.users[by] if by else None,
            ).pk
        }
        for org, by in ((VILLAGE_A, "grid_a"), (VILLAGE_A, None), (VILLAGE_B, "village_b"), (VILLAGE_C, None))
    ]
    taken = [key_person_in(VILLAGE_A, GRID_A).pk, key_person_in(VILLAGE_A, GRID_A2).pk]
    committed = SeekerImportBatch.objects.create(
        org_code=VILLAGE_A, original_name="求职登记.csv", status="committed", done_count=2, taken=taken
    )
    return [*made, {"pk": committed.pk}]


def _key_persons(world: Any) -> list[Kwargs]:
    from jianfu.employment.tests.factories import key_person_in

    return [
        {"pk": key_person_in(org, grid).pk}
        for org, grid in ((VILLAGE_A, GRID_A), (VILLAGE_A, GRID_A2), (VILLAGE_B, None), (VILLAGE_C, None))
    ]


def _posting_imports(world: Any) -> list[Kwargs]:
    from jianfu.employment.models import PostingImport, PostingStatus
    from jianfu.employment.tests.factories import posting_in

    made = [
        {"pk": PostingImport.objects.create(org_code=org, original_name="岗位.csv", status="failed").pk}
        for org in (TOWN, TOWN2, COUNTY)
    ]
    held = PostingImport.objects.create(
        org_code=TOWN, original_name="岗位.csv", status="awaiting", created_by=world.users["town_quzhang"]
    )
    posting_in(TOWN, status=PostingStatus.PENDING, batch=held)
    return [*made, {"pk": held.pk}]


def _postings(world: Any) -> list[Kwargs]:
    from jianfu.employment.models import PostingStatus
    from jianfu.employment.tests.factories import posting_in

    return [
        {"pk": posting_in(org, status=status).pk}
        for org, status in (
            (TOWN, PostingStatus.OPEN),
            (TOWN2, PostingStatus.OPEN),
            (COUNTY, PostingStatus.OPEN),
            (TOWN, PostingStatus.FLAGGED),
        )
    ]


def _ledgers(world: Any) -> list[Kwargs]:
    from jianfu.monitor import services
    from jianfu.monitor.tests.scoping_cases import DOC, PLAQUE

    plaque = {k: v for k, v in PLAQUE.items() if k != "target"}
    rows = [
        ("document", services.ledger_create(actor=world.users["dept_housing"], kind="document", data=DOC)),
        (
            "document",
            services.ledger_create(
                actor=world.users["dept_forestry"], kind="document", data={**DOC, "issuer": FORESTRY}
            ),
        ),
        ("plaque", services.ledger_create(actor=world.users["village_a"], kind="plaque", data=plaque)),
        ("plaque", services.ledger_create(actor=world.users["village_b"], kind="plaque", data=plaque)),
    ]
    from jianfu.monitor.models import LEDGER_MODELS

    # a row of every kind (each page lists its kind's own fields), borne by 璋嘉村 and caused by the 林业局
    specific: dict[str, Kwargs] = {
        "meeting": {"duration_minutes": 90},
        "plaque": {"placement": "outside"},
        "secondment": {"from_unit_code": VILLAGE_B, "from_unit_level": "village", "months": 3},
        "activity": {"activity_kind": "festival"},
        "demand": {"demand_kind": "certificate"},
    }
    rows += [
        (
            kind,
            model._default_manager.create(
                org_code=VILLAGE_B,
                county_code=COUNTY,
                issuer_code=FORESTRY,
                issuer_name="林业局",
                date=dt.date(2024, 5, 2),
                title=f"矩阵测试{kind}",
                **specific.get(kind, {}),
            ),
        )
        for kind, model in LEDGER_MODELS.items()
    ]
    return [{"kind": kind, "pk": row.pk} for kind, row in rows]


def _findings(world: Any) -> list[Kwargs]:
    from jianfu.monitor import services

    return [
        {
            "pk": services.finding_record_manual(
                actor=world.users["county_office"],
                issuer_code=issuer,
                category="文山会海",
                summary="矩阵测试问题",
                source="manual",
                source_ref="",
            ).pk
        }
        for issuer in (HOUSING, FORESTRY, TOWN)
    ]


def _notices(world: Any) -> list[Kwargs]:
    from jianfu.monitor import services

    made = []
    for publish in (True, False):
        notice = services.notice_create(
            actor=world.users["county_office"],
            data={
                "title": "矩阵测试通报",
                "issuer": "合浦县减负办",
                "date": "2024-06-01",
                "body": "现将有关情况通报如下。",
            },
        )
        if publish:
            services.notice_publish(actor=world.users["county_office"], pk=notice.pk)
        made.append({"pk": notice.pk})
    return made


def _service_lists(world: Any) -> list[Kwargs]:
    from jianfu.villagepages.tests.factories import LIANZHOU_VILLAGE, QUMU, ZHANGJIA, list_in
    from jianfu.villagepages.workflow import Status

    return [
        {"pk": list_in(org, status=status).pk}
        for org, status in (
            (QUMU, Status.SUBMITTED),
            (QUMU, Status.APPROVED),
            (ZHANGJIA, Status.SUBMITTED),
            (LIANZHOU_VILLAGE, Status.DRAFT),
            (ZHANGJIA, Status.RETURNED),
        )
    ]


RECORDS: dict[str, Callable[[Any], list[Kwargs]]] = {
    "registry:person_detail": _persons,
    "registry:import_detail": _registry_batches,
    "reports:template_detail": _templates,
    "reports:submission_detail": _submissions,
    "dispatch:event_detail": _events,
    "dispatch:catalogue_detail": _catalogues,
    "review:document_detail": lambda world: [{"pk": r.version.document_id} for r in _reviews(world)],
    "review:review_detail": lambda world: [{"pk": r.pk} for r in _reviews(world)],
    "employment:seeker_import_detail": _seeker_batches,
    "employment:person_detail": _key_persons,
    "employment:import_detail": _posting_imports,
    "employment:posting_detail": _postings,
    "monitor:ledger_detail": _ledgers,
    "monitor:finding_detail": _findings,
    "monitor:notice_detail": _notices,
    "villagepages:review": _service_lists,
}


def _matrix_records(world: Any, page: Page) -> list[Kwargs]:
    """A page with no entry in RECORDS: the keywords of its GET rows in the role × endpoint matrix."""
    from django.urls import resolve

    from tests.test_scoping_matrix import APPS_WITH_CASES, load_cases

    app = next(a for a in APPS_WITH_CASES if a.rsplit(".", 1)[-1] == page.name.split(":")[0])
    return [
        resolve(case.path.split("?")[0]).kwargs
        for case in load_cases(app, world)
        if case.url_name == page.name and case.method == "get"
    ]


def arguments(world: Any, page: Page) -> list[Kwargs]:
    """The page's keywords for each record it reads, then each record with one keyword missing."""
    if not page.keywords:
        return [{}]
    records = (RECORDS[page.name] if page.name in RECORDS else lambda w: _matrix_records(w, page))(world)
    assert records, f"{page.name}: no record to open it with"
    missing = [
        {**records[0], keyword: MISSING_INT if isinstance(converter, IntConverter) else MISSING_TEXT}
        for keyword, converter in page.keywords.items()
    ]
    return records + missing


# ---------------------------------------------------------------- the check


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _written() -> tuple[Any, ...]:
    """Row counts of every model (one query), and the audit chain's length and head."""
    quote = connection.ops.quote_name
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables))
        counts = cursor.fetchone()
    return (
        counts,
        AuditRecord.objects.count(),
        AuditRecord.objects.exclude(seq=None).order_by("-seq").values_list("seq", "digest").first(),
    )


def signed_in(world: Any, accounts: tuple[str | None, ...] = ACCOUNTS) -> dict[str | None, tuple[Any, Any]]:
    """Each account's client, and the request `PostOnlyAddressMiddleware` hands to `may_open`: one that went through
    every middleware before it (session, user, messages, htmx), as a GET of that client."""
    clients = {}
    for username in accounts:
        client = world.client(username)
        clients[username] = client, client.get("/healthz").wsgi_request
    return clients


def check(
    clients: dict[str | None, tuple[Any, Any]], page: Page, argument_sets: list[Kwargs]
) -> tuple[list[str], int]:
    """Mismatches of `page` as each account of `clients` (`signed_in`) for each keyword set, and the number of
    (account, address) pairs compared."""
    mismatches: list[str] = []
    paths = [reverse(page.name, kwargs=kwargs) for kwargs in argument_sets]
    answers = {}
    before = _written()
    for username, (_client, request) in clients.items():
        for path in paths:
            with CaptureQueriesContext(connection) as asked:
                answers[username, path] = PostOnlyAddressMiddleware.may_open(request, path)
            writes = [
                q["sql"][:80] for q in asked.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
            ]
            if writes:
                mismatches.append(f"{page.name} {path} as {username or 'anonymous'}: asking wrote {writes}")
    if _written() != before:
        mismatches.append(f"{page.name}: asking changed the row counts or the audit chain")
    for (username, path), answer in answers.items():
        status = clients[username][0].get(path).status_code
        if answer != (status == 200):
            mismatches.append(
                f"{page.name} {path} as {username or 'anonymous'}: question says {answer}, page {status}"
            )
    return mismatches, len(answers)


@pytest.fixture
def world_with_hrss(world: Any) -> Any:
    from jianfu.employment.tests.factories import hrss_account

    hrss_account(world)  # type: ignore[no-untyped-call]
    return world


def test_every_page_question_answers_as_its_page(world_with_hrss: Any, capsys: Any) -> None:
    world = world_with_hrss
    started, cpu = time.perf_counter(), time.process_time()
    found = list(pages())
    assert len(found) >= 27 and len({p.name for p in found}) == len(found)
    mismatches, compared = [], 0
    clients = signed_in(world)
    for page in found:
        failed, n = check(clients, page, arguments(world, page))
        mismatches += failed
        compared += n
    with capsys.disabled():
        print(
            f"\n{len(found)} pages, {compared} (account, address) pairs in {time.perf_counter() - started:.1f} s "
            f"({time.process_time() - cpu:.1f} s CPU)"
        )
    assert mismatches == []


def test_a_question_that_says_yes_where_the_page_refuses_is_caught(world: Any, monkeypatch: Any) -> None:
    """The check itself: a question answering yes for everyone is reported for every account the page refuses."""
    from jianfu.registry import views

    monkeypatch.setattr(views.person_detail, "page_access", lambda request, pk: True)
    page = next(p for p in pages() if p.name == "registry:person_detail")
    failures, compared = check(signed_in(world, ("dept_housing", None)), page, arguments(world, page))
    assert compared == 2 * 5
    assert len(failures) == 10 and all("question says True, page " in f for f in failures)


def test_every_page_with_keywords_has_records_of_its_own() -> None:
    """A new page with keywords is run with the matrix's records; listing it here says which units to build."""
    assert sorted(p.name for p in pages() if p.keywords and p.name not in RECORDS) == []


def test_a_question_that_writes_is_caught(world: Any, monkeypatch: Any) -> None:
    """The check itself: a question that records something while asked is reported, with the page's row counts."""
    from jianfu.orgs.models import OrgUnit
    from jianfu.registry import views

    def writing(request: Any, pk: int) -> bool:
        OrgUnit.objects.create(
            code="450521200299", name="问出来的村", kind="village", level=5, parent_code="450521200000"
        )
        return False

    monkeypatch.setattr(views.person_detail, "page_access", writing)
    page = next(p for p in pages() if p.name == "registry:person_detail")
    failures, compared = check(signed_in(world, ("village_b",)), page, [{"pk": MISSING_INT}])
    assert compared == 1
    wrote, counted = failures
    assert wrote.startswith(
        f"registry:person_detail /registry/persons/{MISSING_INT}/ as village_b: asking wrote "
        '[\'INSERT INTO "orgs_orgunit" '
    )
    assert counted == "registry:person_detail: asking changed the row counts or the audit chain"
