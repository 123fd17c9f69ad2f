"""A retried API create gets the first answer, not a second row (ADR 0036): without an Idempotency-Key the same account
posting the same content to the same endpoint within 10 minutes; with one, the same key within a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError, ConflictError
from jianfu.core.models import ApiRepeat
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/monitor/ledgers/meeting/"
MEETING = {"date": "2025-03-01", "title": "推进会", "duration_minutes": 240, "speech_minutes": 120}
KEY = "k" * 40


def _post(api, body=MEETING, **headers):
    return api.post(MEETINGS, body, format="json", **headers)


def test_three_identical_posts_without_a_key_make_one_row_and_answer_it_three_times(world):
    api = world.api_client("dept_housing")
    first, second, third = _post(api), _post(api), _post(api)
    assert [r.status_code for r in (first, second, third)] == [201, 201, 201]
    assert first.json() == second.json() == third.json()
    assert first.json()["id"] == LedgerMeeting.objects.get().pk
    assert ("Idempotent-Replayed" in first, second["Idempotent-Replayed"], third["Idempotent-Replayed"]) == \
        (False, "true", "true")
    assert LedgerMeeting.objects.count() == 1
    # the list shows it once
    assert [r["title"] for r in api.get(MEETINGS).json()] == ["推进会"]


def test_other_content_another_account_or_after_ten_minutes_is_a_new_row(world):
    api = world.api_client("dept_housing")
    first = _post(api)
    other = _post(api, {**MEETING, "title": "第二次推进会"})
    assert (other.status_code, "Idempotent-Replayed" in other) == (201, False)
    forestry = _post(world.api_client("dept_forestry"))
    assert (forestry.status_code, "Idempotent-Replayed" in forestry) == (201, False)
    assert LedgerMeeting.objects.count() == 3
    # ten minutes on, the same content is a meeting of its own (a weekly 推进会 filed again)
    ApiRepeat.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    later = _post(api)
    assert (later.status_code, "Idempotent-Replayed" in later) == (201, False)
    assert later.json()["id"] != first.json()["id"]
    assert LedgerMeeting.objects.count() == 4
    # the expired answers are gone (the next create deleted them); the live ones are kept
    assert ApiRepeat.objects.count() == 1


def test_the_same_idempotency_key_answers_the_first_and_refuses_other_content(world):
    api = world.api_client("dept_housing")
    first = _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    again = _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again.json(), again["Idempotent-Replayed"]) == (201, first.json(), "true")
    # a day's window: past the 10 minutes of a keyless repeat, the key still names the request
    ApiRepeat.objects.update(expires_at=timezone.now() + dt.timedelta(hours=23))
    assert _post(api, HTTP_IDEMPOTENCY_KEY=KEY).json() == first.json()
    reused = _post(api, {**MEETING, "title": "另一会议"}, HTTP_IDEMPOTENCY_KEY=KEY)
    assert reused.status_code == 400
    assert reused.json()["error"]["code"] == "idempotency_key_reused"
    assert reused.json()["error"]["message"] == "Idempotency-Key 已用于内容不同的另一请求：请为新的请求使用新的键。"
    bad = _post(api, {**MEETING, "title": "另一会议"}, HTTP_IDEMPOTENCY_KEY="short")
    assert (bad.status_code, bad.json()["error"]["message"]) == (400, "Idempotency-Key 应为 32–64 位字母、数字、- 或 _。")
    assert list(LedgerMeeting.objects.values_list("title", flat=True)) == ["推进会"]
    # another key with the same content is another request: the client said so
    assert _post(api, HTTP_IDEMPOTENCY_KEY="m" * 40).status_code == 201
    assert LedgerMeeting.objects.count() == 2


def test_a_refusal_is_not_kept_so_the_corrected_post_goes_through(world):
    api = world.api_client("dept_housing")
    bad = {**MEETING, "duration_minutes": -3}
    assert [_post(api, bad).status_code, _post(api, bad).status_code] == [400, 400]
    assert ApiRepeat.objects.count() == 0
    assert LedgerMeeting.objects.count() == 0


def test_a_repeat_while_the_first_still_runs_is_refused_and_creates_nothing(world):
    made = []

    def create():
        # the retry arrives while the first request is still creating
        with pytest.raises(ConflictError) as exc:
            formtokens.api_once(sender="user:1", endpoint="/x/", content="c" * 64, idempotency_key=None,
                                create=lambda: made.append("twice") or formtokens.Answer(201, {}))
        assert exc.value.message == "同一请求正在处理中：请稍后重试，届时会返回第一次请求的结果，不会重复创建。"
        made.append("once")
        return formtokens.Answer(201, {"id": 7})

    answer, repeated = formtokens.api_once(sender="user:1", endpoint="/x/", content="c" * 64, idempotency_key=None,
                                           create=create)
    assert (answer.body, repeated, made) == ({"id": 7}, False, ["once"])
    again, repeated = formtokens.api_once(sender="user:1", endpoint="/x/", content="c" * 64, idempotency_key=None,
                                          create=lambda: made.append("twice") or formtokens.Answer(201, {}))
    assert (again.body, repeated, made) == ({"id": 7}, True, ["once"])


def test_a_create_that_fails_leaves_no_claim(world):
    def fail():
        raise ApplicationError("不行", code="invalid")

    with pytest.raises(ApplicationError):
        formtokens.api_once(sender="user:1", endpoint="/x/", content="d" * 64, idempotency_key=None, create=fail)
    assert ApiRepeat.objects.count() == 0


def test_an_import_repeated_gets_the_first_batch_and_its_location(world):
    from jianfu.employment.models import SeekerImportBatch

    api = world.api_client("village_a")
    upload = "身份证号,人员类别,求职意向\n".encode()

    def post():
        from django.core.files.uploadedfile import SimpleUploadedFile

        return api.post("/api/v1/employment/people/import/",
                        {"file": SimpleUploadedFile("seekers.csv", upload, content_type="text/csv")}, format="multipart")

    first, second = post(), post()
    assert (first.status_code, second.status_code) == (202, 202)
    assert second.json() == first.json() and second["Location"] == first["Location"]
    assert second["Idempotent-Replayed"] == "true"
    assert SeekerImportBatch.objects.count() == 1
    # a batch given up (放弃) is no answer any more: the same upload is a new batch
    SeekerImportBatch.objects.update(status=SeekerImportBatch.Status.DISCARDED)
    third = post()
    assert (third.status_code, "Idempotent-Replayed" in third) == (202, False)
    assert SeekerImportBatch.objects.count() == 2
    assert third.json()["id"] == SeekerImportBatch.objects.latest("pk").pk != first.json()["id"]


def test_a_repeat_after_the_row_was_deleted_creates_it_again(world):
    api = world.api_client("dept_housing")
    first = _post(api)
    assert first.status_code == 201
    assert list(ApiRepeat.objects.values_list("made_model", "made_pk")) == [("monitor.LedgerMeeting",
                                                                             str(first.json()["id"]))]
    assert api.delete(f"{MEETINGS}{first.json()['id']}/").status_code == 204
    again = _post(api)
    # not the deleted row's answer: a new row, which GET finds
    assert (again.status_code, "Idempotent-Replayed" in again) == (201, False)
    row = LedgerMeeting.objects.get()
    assert (again.json()["id"], row.title) == (row.pk, "推进会")
    assert row.pk != first.json()["id"]
    assert api.get(f"{MEETINGS}{row.pk}/").json()["id"] == row.pk
    assert list(ApiRepeat.objects.values_list("made_model", "made_pk")) == [("monitor.LedgerMeeting", str(row.pk))]
    # while it stands, the repeat is answered with it again
    third = _post(api)
    assert (third.status_code, third.json()["id"], third["Idempotent-Replayed"]) == (201, row.pk, "true")
    assert LedgerMeeting.objects.count() == 1


def test_a_stale_claim_of_a_killed_worker_is_taken_over_and_a_fresh_one_is_409(world):
    import hashlib

    api = world.api_client("dept_housing")
    user = world.users["dept_housing"]
    digest = formtokens.content_digest({"fields": MEETING, "files": {}, "query": []})
    repeat_key = hashlib.sha256(f"api|user:{user.pk}|{MEETINGS}|key:{KEY}".encode()).hexdigest()
    now = timezone.now()
    # what a worker killed between claim and answer leaves: a committed claim with no status
    claim = ApiRepeat.objects.create(key=repeat_key, content_key=digest, expires_at=now + dt.timedelta(hours=24),
                                     claimed_at=now - dt.timedelta(seconds=formtokens.API_CLAIM_SECONDS - 10))
    fresh = _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (fresh.status_code, fresh.json()["error"]["code"]) == (409, "in_progress")
    assert LedgerMeeting.objects.count() == 0
    assert list(ApiRepeat.objects.values_list("pk", "status")) == [(claim.pk, None)]
    # past the request timeout the claim is a dead worker's: the retry takes it over and creates the row once
    ApiRepeat.objects.filter(pk=claim.pk).update(
        claimed_at=now - dt.timedelta(seconds=formtokens.API_CLAIM_SECONDS + 1))
    retry = _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (retry.status_code, "Idempotent-Replayed" in retry) == (201, False)
    row = LedgerMeeting.objects.get()
    assert retry.json()["id"] == row.pk
    assert list(ApiRepeat.objects.values_list("pk", "status", "made_pk")) == [(claim.pk, 201, str(row.pk))]
    again = _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again.json()["id"], again["Idempotent-Replayed"]) == (201, row.pk, "true")
    assert LedgerMeeting.objects.count() == 1


def _api_views():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.callback
    return {path: view for path, view in walk(get_resolver().url_patterns) if path.startswith("api/v1/")}


# the anonymous direct line keeps no account to bind a repeat to: its report is the citizen's own (ADR 0036), its
# answer has its Idempotency-Key (Message.form_key); the token request creates nothing kept
NOT_COVERED = {"/api/v1/directline/public/reports/", "/api/v1/directline/public/answer/", "/api/v1/auth/token/"}


def _names_its_row(view) -> bool:
    """Whether `view`, or a helper of its module it calls (dispatch's `_event_create`), passes its row to `made`."""
    import inspect
    import re

    source = inspect.getsource(view)
    helpers = [getattr(inspect.getmodule(view), name, None) for name in re.findall(r"\b(_\w+)\(", source)]
    return any("made(" in inspect.getsource(f) for f in [view, *(h for h in helpers if inspect.isfunction(h))])


def test_every_api_create_endpoint_is_covered_and_documents_the_key():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    creates = sorted(path for path, item in schema["paths"].items()
                     if "post" in item and {"201", "202"} & set(item["post"]["responses"]))
    assert creates == [
        "/api/v1/directline/public/answer/", "/api/v1/directline/public/reports/", "/api/v1/dispatch/events/",
        "/api/v1/employment/people/", "/api/v1/employment/people/import/",
        "/api/v1/employment/people/{id}/referrals/", "/api/v1/employment/people/{id}/visits/",
        "/api/v1/employment/postings/", "/api/v1/employment/postings/import/",
        "/api/v1/monitor/ledgers/{kind}/", "/api/v1/monitor/notices/", "/api/v1/monitor/notices/{id}/cases/",
        "/api/v1/monitor/rules/", "/api/v1/review/reviews/"]
    views = {"/" + path.replace("<int:pk>", "{id}").replace("<str:kind>", "{kind}"): view
             for path, view in _api_views().items()}
    for path in creates:
        if path in NOT_COVERED:
            continue
        handler = views[path].cls.post   # DRF's handler calls the decorated function from its closure
        funcs = [cell.cell_contents for cell in handler.__closure__ or () if callable(cell.cell_contents)]
        assert [getattr(f, "creates_once", False) for f in funcs] == [True], path
        # and names the row it creates (`made`), so a repeat after the row is gone creates again
        assert _names_its_row(funcs[0].__wrapped__), path
        params = {p["name"] for p in schema["paths"][path]["post"].get("parameters", ())}
        assert "Idempotency-Key" in params, path


def test_a_posting_upload_repeated_after_its_batch_was_withdrawn_is_a_new_batch(world, monkeypatch,
                                                                                django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment import postings
    from jianfu.employment.models import PostingImport
    from jianfu.employment.tests.test_import_confirm_withdraw import rows
    from jianfu.employment.tests.test_postings import xlsx

    monkeypatch.setattr(postings, "CONFIRM_ABOVE", 4)
    api = world.api_client("county_office")
    content = xlsx(rows(5)).getvalue()

    def post():
        with django_capture_on_commit_callbacks(execute=True):
            return api.post("/api/v1/employment/postings/import/",
                            {"file": SimpleUploadedFile("big.xlsx", content)}, format="multipart")

    first = post()
    batch = PostingImport.objects.get()
    assert (first.status_code, first.json()["id"], batch.status) == (202, batch.pk, "awaiting")
    again = post()
    assert (again.status_code, again.json()["id"], again["Idempotent-Replayed"]) == (202, batch.pk, "true")
    assert api.post(f"/api/v1/employment/postings/imports/{batch.pk}/withdraw/").status_code == 200
    # 已撤销: the first answer no longer stands, the same file is uploaded again as a batch of its own
    third = post()
    newer = PostingImport.objects.latest("pk")
    assert (third.status_code, "Idempotent-Replayed" in third, third.json()["id"]) == (202, False, newer.pk)
    assert (PostingImport.objects.count(), newer.pk != batch.pk, newer.status) == (2, True, "awaiting")


@pytest.mark.parametrize("ended", ["failed", "interrupted"])
def test_a_repeat_of_an_import_whose_batch_failed_or_was_interrupted_imports_again(world, ended):
    """mend18b #3a: the first answer named a batch that stored nothing (有错误，未入库 / 已中断): the same upload
    repeated within the window is a batch of its own, not the first answer again."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment.models import SeekerImportBatch

    api = world.api_client("village_a")
    upload = "身份证号,人员类别,求职意向\n".encode()

    def post():
        return api.post("/api/v1/employment/people/import/",
                        {"file": SimpleUploadedFile("seekers.csv", upload, content_type="text/csv")}, format="multipart")

    first = post()
    assert (first.status_code, SeekerImportBatch.objects.count()) == (202, 1)
    SeekerImportBatch.objects.update(status=ended)   # what the worker leaves
    again = post()
    assert (again.status_code, "Idempotent-Replayed" in again) == (202, False)
    assert SeekerImportBatch.objects.count() == 2
    newer = SeekerImportBatch.objects.latest("pk")
    assert (again.json()["id"], newer.status) == (newer.pk, "queued")
    assert list(ApiRepeat.objects.values_list("made_pk", flat=True)) == [str(newer.pk)]
    # while the new batch stands, its answer is the repeat's
    third = post()
    assert (third.status_code, third.json()["id"], third["Idempotent-Replayed"]) == (202, newer.pk, "true")
    assert SeekerImportBatch.objects.count() == 2


class _Killed(BaseException):
    """The worker's process ends here (SIGKILL, the server's timeout): no exception handler of the app runs."""


def test_a_worker_killed_after_its_create_before_its_answer_leaves_no_row_and_the_takeover_makes_one(world,
                                                                                                  monkeypatch):
    """mend18b #3b: the create and its kept answer commit together. A worker killed between them left a committed
    meeting and an unanswered claim; the retry that took the claim over made a second meeting."""
    import hashlib

    from jianfu.api import repeats
    from jianfu.api.v1 import monitor as monitor_api

    api = world.api_client("dept_housing")
    user = world.users["dept_housing"]

    def killed(row):
        assert LedgerMeeting.objects.count() == 1    # the service has written the meeting
        raise _Killed

    monkeypatch.setattr(monitor_api, "made", killed)
    with pytest.raises(_Killed):
        _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    # the meeting went with the transaction that would have stored its answer
    assert (LedgerMeeting.objects.count(), ApiRepeat.objects.count()) == (0, 0)
    # what a killed worker leaves besides (no cleanup runs in a killed process): its claim, unanswered, now stale
    digest = formtokens.content_digest({"fields": MEETING, "files": {}, "query": []})
    repeat_key = hashlib.sha256(f"api|user:{user.pk}|{MEETINGS}|key:{KEY}".encode()).hexdigest()
    now = timezone.now()
    ApiRepeat.objects.create(key=repeat_key, content_key=digest, expires_at=now + dt.timedelta(hours=24),
                             claimed_at=now - dt.timedelta(seconds=formtokens.API_CLAIM_SECONDS + 1))
    monkeypatch.setattr(monitor_api, "made", repeats.made)
    retry = _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (retry.status_code, "Idempotent-Replayed" in retry) == (201, False)
    row = LedgerMeeting.objects.get()
    assert retry.json()["id"] == row.pk
    assert list(ApiRepeat.objects.values_list("status", "made_pk")) == [(201, str(row.pk))]
    again = _post(api, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again.json()["id"], again["Idempotent-Replayed"]) == (201, row.pk, "true")
    assert LedgerMeeting.objects.count() == 1


def test_a_refusal_keeps_what_the_create_wrote_before_refusing_and_a_bug_undoes_it(world):
    """The one transaction of a create and its answer (mend18b #3b) changes nothing for a refusal: what the view
    wrote before it refused stays, as before, and no answer is kept; any other error undoes the create."""
    from jianfu.core.models import AuditRecord

    def refuse():
        AuditRecord.objects.create(action="demo.refused", object_type="demo", object_id="1", created_at=timezone.now())
        raise ApplicationError("不行", code="invalid")

    def broken():
        AuditRecord.objects.create(action="demo.broken", object_type="demo", object_id="2", created_at=timezone.now())
        raise RuntimeError("a bug")

    with pytest.raises(ApplicationError):
        formtokens.api_once(sender="user:1", endpoint="/x/", content="e" * 64, idempotency_key=None, create=refuse)
    with pytest.raises(RuntimeError):
        formtokens.api_once(sender="user:1", endpoint="/x/", content="f" * 64, idempotency_key=None, create=broken)
    assert list(AuditRecord.objects.filter(object_type="demo").values_list("action", flat=True)) == ["demo.refused"]
    assert ApiRepeat.objects.count() == 0


@pytest.mark.parametrize("path", ["first", "row_gone", "expired_between"])
def test_the_caller_s_refusals_keep_their_writes_when_api_once_calls_itself(world, monkeypatch, path):
    """cr18 #4: the two recursive calls (a kept answer whose row is gone; a claim expired and deleted between the
    insert and the read) dropped `refusals=`, so a framework refusal (DRF's ValidationError) there undid what the view
    wrote before refusing, where the first call kept it."""
    from rest_framework.exceptions import ValidationError

    from jianfu.core.models import AuditRecord

    def refuse():
        AuditRecord.objects.create(action="demo.refused", object_type="demo", object_id="1", created_at=timezone.now())
        raise ValidationError({"x": ["不行"]})

    call = {"sender": "user:1", "endpoint": "/x/", "content": "c" * 64, "idempotency_key": KEY}
    if path == "row_gone":
        answer, repeated = formtokens.api_once(**call, create=lambda: formtokens.Answer(
            201, {"id": 999999}, {}, "core.auditrecord", "999999"))
        assert (answer.status, repeated, ApiRepeat.objects.count()) == (201, False, 1)
    if path == "expired_between":
        ApiRepeat.objects.create(key="x", content_key="c" * 64, expires_at=timezone.now() + dt.timedelta(hours=1))
        real = ApiRepeat.objects.create
        calls = []

        def clash(**kwargs):
            calls.append(1)
            if len(calls) == 1:
                from django.db import IntegrityError
                raise IntegrityError("UNIQUE constraint failed")   # the first's row, then gone before the read
            return real(**kwargs)
        monkeypatch.setattr(ApiRepeat.objects, "create", clash)
    with pytest.raises(ValidationError):
        formtokens.api_once(**call, create=refuse, refusals=(ApplicationError, ValidationError))
    assert list(AuditRecord.objects.filter(object_type="demo").values_list("action", flat=True)) == ["demo.refused"]
    assert ApiRepeat.objects.exclude(key="x").count() == 0


def test_a_create_whose_claim_was_taken_over_is_undone_and_the_claim_left_to_the_retry(world):
    """security19 #4: gunicorn's gthread worker does not kill a thread at its timeout, so a create slower than
    API_CLAIM_SECONDS may be alive when a retry takes its claim over (on PostgreSQL; SQLite's write lock makes the
    retry wait): the slow create is undone and answered 409, the claim left to the retry. (One connection here: the
    retry's takeover is the update below, undone with the slow create's transaction.)"""
    call = {"sender": "user:1", "endpoint": MEETINGS, "content": "g" * 64, "idempotency_key": None}

    def slow():
        LedgerMeeting.objects.create(date=dt.date(2025, 3, 1), title="慢的一次", org_code="450521",
                                     duration_minutes=60, speech_minutes=10)
        ApiRepeat.objects.update(claimed_at=timezone.now() + dt.timedelta(seconds=1))   # the retry's takeover
        return formtokens.Answer(201, {"id": "slow"})

    with pytest.raises(ConflictError) as refused:
        formtokens.api_once(**call, create=slow)
    assert refused.value.code == "in_progress"
    assert LedgerMeeting.objects.count() == 0   # the slow create undone
    claim = ApiRepeat.objects.get()             # and the claim not dropped: the retry's, still unanswered
    assert (claim.status, claim.body) == (None, None)
