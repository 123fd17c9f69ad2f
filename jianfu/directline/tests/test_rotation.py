"""Key rotation (issue 9 follow-up): a new county key, every report re-sealed, the old private key gone;
a rotation interrupted anywhere — by an exception or by SIGKILL of the process — leaves every report
readable with exactly one key, and can be completed."""

from __future__ import annotations

import io
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Case, Value, When

from jianfu.accounts.models import User
from jianfu.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.directline import rotation, sealing, selectors, services
from jianfu.directline.models import (
    Attachment,
    CountyKey,
    Enrolment,
    HandlerSlot,
    KeyRotation,
    Message,
    Report,
)
from jianfu.directline.tests.factories import COUNTY, PASSPHRASE, county_key_with_handler, submitted
from jianfu.directline.tests.killed import run_in_child

SECOND_PASSPHRASE = "第二位办理人的口令-xyz-789"


def _png() -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("现场.png", buffer.getvalue(), content_type="image/png")


def _second_handler(world, private: bytes) -> User:
    second = User.objects.create(username="office_two", role="county_office", org_unit=world.county)
    code = services.handler_invite(actor=world.users["county_office"], private=private, user=second)
    services.handler_enrol(actor=second, code=code, passphrase=SECOND_PASSPHRASE)
    return second


def _a_county_with_history(world, n: int = 5):
    """n reports: one with an attachment, a question and an answer, one closed with an outcome note."""
    key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    private = services.handler_unlock(actor=office, passphrase=PASSPHRASE)  # upgrades the legacy slot
    reports = [submitted(f"第{i}份反映：某局要求村里每周报送三张台账照片并打卡。")[0] for i in range(n)]
    with_file, _code = submitted("附件里是某应用的打卡排名截图，每天通报。", attachments=[_png()])
    services.report_ask(actor=office, report=with_file, private=private, question="请问是哪个部门的应用？")
    services.reporter_answer(report=Report.objects.get(pk=with_file.pk), text="是县某局的应用。")
    services.report_close(actor=office, report=reports[0], private=private, note="已督促该局停止每周报送照片。")
    made = [*(r.pk for r in reports), with_file.pk]   # in the order they were sent: ids are random (security28 #3)
    return key, private, Report.objects.filter(pk__in=made).order_by(
        Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(made))))


def _read(report: Report, private: bytes) -> tuple[str, str, list[str], list[bytes]]:
    """Every county-sealed part of a report, opened with `private` (sealing.OpenError if any does not)."""
    outcome = bytes(report.outcome_sealed)
    return (sealing.open_text(bytes(report.body_sealed), private=private, aad=report.aad("body")),
            sealing.open_text(outcome, private=private, aad=report.aad("outcome")) if outcome else "",
            [sealing.open_text(bytes(m.sealed_for_county), private=private, aad=m.aad()) for m in report.messages.all()],
            [sealing.open_sealed(bytes(a.sealed_content), private=private, aad=a.aad()) for a in report.attachments.all()])


def _opens_with(report: Report, private: bytes) -> bool:
    """Every county-sealed part of the report opens with `private` (all of them, or the answer is False)."""
    try:
        _read(report, private)
    except sealing.OpenError:
        return False
    return True


def _every_report_on_exactly_one_key(old: bytes, new: bytes, new_key: CountyKey) -> tuple[int, int]:
    on_old = on_new = 0
    for report in Report.objects.select_related("county_key").order_by("pk"):
        opens_old, opens_new = _opens_with(report, old), _opens_with(report, new)
        assert opens_old != opens_new, report.pk
        assert opens_new == (report.county_key_id == new_key.pk), report.pk
        on_new += opens_new
        on_old += opens_old
    return on_old, on_new


@pytest.mark.django_db
def test_rotation_reseals_everything_and_destroys_the_old_private_key(world):
    key, old_private, reports = _a_county_with_history(world)
    office = world.users["county_office"]
    second = _second_handler(world, old_private)
    third = User.objects.create(username="office_three", role="county_office", org_unit=world.county)
    pending_code = services.handler_invite(actor=office, private=old_private, user=third)
    before = {r.pk: _read(r, old_private) for r in reports}
    audit_before = AuditRecord.objects.count()

    result = rotation.rotation_start(actor=office, private=old_private)
    new_key = result.rotation.new_key
    assert (result.carried, result.reinvite) == (["county_office", "office_two"], [])
    assert CountyKey.objects.get(pk=key.pk).is_active is False and new_key.is_active
    assert Enrolment.objects.count() == 0                      # an invitation carried the old private key
    with pytest.raises(ApplicationError):
        services.handler_enrol(actor=third, code=pending_code, passphrase="第三位办理人的口令-000")
    # A report sent during the rotation is sealed to the new key at once.
    during, _code = submitted("轮换期间收到的反映：某局要求村里填写重复的表格。")
    assert during.county_key_id == new_key.pk

    assert rotation.rotation_run(actor=office, rotation=result.rotation, new_private=result.new_private, batch=2)
    finished = KeyRotation.objects.get(pk=result.rotation.pk)
    assert (finished.state, finished.total, finished.resealed, bytes(finished.old_private_sealed)) == (
        "done", 6, 6, b"")
    assert Report.objects.filter(county_key=key).count() == 0
    # Everything opens with the new key, and reads exactly as before; nothing opens with the old one.
    for report in Report.objects.exclude(pk=during.pk).select_related("county_key"):
        assert _read(report, result.new_private) == before[report.pk]
        assert not _opens_with(report, old_private)
    attachment = Attachment.objects.get()
    assert sealing.open_sealed(bytes(attachment.sealed_content), private=result.new_private,
                               aad=attachment.aad()).startswith(b"\xff\xd8")  # an opaque PNG is kept as JPEG
    # The old private key exists nowhere: its slots are empty and revoked.
    old_slots = HandlerSlot.objects.filter(county_key=key)
    assert [(bytes(s.wrapped_private), bytes(s.handler_private_wrapped), s.revoked_at is not None)
            for s in old_slots] == [(b"", b"", True), (b"", b"", True)]
    # Both handlers unlock the new key with their unchanged passphrases.
    assert services.handler_unlock(actor=office, passphrase=PASSPHRASE) == result.new_private
    assert services.handler_unlock(actor=second, passphrase=SECOND_PASSPHRASE) == result.new_private
    # The reporter's side is untouched: the receipt code still opens the exchange.
    actions = list(AuditRecord.objects.order_by("pk").values_list("action", flat=True)[audit_before:])
    assert actions == ["directline.key.rotate_start", "directline.key.rotate_finish",
                       "directline.handler.unlock", "directline.handler.unlock"]


@pytest.mark.django_db
def test_the_reporter_still_follows_up_after_a_rotation(world):
    county_key_with_handler(world)
    office = world.users["county_office"]
    private = services.handler_unlock(actor=office, passphrase=PASSPHRASE)
    report, code = submitted("某局要求每个村建三个微信工作群并每天截图。")
    services.report_ask(actor=office, report=report, private=private, question="是哪个局？")
    result = rotation.rotation_start(actor=office, private=private)
    assert rotation.rotation_run(actor=office, rotation=result.rotation, new_private=result.new_private)
    found, reporter_private = selectors.report_by_receipt(code=code)
    opened = selectors.reporter_view(report=found, private=reporter_private)
    assert opened.text == "某局要求每个村建三个微信工作群并每天截图。"
    assert [m.text for m in opened.messages] == ["是哪个局？"]
    services.reporter_answer(report=found, text="是县某局。")
    assert _read(Report.objects.get(pk=report.pk), result.new_private)[2] == ["是哪个局？", "是县某局。"]


@pytest.mark.django_db
def test_a_handler_never_unlocked_since_the_upgrade_must_be_reinvited(world):
    key, old_private = county_key_with_handler(world)
    office = world.users["county_office"]
    legacy = User.objects.create(username="office_legacy", role="county_office", org_unit=world.county)
    from jianfu.directline.tests.factories import add_slot

    add_slot(key, legacy, old_private, "旧格式办理人的口令-12345")     # legacy layout, never unlocked since
    private = services.handler_unlock(actor=office, passphrase=PASSPHRASE)
    result = rotation.rotation_start(actor=office, private=private)
    assert (result.carried, result.reinvite) == (["county_office"], ["office_legacy"])
    assert services.active_slot(legacy) is None
    assert rotation.rotation_run(actor=office, rotation=result.rotation, new_private=result.new_private)
    start = AuditRecord.objects.get(action="directline.key.rotate_start")
    assert start.changes["reinvite"] == ["office_legacy"]


@pytest.mark.django_db
def test_refusals_change_nothing(world):
    key, old_private = county_key_with_handler(world)
    submitted()
    office = world.users["county_office"]
    state = lambda: (list(CountyKey.objects.values_list("pk", "is_active")), KeyRotation.objects.count(),  # noqa: E731
                     list(Report.objects.values_list("county_key_id", "body_sealed")))
    before = state()
    with pytest.raises(PermissionDeniedError):  # not unlocked: a wrong key
        rotation.rotation_start(actor=office, private=sealing.new_key_pair().private)
    with pytest.raises(PermissionDeniedError):  # not a handler
        rotation.rotation_start(actor=world.users["admin"], private=old_private)
    # A slot of the old layout could not receive the new key: the rotation would seal every report to a key
    # nobody holds. Refused until the handler unlocks again (which upgrades the slot).
    with pytest.raises(ConflictError) as refused:
        rotation.rotation_start(actor=office, private=old_private)
    assert refused.value.code == "slot_upgrade"
    assert state() == before
    old_private = services.handler_unlock(actor=office, passphrase=PASSPHRASE)
    result = rotation.rotation_start(actor=office, private=old_private)
    after_start = state()
    with pytest.raises(PermissionDeniedError):  # resuming needs the NEW key
        rotation.rotation_step(rotation=result.rotation, new_private=old_private)
    with pytest.raises(ApplicationError):  # a second rotation while one runs (the old key is no longer active)
        rotation.rotation_start(actor=office, private=result.new_private)
    assert state() == after_start
    assert rotation.rotation_finish(actor=office, rotation=result.rotation, new_private=result.new_private) is False
    assert state() == after_start and KeyRotation.objects.get().state == "running"


class Killed(BaseException):
    """What SIGKILL does to a transaction, short of killing the test: nothing after it runs."""


@pytest.mark.django_db
@pytest.mark.parametrize("die_after", [1, 3, 6])
def test_an_interrupted_rotation_leaves_each_report_on_one_key_and_can_be_completed(world, monkeypatch, die_after):
    key, old_private, _reports = _a_county_with_history(world)
    office = world.users["county_office"]
    result = rotation.rotation_start(actor=office, private=old_private)
    real = rotation.reseal_report
    calls = []

    def dies_midway(report, **kwargs):
        calls.append(report.pk)
        if len(calls) == die_after:
            raise Killed  # inside the batch's transaction, after earlier reports of the batch were re-sealed
        return real(report, **kwargs)

    monkeypatch.setattr(rotation, "reseal_report", dies_midway)
    with pytest.raises(Killed):
        rotation.rotation_run(actor=office, rotation=result.rotation, new_private=result.new_private, batch=2)
    on_old, on_new = _every_report_on_exactly_one_key(old_private, result.new_private, result.rotation.new_key)
    assert (on_old, on_new) == (6 - 2 * ((die_after - 1) // 2), 2 * ((die_after - 1) // 2))
    assert KeyRotation.objects.get().resealed == on_new
    monkeypatch.setattr(rotation, "reseal_report", real)
    # Resumed by the other route: the handler unlocks again (the new key) and completes it.
    private = services.handler_unlock(actor=office, passphrase=PASSPHRASE)
    resumed = rotation.rotation_resume(actor=office, private=private)
    assert rotation.rotation_run(actor=office, rotation=resumed, new_private=private)
    assert _every_report_on_exactly_one_key(old_private, private, result.rotation.new_key) == (0, 6)
    assert list(AuditRecord.objects.filter(action__startswith="directline.key.rotate").order_by("pk")
                .values_list("action", flat=True)) == [
        "directline.key.rotate_start", "directline.key.rotate_resume", "directline.key.rotate_finish"]


# --- a real SIGKILL, in another process ----------------------------------------------------------
CHILD = """
from jianfu.accounts.models import User
from jianfu.directline import rotation, services

office = User.objects.get(username="county_office")
private = services.handler_unlock(actor=office, passphrase=sys.stdin.readline().rstrip("\\n"))
result = rotation.rotation_start(actor=office, private=private)
real, seen = rotation.reseal_report, []

def reseal_then_die(report, **kwargs):
    seen.append(report.pk)
    if len(seen) == 4:
        os.kill(os.getpid(), signal.SIGKILL)  # mid-batch: the batch's first report is already written
    return real(report, **kwargs)

rotation.reseal_report = reseal_then_die
rotation.rotation_run(actor=office, rotation=result.rotation, new_private=result.new_private, batch=2)
"""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_rotation_killed_by_sigkill_is_consistent_and_completes(world, tmp_path):
    """The child process unlocks, starts the rotation and is SIGKILLed in the middle of its second batch."""
    key, old_private, _reports = _a_county_with_history(world)
    child = run_in_child(CHILD, tmp_path=tmp_path, stdin=PASSPHRASE + "\n")
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    running = KeyRotation.objects.select_related("new_key").get()
    assert running.state == "running"
    office = world.users["county_office"]
    new_private = services.handler_unlock(actor=office, passphrase=PASSPHRASE)
    # The first batch (2 reports) committed; the second died after re-sealing one report, which rolled back.
    assert _every_report_on_exactly_one_key(old_private, new_private, running.new_key) == (4, 2)
    assert running.resealed == 2
    resumed = rotation.rotation_resume(actor=office, private=new_private)
    assert rotation.rotation_run(actor=office, rotation=resumed, new_private=new_private)
    assert _every_report_on_exactly_one_key(old_private, new_private, running.new_key) == (0, 6)
    assert Message.objects.count() == 2 and not HandlerSlot.objects.filter(county_key=key).exclude(
        wrapped_private=b"").exists()


# --- the handlers' page and the console -----------------------------------------------------------
@pytest.mark.django_db
def test_rotation_from_the_handlers_page(world, monkeypatch):
    key, _private, _reports = _a_county_with_history(world)
    client = world.client("county_office")
    assert client.post("/directline/handlers/", {"rotate": "start", "confirm": "on"}).status_code == 400  # locked
    assert KeyRotation.objects.count() == 0
    client.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    # Destroying the old key is never done on a bare POST: the confirmation is checked by the server too.
    assert "请勾选确认后再更换密钥" in client.post("/directline/handlers/", {"rotate": "start"}).content.decode()
    assert KeyRotation.objects.count() == 0 and CountyKey.objects.get(is_active=True).pk == key.pk
    monkeypatch.setattr(rotation, "BATCH", 2)
    monkeypatch.setattr("jianfu.directline.views.ROTATION_SECONDS", -1)  # one batch per request
    page = client.post("/directline/handlers/", {"rotate": "start", "confirm": "on"}).content.decode()
    assert "县级密钥更换进行中" in page and "已重新加密 2 / 6 条反映" in page
    page = client.post("/directline/handlers/", {"rotate": "continue"}).content.decode()
    assert "已重新加密 4 / 6 条反映" in page
    page = client.post("/directline/handlers/", {"rotate": "continue"}).content.decode()
    assert "县级密钥更换进行中" not in page and "更换密钥" in page
    new_key = CountyKey.objects.get(is_active=True)
    assert new_key.fingerprint in page and new_key.pk != key.pk
    assert not Report.objects.filter(county_key=key).exists()
    # The session was handed the new key: the handler reads a re-sealed report without unlocking again.
    report = _reports.first()
    assert "第0份反映" in client.get(f"/directline/{report.pk}/").content.decode()


@pytest.mark.django_db
def test_rotation_from_the_console_and_resuming_it(world, monkeypatch):
    from django.core.management import call_command

    key, _private, _reports = _a_county_with_history(world)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE)
    real, seen = rotation.reseal_report, []

    def dies_on_the_third(report, **kwargs):
        seen.append(report.pk)
        if len(seen) == 3:
            raise Killed
        return real(report, **kwargs)

    monkeypatch.setattr(rotation, "reseal_report", dies_on_the_third)
    monkeypatch.setattr(rotation, "BATCH", 2)
    with pytest.raises(Killed):
        call_command("directline_keys", "rotate", COUNTY, "county_office", stdout=io.StringIO())
    monkeypatch.setattr(rotation, "reseal_report", real)
    out = io.StringIO()
    call_command("directline_keys", "rotate", COUNTY, "county_office", stdout=out)
    assert "继续未完成的更换：已完成 2 / 6。" in out.getvalue() and "密钥更换完成，旧私钥已销毁。" in out.getvalue()
    assert KeyRotation.objects.get().state == "done" and not Report.objects.filter(county_key=key).exists()


def test_a_note_sealed_before_a_rotation_does_not_land_after_it(world, monkeypatch):
    """A handler acts on a report just as the rotation re-seals it: the question, sealed to the old key,
    must not land on the re-sealed report (it would be unreadable once the old key is destroyed)."""
    _key, old_private, reports = _a_county_with_history(world, n=2)
    office = world.users["county_office"]
    stale = Report.objects.get(pk=reports.last().pk)        # loaded before the rotation
    result = rotation.rotation_start(actor=office, private=old_private)
    assert rotation.rotation_run(actor=office, rotation=result.rotation, new_private=result.new_private)
    messages, status = Message.objects.count(), Report.objects.get(pk=stale.pk).status
    # The handler's access check ran before the re-seal committed (the race); the move itself must refuse.
    monkeypatch.setattr(services, "_handled", lambda actor, report, private: services.require_slot(actor))
    with pytest.raises(ConflictError):
        services.report_ask(actor=office, report=stale, private=old_private, question="请问是哪个部门？")
    assert (Message.objects.count(), Report.objects.get(pk=stale.pk).status) == (messages, status)
    assert _opens_with(Report.objects.get(pk=stale.pk), result.new_private)
