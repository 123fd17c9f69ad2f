"""N03 (session 11): a 37,878-row upload went straight onto the public board with no way back. A web upload of more
than `postings.CONFIRM_ABOVE` postings is validated and written but held (批次 待确认, postings 待确认, not public)
with its counts until the uploader confirms it; 撤销本批 takes a batch's postings off the board, audited, and leaves
the employers it registered and nothing else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ConflictError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import credit, good, xlsx
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/employment/postings/import/"


def rows(n: int, start: int = 1) -> list:
    out = [good(i, 统一社会信用代码="", 单位名称=f"合浦县测试单位{i % 3}") for i in range(start, start + n)]
    out[0] = good(start, 岗位描述="仓库理货，限男性")                        # one flagged (gender)
    return out


def upload(world, client, content, capture, user="county_office"):
    with capture(execute=True):
        response = client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("big.xlsx", content.getvalue())})
    batch = PostingImport.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"{URL}{batch.pk}/"
    return batch


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(postings, "CONFIRM_ABOVE", 4)


def test_a_large_upload_is_held_with_its_counts_and_nothing_is_public(world, small_threshold,
                                                                      django_capture_on_commit_callbacks):
    client = world.client("county_office")
    batch = upload(world, client, xlsx(rows(5)), django_capture_on_commit_callbacks)
    assert (batch.status, batch.created_count, batch.employers_created, batch.flagged_count) == ("awaiting", 5, 4, 1)
    assert sorted(Posting.objects.values_list("status", flat=True)) == ["pending"] * 5
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert "待发布岗位 5 个，新登记单位 4 个，疑似歧视待核查 1 个。" in page and "确认发布" in page
    # the public board and its API show none of them
    assert "分拣工" not in world.client(None).get("/employment/jobs/").content.decode()
    assert world.api_client(None).get("/api/v1/employment/postings/").json()["count"] == 0

    response = client.post(f"{URL}{batch.pk}/confirm/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "committed"
    assert sorted(Posting.objects.values_list("title", "status")) == [
        ("分拣工1", "flagged"), ("分拣工2", "open"), ("分拣工3", "open"), ("分拣工4", "open"), ("分拣工5", "open")]
    assert AuditRecord.objects.filter(action="employment.posting.import_confirm").get().changes == {
        "open": 4, "flagged": 1}
    # confirming twice is refused and changes nothing
    with pytest.raises(ConflictError):
        postings.import_confirm(actor=world.users["county_office"], batch=batch)
    assert Posting.objects.filter(status="open").count() == 4


def test_a_small_upload_goes_public_at_once(world, small_threshold, django_capture_on_commit_callbacks):
    batch = upload(world, world.client("county_office"), xlsx(rows(4)), django_capture_on_commit_callbacks)
    assert (batch.status, Posting.objects.filter(status="open").count()) == ("committed", 3)


def test_withdraw_takes_the_batch_off_the_board_and_keeps_its_employers(world, django_capture_on_commit_callbacks):
    client = world.client("county_office")
    other = upload(world, client, xlsx([good(9, 单位名称="合浦县别的单位", 统一社会信用代码=credit(9))]),
                   django_capture_on_commit_callbacks)
    batch = upload(world, client, xlsx(rows(3)), django_capture_on_commit_callbacks)
    assert batch.status == "committed" and Posting.objects.filter(batch=batch, status="open").count() == 2
    employers = Organisation.objects.count()

    response = client.post(f"{URL}{batch.pk}/withdraw/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "withdrawn"
    assert sorted(Posting.objects.filter(batch=batch).values_list("status", flat=True)) == ["withdrawn"] * 3
    assert Posting.objects.get(batch=other).status == "open"                  # nothing else touched
    assert Organisation.objects.count() == employers                        # its employers stay
    assert AuditRecord.objects.filter(action="employment.posting.import_withdraw").get().changes == {
        "from": "committed", "withdrawn": 3}
    assert "本批已撤销：3 个岗位已下架" in client.get(f"{URL}{batch.pk}/").content.decode()
    # the corrected file can be uploaded again (the withdrawn postings no longer count as duplicates)
    again = upload(world, client, xlsx(rows(3)), django_capture_on_commit_callbacks)
    assert (again.status, again.created_count) == ("committed", 3)


def test_a_held_batch_can_be_withdrawn_and_a_withdrawn_one_not_again(world, small_threshold,
                                                                    django_capture_on_commit_callbacks):
    client = world.client("county_office")
    batch = upload(world, client, xlsx(rows(5)), django_capture_on_commit_callbacks)
    postings.import_withdraw(actor=world.users["county_office"], batch=batch)
    assert Posting.objects.exclude(status="withdrawn").count() == 0
    with pytest.raises(ConflictError):
        postings.import_confirm(actor=world.users["county_office"], batch=batch)
    with pytest.raises(ConflictError):
        postings.import_withdraw(actor=world.users["county_office"], batch=batch)
    assert (PostingImport.objects.get(pk=batch.pk).status, Posting.objects.filter(status="withdrawn").count()) == (
        "withdrawn", 5)


def test_another_town_cannot_confirm_or_withdraw(world, small_threshold, django_capture_on_commit_callbacks):
    batch = upload(world, world.client("county_office"), xlsx(rows(5)), django_capture_on_commit_callbacks)
    for action in ("confirm", "withdraw"):
        assert world.client("village_a").post(f"{URL}{batch.pk}/{action}/").status_code in (403, 404)
    assert (PostingImport.objects.get(pk=batch.pk).status,
            sorted(set(Posting.objects.values_list("status", flat=True)))) == ("awaiting", ["pending"])


def test_only_the_uploader_confirms_another_manager_may_withdraw(world, small_threshold,
                                                                 django_capture_on_commit_callbacks):
    # the diff review's D6: the hold is for the uploader to look at what they sent
    batch = upload(world, world.client("county_office"), xlsx(rows(5)), django_capture_on_commit_callbacks)
    # the page offers the button to the uploader only; the other manager reads who confirms, and may withdraw
    assert f'action="{URL}{batch.pk}/confirm/"' in world.client("county_office").get(f"{URL}{batch.pk}/").content.decode()
    other_page = world.client("admin").get(f"{URL}{batch.pk}/").content.decode()
    assert f'action="{URL}{batch.pk}/confirm/"' not in other_page and f'action="{URL}{batch.pk}/withdraw/"' in other_page
    assert "只有上传人（county_office）可以确认发布；如有问题可以撤销本批。" in other_page
    assert world.client("admin").post(f"{URL}{batch.pk}/confirm/").status_code == 403
    assert (PostingImport.objects.get(pk=batch.pk).status,
            sorted(set(Posting.objects.values_list("status", flat=True)))) == ("awaiting", ["pending"])
    assert not AuditRecord.objects.filter(action="employment.posting.import_confirm").exists()
    assert world.client("admin").post(f"{URL}{batch.pk}/withdraw/").status_code == 302
    assert PostingImport.objects.get(pk=batch.pk).status == "withdrawn"


def test_a_posting_withdrawn_on_its_own_is_released_with_its_batch(world, small_threshold,
                                                                   django_capture_on_commit_callbacks):
    # the diff review's D7: withdrawing one posting first left its fingerprint, and the corrected file was refused
    client = world.client("county_office")
    batch = upload(world, client, xlsx(rows(5)), django_capture_on_commit_callbacks)
    postings.import_confirm(actor=world.users["county_office"], batch=batch)
    Posting.objects.filter(title="分拣工2").update(status="withdrawn")
    postings.import_withdraw(actor=world.users["county_office"], batch=batch)
    assert Posting.objects.filter(batch_id=batch.pk).exclude(fingerprint__startswith="withdrawn-").count() == 0
    again = upload(world, client, xlsx(rows(5)), django_capture_on_commit_callbacks)
    assert (again.status, again.created_count, again.errors) == ("awaiting", 5, [])


def test_a_held_batch_shows_its_warnings_before_the_confirm(world, small_threshold,
                                                           django_capture_on_commit_callbacks):
    # the diff review's D5: the rows to check were shown only after the batch was public
    sent = rows(5)
    sent[2] = good(3, 统一社会信用代码="", 单位名称="合浦县测试单位0", 工作地点="合浦县某某工业小区")
    client = world.client("county_office")
    batch = upload(world, client, xlsx(sent), django_capture_on_commit_callbacks)
    assert (batch.status, len(batch.warnings)) == ("awaiting", 1)
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert "确认发布前，请核对以下岗位：" in page and "第4行" in page and "以下岗位已入库" not in page
