"""U10 (session 13): 11 duplicate rows refused a 520-row postings import whole, and the office had no way but to
edit the file. All or nothing stays the default; the refusal lists each duplicate row with the row (or the
registered posting) it repeats, and offers an explicit, recorded choice — 跳过这些重复行，导入其余 N 条 — on the
batch page, as `skip_duplicates=true` in the API and `--skip-duplicates` in the command. Any other error still
refuses the whole file; a refused choice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from jianfu.core.errors import ConflictError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import importjobs, postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import good, state, xlsx

pytestmark = pytest.mark.django_db
URL = "/employment/postings/import/"


def registered(world) -> Posting:
    """A posting already on the board (row 7 of the file below repeats it)."""
    result = postings.posting_import(actor=world.users["county_office"], file=xlsx([good(7)]), filename="old.xlsx")
    assert result.errors == []
    return Posting.objects.get(title="分拣工7")


def rows() -> list:
    # rows 2..8: row 4 repeats row 2, row 6 repeats row 3, row 7 repeats a registered posting
    return [good(1), good(2), good(1, 编号="J9"), good(3), good(2, 编号="J8"), good(7, 编号="J77"), good(4)]


def test_the_default_refuses_and_lists_each_duplicate_with_what_it_repeats(world):
    old = registered(world)
    before = state()
    result = postings.posting_import(actor=world.users["county_office"], file=xlsx(rows()), filename="jobs.xlsx")
    batch = result.batch
    assert batch.status == "failed" and state() == before
    assert [(e["row"], e.get("duplicate_of"), e.get("duplicate_of_posting")) for e in batch.errors] == [
        (4, 2, None), (6, 3, None), (7, None, old.pk)]
    assert batch.errors[0]["message"] == "与第2行是同一岗位（单位、岗位、地点和描述都相同）"
    assert (batch.total_rows, batch.duplicate_count, batch.rest_count, batch.skip_duplicates, batch.skipped) == (
        7, 3, 4, False, [])
    assert batch.refused_for_duplicates_only


def test_skip_duplicates_imports_the_rest_and_records_the_rows_skipped(world):
    old = registered(world)
    result = postings.posting_import(actor=world.users["county_office"], file=xlsx(rows()), filename="jobs.xlsx",
                                     skip_duplicates=True)
    batch = result.batch
    assert result.errors == [] and batch.status == "committed"
    assert (batch.created_count, batch.duplicate_count, batch.skip_duplicates) == (4, 3, True)
    assert sorted(Posting.objects.filter(batch=batch).values_list("title", flat=True)) == [
        "分拣工1", "分拣工2", "分拣工3", "分拣工4"]
    assert [(e["row"], e.get("duplicate_of"), e.get("duplicate_of_posting")) for e in batch.skipped] == [
        (4, 2, None), (6, 3, None), (7, None, old.pk)]
    log = AuditRecord.objects.filter(action="employment.posting.import").latest("pk")
    assert (log.changes["skip_duplicates"], log.changes["duplicate_count"], log.changes["skipped_rows"]) == (
        True, 3, [4, 6, 7])
    assert Posting.objects.count() == 5


def test_skipping_duplicates_does_not_excuse_any_other_error(world):
    before = state()
    result = postings.posting_import(actor=world.users["county_office"], filename="jobs.xlsx", skip_duplicates=True,
                                     file=xlsx([good(1), good(1, 编号="J9"), good(2, 月薪="好多钱")]))
    assert result.batch.status == "failed" and state() == before
    assert [(e["row"], e["column"]) for e in result.errors] == [(4, "月薪")]
    assert not result.batch.refused_for_duplicates_only
    everything = postings.posting_import(actor=world.users["county_office"], filename="jobs.xlsx",
                                         skip_duplicates=True, file=xlsx([good(1), good(1, 编号="J9")]))
    assert everything.batch.status == "committed" and everything.batch.created_count == 1
    nothing_left = postings.posting_import(actor=world.users["county_office"], filename="jobs.xlsx",
                                           skip_duplicates=True, file=xlsx([good(1)]))
    assert nothing_left.batch.status == "failed" and Posting.objects.count() == 1
    assert nothing_left.errors[0]["message"] == "文件中每一行都与其他行或已登记的岗位重复，没有可导入的岗位"


def test_the_batch_page_offers_the_choice_and_shows_the_rows_skipped(world, django_capture_on_commit_callbacks):
    old = registered(world)
    client = world.client("county_office")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx(rows()).getvalue())})
    batch = PostingImport.objects.latest("pk")
    assert batch.status == "failed" and batch.file   # the upload is kept for the choice
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert 'id="duplicates-only"' in page and "文件共 7 行，其中 3 行与其他行或已登记的岗位重复" in page
    assert "跳过这些重复行，导入其余 4 条" in page
    assert f'href="/employment/postings/{old.pk}/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{batch.pk}/skip-duplicates/")
    assert response.status_code == 302 and response["Location"] == f"{URL}{batch.pk}/"
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.skip_duplicates, batch.errors, batch.file.name) == (
        "committed", 4, True, [], "")
    assert AuditRecord.objects.filter(action="employment.posting.import_skip_duplicates", object_id=str(batch.pk),
                                   actor=world.users["county_office"]).count() == 1
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert 'id="skipped-rows"' in page and "上传人选择了跳过重复行：以下 3 行" in page
    skipped = page[page.index('id="skipped-rows"'):]
    skipped = skipped[:skipped.index("</table>")]
    assert [skipped.count(f'<td class="card-title">第{n}行</td>') for n in (4, 6, 7)] == [1, 1, 1]
    assert skipped.count('<td data-label="重复了">第2行</td>') == 1
    assert skipped.count('<td data-label="重复了">第3行</td>') == 1
    assert f'<a href="/employment/postings/{old.pk}/">已登记的岗位</a>' in skipped
    # a second click changes nothing
    again = client.post(f"{URL}{batch.pk}/skip-duplicates/", follow=True).content.decode()
    assert "只有仅因重复行而未导入的批次可以跳过重复行导入" in again
    assert Posting.objects.count() == 5


def test_a_batch_refused_for_other_errors_cannot_skip_and_nothing_changes(world, django_capture_on_commit_callbacks):
    client = world.client("county_office")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx(
            [good(1), good(1, 编号="J9"), good(2, 月薪="好多钱")]).getvalue())})
    batch = PostingImport.objects.latest("pk")
    before = (batch.status, batch.errors, batch.skip_duplicates)
    assert "跳过这些重复行" not in client.get(f"{URL}{batch.pk}/").content.decode()
    with pytest.raises(ConflictError):
        importjobs.import_skip_duplicates(actor=world.users["county_office"], batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.errors, batch.skip_duplicates) == before and Posting.objects.count() == 0


def test_the_api_takes_skip_duplicates(world, django_capture_on_commit_callbacks):
    old = registered(world)
    api = world.api_client("county_office")

    def post(**extra):
        """The upload is queued (202) and imported by the worker; the batch as polled (badinput14 B04)."""
        data = {"file": SimpleUploadedFile("jobs.xlsx", xlsx(rows()).getvalue()), **extra}
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post("/api/v1/employment/postings/import/", data, format="multipart")
        if response.status_code != 202:
            return response
        polled = api.get(response["Location"])
        polled.status_code = 422 if polled.json()["status"] == "failed" else 201   # what the request answered before
        return polled

    refused = post()
    assert refused.status_code == 422 and Posting.objects.count() == 1
    body = refused.json()
    assert [(e["row"], e.get("duplicate_of"), e.get("duplicate_of_posting")) for e in body["errors"]] == [
        (4, 2, None), (6, 3, None), (7, None, old.pk)]
    assert "skip_duplicates=true" in body["message"] and "导入其余 4 条" in body["message"]
    bad = post(skip_duplicates="maybe")
    assert bad.status_code == 400 and Posting.objects.count() == 1
    # strictly true/false/1/0 (diffreview13 D12): what DRF's BooleanField would also take is refused, nothing written
    for loose in ("yes", "on", "y", "t", "no", "是"):
        refused_loose = post(skip_duplicates=loose)
        assert refused_loose.status_code == 400 and Posting.objects.count() == 1, loose
        assert refused_loose.json()["error"]["fields"] == {"skip_duplicates": [
            f"参数 skip_duplicates 只能是 true 或 false（也可写 1 或 0），收到“{loose}”。"]}
    assert post(skip_duplicates="0").status_code == 422 and Posting.objects.count() == 1
    done = post(skip_duplicates="true")
    assert done.status_code == 201
    body = done.json()
    assert (body["created_count"], body["skip_duplicates"], body["duplicate_count"]) == (4, True, 3)
    assert [e["row"] for e in body["skipped"]] == [4, 6, 7] and Posting.objects.count() == 5


def test_the_command_takes_skip_duplicates(world, tmp_path):
    registered(world)
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(xlsx(rows()).getvalue())
    with pytest.raises(CommandError, match="加上 --skip-duplicates 可跳过这些重复行，导入其余 4 条"):
        call_command("employment_import_postings", str(path), "--as", "county_office", stderr=io.StringIO())
    assert Posting.objects.count() == 1
    out = io.StringIO()
    call_command("employment_import_postings", str(path), "--as", "county_office", "--skip-duplicates", stdout=out)
    text = out.getvalue()
    assert "跳过第4行：与第2行是同一岗位" in text and "已跳过重复行 3 行。" in text and "入库岗位 4 个" in text
    assert Posting.objects.count() == 5


def test_a_kept_upload_is_deleted_after_a_week_and_the_page_says_to_upload_again(world,
                                                                                  django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    client = world.client("county_office")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx([good(1), good(1, 编号="J9")]).getvalue())})
    batch = PostingImport.objects.latest("pk")
    name = batch.file.name
    assert batch.status == "failed" and batch.file.storage.exists(name)
    importjobs.import_recover_stale()
    batch.refresh_from_db()
    assert batch.file.name == name     # within the week: kept
    PostingImport.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - dt.timedelta(days=8))
    importjobs.import_recover_stale()
    batch.refresh_from_db()
    assert (batch.status, batch.file.name, batch.duplicate_count) == ("failed", "", 1)
    assert not batch.file.storage.exists(name)
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert 'id="skip-duplicates-resubmit"' in page and 'id="skip-duplicates"' not in page
    with pytest.raises(ConflictError, match="上传的文件已不存在"):
        importjobs.import_skip_duplicates(actor=world.users["county_office"], batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.skip_duplicates) == ("failed", False)


def test_only_the_uploader_may_choose_to_skip_duplicates(world, django_capture_on_commit_callbacks):
    """diffreview13 D08: the choice is the uploader's (as 确认发布 is), and the import then runs as them: another
    manager of the unit (the admin here) sees who may choose, and a post of theirs is refused with nothing changed."""
    from jianfu.core.errors import PermissionDeniedError

    registered(world)
    with django_capture_on_commit_callbacks(execute=True):
        world.client("county_office").post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx(rows()).getvalue())})
    batch = PostingImport.objects.latest("pk")
    uploader = world.users["county_office"]
    assert batch.created_by == uploader and batch.refused_for_duplicates_only
    other = world.client("admin")
    page = other.get(f"{URL}{batch.pk}/").content.decode()
    who = uploader.display_name or uploader.username
    assert 'id="skip-duplicates"' not in page
    assert f"只有上传人（{who}）可以选择跳过重复行导入；也可以改正文件后重新上传。" in page
    before = (batch.status, batch.skip_duplicates, batch.file.name, Posting.objects.count(),
              AuditRecord.objects.count())
    with pytest.raises(PermissionDeniedError, match="只有上传该文件的人可以选择跳过重复行导入"):
        importjobs.import_skip_duplicates(actor=world.users["admin"], batch=batch)
    assert other.post(f"{URL}{batch.pk}/skip-duplicates/").status_code == 403
    batch.refresh_from_db()
    assert (batch.status, batch.skip_duplicates, batch.file.name, Posting.objects.count(),
            AuditRecord.objects.count()) == before
    with django_capture_on_commit_callbacks(execute=True):
        importjobs.import_skip_duplicates(actor=uploader, batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.skip_duplicates) == ("committed", 4, True)


def test_the_weekly_clean_up_keeps_the_file_of_a_skip_clicked_at_the_edge(world, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    """diffreview13 D09: the clean-up read the expired refusals, then deleted their files; a 跳过重复行 clicked in
    between (queued, the file still needed) found its file gone. The file goes only for a row the clean-up's own
    conditional UPDATE moved."""
    import datetime as dt

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        world.client("county_office").post(URL, {"form_token": token_new(), "file": SimpleUploadedFile(
            "jobs.xlsx", xlsx([good(1), good(1, 编号="J9"), good(2)]).getvalue())})
    batch = PostingImport.objects.latest("pk")
    name = batch.file.name
    PostingImport.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - dt.timedelta(days=8))
    real_filter = PostingImport.objects.filter

    class ReadThenSkip:
        """The clean-up's read; the uploader's click lands right after it."""
        def __init__(self, qs):
            self.qs = qs

        def exclude(self, **kwargs):
            rows = list(self.qs.exclude(**kwargs))
            real_filter(pk=batch.pk, status="failed", skip_duplicates=False).update(
                status="queued", skip_duplicates=True, lease_until=timezone.now() + importjobs.QUEUE_LEASE)
            return rows

    def racing(*args, **kwargs):
        qs = real_filter(*args, **kwargs)
        return ReadThenSkip(qs) if "updated_at__lt" in kwargs else qs

    monkeypatch.setattr(PostingImport.objects, "filter", racing)
    importjobs.import_recover_stale()
    monkeypatch.undo()
    batch.refresh_from_db()
    assert (batch.status, batch.skip_duplicates, batch.file.name) == ("queued", True, name)
    assert batch.file.storage.exists(name)


NOTHING_NEW = "文件共 2 行，每一行都是已登记的岗位（或与文件中前面的行相同），没有需要导入的新岗位，无需操作。"


def test_a_file_already_imported_says_so_and_offers_no_skip(world, django_capture_on_commit_callbacks):
    """newuser19 #2: the same postings.xlsx imported again offered "跳过这些重复行，导入其余 0 条", whose tap ended in
    "文件有错误". Every row registered already: said plainly, nothing offered, the upload not kept, a skip refused."""
    old = registered(world)
    client = world.client("county_office")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx([good(7), good(7, 编号="J77")]).getvalue())})
    batch = PostingImport.objects.latest("pk")
    assert (batch.status, batch.total_rows, batch.duplicate_count, batch.rest_count) == ("failed", 2, 2, 0)
    assert (batch.nothing_new, batch.refused_for_duplicates_only, batch.file.name) == (True, False, "")
    assert importjobs.status_label(batch) == "均已登记，无需导入"
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert f'<div class="alert alert-info" role="status" id="nothing-new">{NOTHING_NEW}</div>' in page
    assert '<span class="badge" id="import-status-label">均已登记，无需导入</span>' in page
    assert "跳过这些重复行" not in page and "文件有错误" not in page and 'id="duplicates-only"' not in page
    assert f'href="/employment/postings/{old.pk}/"' in page        # each row still links what it repeats
    before = (batch.status, batch.skip_duplicates, Posting.objects.count(), AuditRecord.objects.count())
    with pytest.raises(ConflictError) as caught:
        importjobs.import_skip_duplicates(actor=world.users["county_office"], batch=batch)
    assert (caught.value.code, caught.value.message) == ("nothing_to_import", NOTHING_NEW)
    refused = client.post(f"{URL}{batch.pk}/skip-duplicates/", follow=True).content.decode()
    assert NOTHING_NEW in refused
    batch.refresh_from_db()
    assert (batch.status, batch.skip_duplicates, Posting.objects.count(), AuditRecord.objects.count()) == before


def test_a_file_already_imported_is_said_plainly_by_the_api_and_the_command(world, tmp_path,
                                                                            django_capture_on_commit_callbacks):
    registered(world)
    data = xlsx([good(7), good(7, 编号="J77")]).getvalue()
    api = world.api_client("county_office")
    for extra in ({}, {"skip_duplicates": "true"}):     # skipping chosen up front: the same case
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post("/api/v1/employment/postings/import/",
                                {"file": SimpleUploadedFile("jobs.xlsx", data), **extra}, format="multipart")
        body = api.get(response["Location"]).json()
        assert (body["status"], body["message"]) == ("failed", NOTHING_NEW), extra
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(data)
    for extra in ((), ("--skip-duplicates",)):
        with pytest.raises(CommandError) as caught:
            call_command("employment_import_postings", str(path), "--as", "county_office", *extra,
                         stderr=io.StringIO())
        assert str(caught.value) == NOTHING_NEW
    assert Posting.objects.count() == 1
