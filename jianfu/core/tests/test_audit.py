import pytest
from django.db import connection, transaction

from jianfu.core.audit import audit_record, seal_pending, verify_chain
from jianfu.core.models import AuditRecord
from jianfu.core.pii import mask_id_number, mask_phone


def _write(world, n):
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=world.users["village_a"], action="test.write", object_type="x", object_id=i,
                         org_code="450521200206", changes={"i": i, "名称": "曲木村"})
    seal_pending()  # the test transaction never commits, so seal as the after-commit hook would


@pytest.mark.django_db
def test_intact_chain_verifies(world):
    _write(world, 5)
    assert list(verify_chain()) == []
    records = list(AuditRecord.objects.order_by("seq"))
    assert [r.seq for r in records] == [1, 2, 3, 4, 5]
    assert [r.prev_digest for r in records[1:]] == [r.digest for r in records[:-1]]
    assert records[0].actor_name == "village_a"


@pytest.mark.django_db
def test_edited_record_is_detected(world):
    _write(world, 4)
    target = AuditRecord.objects.order_by("id")[1]
    with connection.cursor() as cursor:  # tampering bypasses the application, as an attacker would
        cursor.execute("UPDATE core_auditrecord SET action = %s WHERE id = %s", ["test.forged", target.id])
    problems = list(verify_chain())
    assert [(p.record_id, p.reason) for p in problems] == [(target.id, "记录内容被修改（摘要不符）")]


@pytest.mark.django_db
def test_deleted_record_is_detected(world):
    _write(world, 4)
    ids = list(AuditRecord.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditrecord WHERE id = %s", [ids[2]])
    problems = list(verify_chain())
    assert [p.record_id for p in problems] == [ids[3], None]


@pytest.mark.django_db
def test_deleted_last_record_is_detected(world):
    _write(world, 3)
    last = AuditRecord.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditrecord WHERE id = %s", [last.id])
    assert [p.record_id for p in verify_chain()] == [None]


@pytest.mark.django_db
def test_records_are_append_only_through_the_application(world):
    _write(world, 1)
    rec = AuditRecord.objects.get()
    rec.action = "changed"
    with pytest.raises(PermissionError):
        rec.save()
    with pytest.raises(PermissionError):
        rec.delete()
    assert AuditRecord.objects.get().action == "test.write"


@pytest.mark.django_db(transaction=True)
def test_audit_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x")
    assert AuditRecord.objects.count() == 0


@pytest.mark.django_db
def test_audit_verify_command(world):
    from django.core.management import CommandError, call_command

    _write(world, 2)
    call_command("audit_verify")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET org_code = '450521200201'")
    with pytest.raises(CommandError, match="审计链校验失败：2 处问题"):
        call_command("audit_verify")


def test_masks():
    assert mask_id_number("450521199001011234") == "4505**************"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number("") == ""
    assert mask_phone(None) == ""
    assert mask_id_number("1234") == "****"


@pytest.mark.django_db(transaction=True)
def test_records_are_sealed_when_the_write_commits():
    with transaction.atomic():
        audit_record(actor=None, action="a")
        audit_record(actor=None, action="b")
        assert AuditRecord.objects.filter(seq__isnull=True).count() == 2
    assert list(AuditRecord.objects.order_by("seq").values_list("action", "seq")) == [("a", 1), ("b", 2)]
    with pytest.raises(RuntimeError, match="write failed"), transaction.atomic():
        audit_record(actor=None, action="rolled back")
        raise RuntimeError("write failed")
    assert AuditRecord.objects.count() == 2
    with transaction.atomic():
        audit_record(actor=None, action="c")
    assert list(AuditRecord.objects.order_by("seq").values_list("action", flat=True)) == ["a", "b", "c"]
    assert list(verify_chain()) == []


@pytest.mark.django_db
def test_long_unsealed_record_is_reported(world):
    import datetime as dt

    from django.utils import timezone

    with transaction.atomic():
        rec = audit_record(actor=None, action="orphan")
    AuditRecord.objects.filter(pk=rec.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    assert [(p.record_id, p.reason) for p in verify_chain()] == [(rec.id, "记录长时间未封存入链")]


@pytest.mark.django_db(transaction=True)
def test_sealing_is_batched_within_the_interval(settings):
    from jianfu.core import audit

    settings.JIANFU_AUDIT_SEAL_INTERVAL = 60
    audit._last_seal = 0.0
    with transaction.atomic():
        audit_record(actor=None, action="first")
    with transaction.atomic():
        audit_record(actor=None, action="second")   # within the interval: left for the batch
    assert list(AuditRecord.objects.order_by("id").values_list("action", "seq")) == [("first", 1), ("second", None)]
    assert seal_pending() == 1                       # what the minutely job does
    assert list(verify_chain()) == []
    audit._last_seal = 0.0
