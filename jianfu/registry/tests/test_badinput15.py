"""The bad-input attack of session 15 (docs: /work/notes/badinput15.md), findings on the registry, as tests."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.registry import services
from jianfu.registry.models import FieldChange, Person

VA = "450521200206"


def _version(page: str) -> str:
    return html.unescape(re.search(r'name="version" value="([^"]*)"', page).group(1))


def _person_post(person, version, **changed):
    data = {"name": person.name, "residence_status": person.residence_status, "status": person.status,
            "address": person.address, "version": version}
    data.update(changed)
    return data


@pytest.mark.django_db
class TestLostUpdate:
    """#1: two sessions open the same edit form; the second save must not write the first one's fields back."""

    def test_second_save_with_the_old_form_is_refused_and_keeps_the_typing(self, world):
        person = services.person_create(actor=world.users["village_a"], org_code=VA, data={"name": "王五"})
        one, two = world.client("village_a"), world.client("village_a")
        v1 = _version(one.get(f"/registry/persons/{person.pk}/edit/").content.decode())
        v2 = _version(two.get(f"/registry/persons/{person.pk}/edit/").content.decode())
        assert v1 == v2 != ""
        r = one.post(f"/registry/persons/{person.pk}/edit/", _person_post(person, v1, address="用户一改的地址"))
        assert r.status_code == 302
        changes_before = FieldChange.objects.count()
        r = two.post(f"/registry/persons/{person.pk}/edit/", _person_post(person, v2, phone="13900002222"))
        assert r.status_code == 400
        page = r.content.decode()
        assert "您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。" in page
        assert "您保存过的修改：住址：“”改为“用户一改的地址”（village_a，" in page
        assert 'name="phone" value="13900002222"' in page         # the typing stays
        person.refresh_from_db()
        assert (person.address, person.phone_masked) == ("用户一改的地址", "")   # nothing of the stale save
        assert FieldChange.objects.count() == changes_before
        # the form now carries the current version: saving again, after checking, is deliberate and goes through
        v3 = _version(page)
        assert v3 != v2
        r = two.post(f"/registry/persons/{person.pk}/edit/",
                     _person_post(person, v3, address="用户一改的地址", phone="13900002222"))
        assert r.status_code == 302
        person.refresh_from_db()
        assert (person.address, person.phone_masked) == ("用户一改的地址", "139****2222")

    def test_service_refuses_a_stale_version(self, world):
        from jianfu.core.errors import ConflictError
        from jianfu.core.versioning import version_of

        actor = world.users["village_a"]
        person = services.person_create(actor=actor, org_code=VA, data={"name": "王五"})
        opened = version_of(person)
        services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={"address": "甲"},
                               version=opened)
        with pytest.raises(ConflictError) as exc:
            services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={"address": "乙"},
                                   version=opened)
        assert exc.value.code == "stale" and exc.value.status_code == 409
        assert Person.objects.get(pk=person.pk).address == "甲"
        with pytest.raises(ConflictError):
            services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={"address": "丙"},
                                   version="not a version")
        assert Person.objects.get(pk=person.pk).address == "甲"

    def test_organisation_edit_is_guarded_the_same_way(self, world):
        org = services.organisation_save(actor=world.users["village_a"], org_code=VA,
                                         data={"name": "曲木合作社", "kind": "cooperative", "employees": 3})
        one, two = world.client("village_a"), world.client("village_a")
        v1 = _version(one.get(f"/registry/organisations/{org.pk}/edit/").content.decode())
        v2 = _version(two.get(f"/registry/organisations/{org.pk}/edit/").content.decode())
        base = {"name": "曲木合作社", "kind": "cooperative", "employees": 3, "is_active": "on"}
        assert one.post(f"/registry/organisations/{org.pk}/edit/", {**base, "employees": 9, "version": v1}
                        ).status_code == 302
        r = two.post(f"/registry/organisations/{org.pk}/edit/", {**base, "address": "新地址", "version": v2})
        assert r.status_code == 400
        assert "您保存过的修改：从业人数：“3”改为“9”" in r.content.decode()
        org.refresh_from_db()
        assert (org.employees, org.address) == (9, "")


@pytest.mark.django_db
@pytest.mark.parametrize(("birth", "message"), [("2099-01-01", "出生日期不能晚于今天。"),
                                                ("0001-01-01", "出生日期不能早于1900-01-01。"),
                                                ("1899-12-31", "出生日期不能早于1900-01-01。")])
def test_impossible_birth_dates_are_refused_on_the_field(world, birth, message):
    """#10: birth_date 2099-01-01 and 0001-01-01 created persons."""
    before = Person.objects.count()
    r = world.client("village_a").post("/registry/persons/new/", {"form_token": token_new(),
        "name": "未来人", "birth_date": birth, "residence_status": "huji", "status": "active"})
    assert r.status_code == 400
    form = r.context["form"]
    assert form.errors == {"birth_date": [message]}
    assert Person.objects.count() == before
    person = services.person_create(actor=world.users["village_a"], org_code=VA, data={"name": "老人"})
    with pytest.raises(ApplicationError) as exc:
        services.person_update(actor=world.users["village_a"], person=person,
                               data={"birth_date": dt.date.fromisoformat(birth)})
    assert (exc.value.field, exc.value.message) == ("birth_date", message)
    assert Person.objects.get(pk=person.pk).birth_date is None


@pytest.mark.django_db
def test_a_plausible_birth_date_is_kept(world):
    r = world.client("village_a").post("/registry/persons/new/", {"form_token": token_new(),
        "name": "百岁老人", "birth_date": "1900-01-01", "residence_status": "huji", "status": "active"})
    assert r.status_code == 302
    assert list(Person.objects.values_list("name", "birth_date")) == [("百岁老人", dt.date(1900, 1, 1))]


@pytest.mark.django_db
def test_rejected_rows_keep_formula_text_inert_with_the_quote_prefix(world):
    """#22: rejected.xlsx wrote "=HYPERLINK(…)" as a plain text cell: editing it there made it a live formula."""
    import io

    import openpyxl

    from jianfu.registry.models import ImportBatch

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号码"])
    wb.active.append(['=HYPERLINK("http://evil","x")', "123"])
    wb.active["A2"].data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "a.xlsx"
    client = world.client("village_a")
    client.post("/registry/imports/", {"file": buf, "form_token": token_new()})
    batch = ImportBatch.objects.get()
    client.post(f"/registry/imports/{batch.pk}/mapping/", {"name": "测试台账", "col_0": "name", "col_1": "id_number"})
    ws = openpyxl.load_workbook(io.BytesIO(client.get(f"/registry/imports/{batch.pk}/rejected.xlsx").content)).active
    cell = ws["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://evil","x")', "s", True)
    assert (ws["C2"].value, ws["C2"].quotePrefix) == ("123", False)


def _stored_files(settings) -> list[str]:
    import pathlib

    root = pathlib.Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db
def test_an_unreadable_upload_is_refused_in_the_form_leaving_nothing(world, settings):
    """#23: fake.xlsx (a CSV text named .xlsx) created a batch 已上传 and stored its file before it was read."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.core.xlsxguard import NOT_XLSX
    from jianfu.registry.models import ImportBatch

    r = world.client("village_a").post("/registry/imports/",
                                       {"file": SimpleUploadedFile("fake.xlsx", b"name,id\n1,2\n"),
                                        "form_token": token_new()})
    assert r.status_code == 400
    assert r.context["form"].errors == {"file": [NOT_XLSX]}
    assert ImportBatch.objects.count() == 0
    assert _stored_files(settings) == []


@pytest.mark.django_db
def test_a_stored_unreadable_batch_is_failed_and_its_file_removed(world, settings,
                                                                 django_capture_on_commit_callbacks):
    """A batch stored before this check (or a file damaged since): its mapping page says why; its writer gives it up
    there (a POST), which fails it, removes the file and is audited."""
    from django.core.files.base import ContentFile

    from jianfu.core.xlsxguard import NOT_XLSX
    from jianfu.registry.models import ImportBatch

    batch = ImportBatch(org_code=VA, original_name="fake.xlsx", created_by=world.users["village_a"])
    batch.file.save("fake.xlsx", ContentFile(b"name,id\n1,2\n"), save=True)
    assert len(_stored_files(settings)) == 1
    url = f"/registry/imports/{batch.pk}/mapping/"
    # codereview16 #9: reading the page (a GET, a link preview, a reload) says why and changes nothing
    for _ in range(2):
        page = world.client("village_a").get(url).content.decode()
        assert NOT_XLSX in page and "放弃本批并删除上传的文件" in page
    batch.refresh_from_db()
    assert (batch.status, batch.error_message, len(_stored_files(settings))) == ("uploaded", "", 1)
    assert not AuditRecord.objects.filter(action="registry.import.refuse").exists()
    # giving it up is a POST by its writer: failed with the reason, the file removed, audited
    with django_capture_on_commit_callbacks(execute=True):
        page = world.client("village_a").post(url).content.decode()
    assert NOT_XLSX in page and "放弃本批并删除上传的文件" not in page
    batch.refresh_from_db()
    assert (batch.status, batch.error_message, batch.file.name) == ("failed", NOT_XLSX, "")
    assert _stored_files(settings) == []
    assert [(a.action, a.actor_id, a.object_id, a.changes) for a in AuditRecord.objects.filter(
        action="registry.import.refuse")] == [("registry.import.refuse", world.users["village_a"].pk, str(batch.pk),
                                              {"reason": NOT_XLSX})]


@pytest.mark.django_db
def test_the_daily_cleanup_removes_files_of_abandoned_uploads(world, settings):
    import datetime as dt_

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from jianfu.registry import tasks
    from jianfu.registry.imports import import_cleanup_abandoned
    from jianfu.registry.models import ImportBatch

    def stored(name, status, days_ago, message=""):
        b = ImportBatch(org_code=VA, original_name=name, status=status, error_message=message)
        b.file.save(name, ContentFile(b"\xe5\xa7\x93\xe5\x90\x8d\n"), save=True)
        ImportBatch.objects.filter(pk=b.pk).update(updated_at=timezone.now() - dt_.timedelta(days=days_ago))
        return b

    old_uploaded = stored("a.csv", "uploaded", 8)
    old_failed = stored("b.csv", "failed", 8, "列对应有误")
    recent = stored("c.csv", "uploaded", 1)
    staged = stored("d.csv", "staged", 30)
    assert tasks.import_cleanup_abandoned_task.call_local() == 2
    got = {b.original_name: (b.status, b.error_message, bool(b.file)) for b in ImportBatch.objects.all()}
    assert got == {"a.csv": ("failed", "上传后7天没有完成导入，文件已删除；如需导入，请重新上传。", False),
                   "b.csv": ("failed", "列对应有误", False), "c.csv": ("uploaded", "", True),
                   "d.csv": ("staged", "", True)}
    assert len(_stored_files(settings)) == 2
    assert import_cleanup_abandoned() == 0   # nothing left to do
    assert {old_uploaded.pk, old_failed.pk, recent.pk, staged.pk} == set(ImportBatch.objects.values_list("pk", flat=True))


@pytest.mark.django_db
class TestDoublePostedPerson:
    """#3: 新增人员 without an ID number, posted 4 times with one form, registered 4 persons."""

    DATA = {"name": "双击无证", "phone": "13900139000", "birth_date": "1970-01-01", "residence_status": "huji",
            "status": "active"}

    def _token(self, client):
        page = client.get("/registry/persons/new/").content.decode()
        return re.search(r'name="form_token" value="([^"]+)"', page).group(1)

    def test_the_same_form_four_times_is_one_person(self, world):
        client = world.client("village_a")
        token = self._token(client)
        answers = [client.post("/registry/persons/new/", {**self.DATA, "form_token": token}) for _ in range(4)]
        assert [r.status_code for r in answers] == [302] * 4
        person = Person.objects.get()
        assert {r["Location"] for r in answers} == {f"/registry/persons/{person.pk}/"}
        assert person.name == "双击无证"

    def test_at_the_same_instant_is_one_person(self, world, monkeypatch):
        from jianfu.core import formtokens

        monkeypatch.setattr(formtokens, "once", formtokens.create_once)   # both passed the "posted before?" look
        client = world.client("village_a")
        token = self._token(client)
        answers = [client.post("/registry/persons/new/", {**self.DATA, "form_token": token}) for _ in range(3)]
        assert [r.status_code for r in answers] == [302] * 3
        assert Person.objects.count() == 1

    def test_a_fresh_form_registers_another(self, world):
        client = world.client("village_a")
        for _ in range(2):
            assert client.post("/registry/persons/new/", {**self.DATA, "form_token": self._token(client)}
                               ).status_code == 302
        assert Person.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "data", "model", "detail"), [
    ("/registry/households/new/", {"number": "DBL-01", "address": "曲木村一组"}, "Household", "households"),
    ("/registry/organisations/new/", {"name": "双击合作社", "kind": "cooperative", "employees": "3",
                                      "is_active": "on"}, "Organisation", "organisations"),
])
class TestDoublePostedHouseholdAndOrganisation:
    """fix-last15a: the household and organisation create forms had no one-time token (the person form has, #3):
    a double click registered two organisations, and a household's second post answered “户编号…已存在”."""

    def _token(self, client, url):
        page = client.get(url).content.decode()
        return re.search(r'name="form_token" value="([^"]+)"', page).group(1)

    def test_the_same_form_three_times_is_one_row(self, world, url, data, model, detail):
        from jianfu.registry import models

        Model = getattr(models, model)
        before = Model.objects.count()
        client = world.client("village_a")
        token = self._token(client, url)
        answers = [client.post(url, {**data, "form_token": token}) for _ in range(3)]
        assert [r.status_code for r in answers] == [302] * 3
        assert Model.objects.count() == before + 1
        row = Model.objects.order_by("-pk").first()
        assert {r["Location"] for r in answers} == {f"/registry/{detail}/{row.pk}/"}

    def test_at_the_same_instant_is_one_row(self, world, monkeypatch, url, data, model, detail):
        from jianfu.core import formtokens
        from jianfu.registry import models

        monkeypatch.setattr(formtokens, "once", formtokens.create_once)   # both passed the "posted before?" look
        Model = getattr(models, model)
        before = Model.objects.count()
        client = world.client("village_a")
        token = self._token(client, url)
        answers = [client.post(url, {**data, "form_token": token}) for _ in range(2)]
        assert [r.status_code for r in answers] == [302] * 2
        assert Model.objects.count() == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "data", "model", "kept"), [
    ("/registry/persons/new/", TestDoublePostedPerson.DATA, "Person", 'value="双击无证"'),
    ("/registry/households/new/", {"number": "DBL-02", "address": "曲木村二组"}, "Household", 'value="曲木村二组"'),
    ("/registry/organisations/new/", {"name": "无令牌合作社", "kind": "cooperative", "employees": "3"}, "Organisation",
     'value="无令牌合作社"'),
])
def test_a_create_posted_without_the_forms_token_registers_nothing_and_keeps_the_typing(world, url, data, model, kept):
    """ADR 0035: the token was optional, so a hand-made post (or a page from before tokens) registered a row per post."""
    from jianfu.registry import models

    Model = getattr(models, model)
    before = Model.objects.count()
    client = world.client("village_a")
    for token in ("", "x" * 20):
        page = client.post(url, {**data, "form_token": token})
        text = page.content.decode()
        assert page.status_code == 400 and "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。" in text
        assert kept in text and re.search(r'name="form_token" value="[A-Za-z0-9_-]{43}"', text)
    assert Model.objects.count() == before
