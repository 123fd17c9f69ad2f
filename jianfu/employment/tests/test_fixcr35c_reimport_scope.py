"""fixcr35c: the re-import by 编号 (mend35 #5) kept inside the importing account's scope and the batch's unit, and a
held batch's updates kept with it until it is confirmed.

HIGH: a row of the same employer and 编号 updated whichever posting carried them, country-wide — another county's
      office, or another township of the county, overwrote and moved the posting (and could withdraw it with 撤销本批).
      Only a posting the importer manages, filed under the batch's unit, is updated; a match elsewhere is a new posting.
MEDIUM: a batch held for confirmation (待确认) applied its updates at once: the live posting went 待确认 with the new
      wage before anyone confirmed, and withdrawing the held batch withdrew it. The updates wait for `import_confirm`."""

from __future__ import annotations

import pytest

from jianfu.accounts.models import User
from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_mend35_imports import PLANT, PLANT_CODE, run, sheet
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

A1 = ["A1", PLANT, PLANT_CODE, "叉车司机", "6000", "曲樟乡", "装卸货物。", "22-50岁", ""]


def snapshot(pk: int) -> dict:
    return Posting.objects.filter(pk=pk).values().get()


def other_county_office() -> User:
    OrgUnit.objects.create(code="450502000000", name="海城区", kind="county", level=3, parent_code="450500000000")
    user = User(username="haicheng", role="county_office", org_unit=OrgUnit.objects.get(code="450502000000"))
    user.set_password("x-x-x-x-x-x-1")
    user.save()
    return user


# ---------------------------------------------------------------- HIGH: the postings a sheet may update

def test_another_countys_sheet_of_the_same_employer_and_number_makes_a_new_posting(world):
    assert run(world, [A1]).errors == []
    mine = Posting.objects.get(ext_id="A1")
    before = snapshot(mine.pk)
    result = postings.posting_import(actor=other_county_office(), file=sheet(
        [["A1", PLANT, PLANT_CODE, "销售代表", "1000", "海城区", "推销保健品。", "18-60岁", ""]]),
        filename="x.xlsx", publish=True)
    assert (result.errors, result.batch.org_code, result.batch.created_count, result.batch.updated_count) == (
        [], "450502000000", 1, 0)
    assert snapshot(mine.pk) == before
    theirs = Posting.objects.exclude(pk=mine.pk).get()
    assert (theirs.ext_id, theirs.organisation_id, theirs.title, theirs.wage_text, theirs.org_code, theirs.batch_id) == (
        "A1", mine.organisation_id, "销售代表", "1000", "450502000000", result.batch.pk)
    assert not AuditRecord.objects.filter(action="employment.posting.import_update").exists()


def test_another_townships_sheet_of_the_same_employer_and_number_makes_a_new_posting(world):
    assert run(world, [["A1", PLANT, PLANT_CODE, "叉车司机", "6000", "廉州镇", "装卸货物。", "22-50岁", ""]]).errors == []
    lianzhou = Posting.objects.get(ext_id="A1")
    before = snapshot(lianzhou.pk)
    assert before["org_code"] == "450521100000"
    result = run(world, [["A1", PLANT, PLANT_CODE, "普工", "3000", "曲樟乡", "打包。", "18-50岁", ""]],
                 user="town_quzhang")
    assert (result.errors, result.batch.org_code, result.batch.created_count, result.batch.updated_count) == (
        [], "450521200000", 1, 0)
    assert snapshot(lianzhou.pk) == before
    quzhang = Posting.objects.exclude(pk=lianzhou.pk).get()
    assert (quzhang.ext_id, quzhang.title, quzhang.org_code, quzhang.batch_id) == (
        "A1", "普工", "450521200000", result.batch.pk)
    # 撤销本批 of the township's batch leaves 廉州镇's posting as it was
    postings.import_withdraw(actor=world.users["town_quzhang"], batch=result.batch)
    assert snapshot(lianzhou.pk) == before
    assert Posting.objects.get(pk=quzhang.pk).status == "withdrawn"


def test_the_townships_own_posting_is_still_updated_by_its_sheet(world):
    first = run(world, [A1], user="town_quzhang")
    mine = Posting.objects.get(ext_id="A1")
    second = run(world, [["A1", PLANT, PLANT_CODE, "叉车司机", "6500", "曲樟乡", "装卸货物。", "22-50岁", ""]],
                 user="town_quzhang")
    assert (second.errors, second.batch.created_count, second.batch.updated_count) == ([], 0, 1)
    mine.refresh_from_db()
    assert (Posting.objects.count(), mine.wage_text, mine.batch_id, first.batch.pk != second.batch.pk) == (
        1, "6500", second.batch.pk, True)


# ---------------------------------------------------------------- MEDIUM: a held batch's updates wait for its confirmation

def held_reimport(world, monkeypatch, wage="6500"):
    assert run(world, [A1]).errors == []
    live = Posting.objects.get(ext_id="A1")
    before = snapshot(live.pk)
    monkeypatch.setattr(postings, "CONFIRM_ABOVE", 0)
    result = postings.posting_import(actor=world.users["county_office"], file=sheet(
        [["A1", PLANT, PLANT_CODE, "叉车司机", wage, "曲樟乡", "装卸货物。", "22-50岁", ""],
         ["A2", PLANT, PLANT_CODE, "包装工", "3500", "曲樟乡", "成品装箱。", "18-40岁", ""]]),
        filename="x.xlsx", publish=False)
    assert (result.errors, result.batch.status, result.batch.created_count, result.batch.updated_count) == (
        [], PostingImport.Status.AWAITING, 1, 1)
    return live, before, result.batch


def test_a_held_batch_leaves_the_posting_it_updates_as_it_was_until_confirmed(world, monkeypatch):
    live, before, batch = held_reimport(world, monkeypatch)
    assert snapshot(live.pk) == before
    assert (before["status"], before["wage_text"]) == ("open", "6000")
    assert not AuditRecord.objects.filter(action="employment.posting.import_update").exists()
    postings.import_confirm(actor=world.users["county_office"], batch=batch)
    after = snapshot(live.pk)
    assert (after["status"], after["wage_text"], after["wage_min"], after["batch_id"]) == ("open", "6500", 6500, batch.pk)
    changed = {k for k in before if before[k] != after[k]}
    assert (changed, after["wage_max"]) == ({"wage_text", "wage_min", "batch_id", "updated_at"}, before["wage_max"])
    assert Posting.objects.get(ext_id="A2").status == "open"
    audit = AuditRecord.objects.get(action="employment.posting.import_update")
    assert (audit.object_id, audit.changes["batch"], audit.changes["wage_text"]) == (
        str(live.pk), batch.pk, ["6000", "6500"])
    assert AuditRecord.objects.get(action="employment.posting.import_confirm").changes == {
        "open": 1, "flagged": 0, "updated": 1}


def test_withdrawing_a_held_batch_leaves_the_posting_it_would_update_exactly_as_it_was(world, monkeypatch):
    live, before, batch = held_reimport(world, monkeypatch)
    postings.import_withdraw(actor=world.users["county_office"], batch=batch)
    assert snapshot(live.pk) == before
    assert Posting.objects.get(ext_id="A2").status == "withdrawn"
    assert not AuditRecord.objects.filter(action="employment.posting.import_update").exists()


def test_a_held_update_of_a_posting_withdrawn_meanwhile_is_not_written(world, monkeypatch):
    live, before, batch = held_reimport(world, monkeypatch)
    Posting.objects.filter(pk=live.pk).update(status="withdrawn")
    postings.import_confirm(actor=world.users["county_office"], batch=batch)
    assert snapshot(live.pk) == {**before, "status": "withdrawn"}
    assert AuditRecord.objects.get(action="employment.posting.import_confirm").changes == {
        "open": 1, "flagged": 0, "updated": 0}
