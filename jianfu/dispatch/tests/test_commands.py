"""Management commands: the default catalogue loader, dispatch_train, dispatch_classify; notifications."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from jianfu.dispatch import routing_bridge as router
from jianfu.dispatch import services
from jianfu.dispatch.models import CatalogueVersion, DepartmentProfile, Notification
from jianfu.dispatch.tests.factories import FORESTRY

TRAIN = [("山上林地被人砍了很多树", "林业局"), ("有人偷伐松树林", "林业局"), ("林权证上的四至不清楚", "林业局"),
         ("后山林地界线纠纷", "林业局"), ("物业公司乱收费", "住房和城乡建设局"), ("小区电梯坏了物业不修", "住房和城乡建设局"),
         ("新房漏水开发商不管", "住房和城乡建设局"), ("物业服务太差投诉", "住房和城乡建设局")]


def test_load_default_catalogue_command(world):
    out = io.StringIO()
    call_command("dispatch_load_catalogue", "--county", "450521", "--effective", "2024-01-01", stdout=out)
    version = CatalogueVersion.objects.get()
    assert version.matters.count() >= 150
    assert version.state == "published"
    depts = set(version.matters.values_list("department_code", flat=True))
    assert len(depts) >= 20
    assert FORESTRY in depts                       # "LY" mapped onto the existing 林业局
    assert out.getvalue().startswith("已导入 ")
    with pytest.raises(CommandError, match="找不到县级单位 450599000000"):
        call_command("dispatch_load_catalogue", "--county", "450599")


def test_train_then_classify_csv_and_xlsx(world, catalogue, tmp_path):
    src = tmp_path / "history.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["内容", "部门"])
        w.writerows(TRAIN)
    out = io.StringIO()
    call_command("dispatch_train", str(src), "--text-column", "内容", "--label-column", "部门", stdout=out)
    assert "文件 8 条" in out.getvalue()
    assert router.model_path("450521000000").exists()
    wb = Workbook()
    wb.active.append(["id", "text"])
    wb.active.append(["1", "邻居偷砍我家山上的树"])
    wb.active.append(["2", "@SUM(1) 物业公司乱收停车费"])
    xlsx = tmp_path / "new.xlsx"
    wb.save(xlsx)
    result = tmp_path / "out.csv"
    call_command("dispatch_classify", str(xlsx), "--text-column", "text", "--out", str(result), stdout=io.StringIO())
    rows = list(csv.DictReader(result.open(encoding="utf-8-sig")))
    assert [r["department"] for r in rows] == ["林业局", "住房和城乡建设局"]
    assert rows[1]["text"] == "'@SUM(1) 物业公司乱收停车费"
    assert all(0 < float(r["confidence"]) <= 1 for r in rows)
    assert set(rows[0]) == {"id", "text", "department", "matter", "confidence", "mode"}


def test_classify_top_n_adds_the_suggested_departments(world, catalogue, tmp_path):
    """--top 3 (catalogue only, no model): three (department, matter, score) triples per row, best first;
    the first suggestion is the department decided when there is one; an empty text suggests nothing."""
    src = tmp_path / "new.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerows([["1", "邻居偷砍我家山上的林木，双方都有林权证，林地界线有纠纷"], ["2", "   "]])
    result = tmp_path / "out.csv"
    call_command("dispatch_classify", str(src), "--text-column", "text", "--out", str(result), "--top", "3",
                 stdout=io.StringIO())
    with result.open(encoding="utf-8-sig", newline="") as fh:
        header, first, empty = list(csv.reader(fh))
    assert header == ["id", "text", "department", "matter", "confidence", "mode",
                      "department_1", "matter_1", "score_1", "department_2", "matter_2", "score_2",
                      "department_3", "matter_3", "score_3"]
    row = dict(zip(header, first, strict=True))
    assert (row["department_1"], row["matter_1"]) == ("林业局", "林木林地权属争议调处")
    assert row["department"] in ("林业局", "")
    scores = [float(row[f"score_{i}"]) for i in (1, 2, 3)]
    assert scores == sorted(scores, reverse=True) and scores[2] > 0 and scores[0] <= 1
    assert len({row["department_1"], row["department_2"], row["department_3"]}) == 3
    assert empty[2:] == ["", "", "0.0000", "none"] + [""] * 9
    with pytest.raises(CommandError, match="--top 应在 0 到 20 之间"):
        call_command("dispatch_classify", str(src), "--text-column", "text", "--out", str(result), "--top", "21")


def test_train_reports_a_missing_column(world, catalogue, tmp_path):
    src = tmp_path / "h.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="找不到列「内容」"):
        call_command("dispatch_train", str(src), "--text-column", "内容", "--label-column", "b")


def test_dispatch_sends_email_to_the_department(world, catalogue, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DepartmentProfile.objects.create(org_code=FORESTRY, notify_email="ly@hepu.example.cn")
    from django.test import TestCase  # noqa: F401 - on_commit callbacks run under pytest-django's captured hooks

    with TestCaseHooks() as hooks:
        event = services.event_report(actor=world.users["grid_a"], text="林地界线纠纷，双方都有林权证",
                                      org_code="450521200206001", source="grid", matter_code="LY-001")
        hooks.run()
    n = Notification.objects.get(event=event)
    assert (n.channel, n.recipient, n.state) == ("email", "ly@hepu.example.cn", "sent")
    assert [m.subject for m in mail.outbox] == [f"新派发事件 {event.number}"]


class TestCaseHooks:
    """Run the transaction.on_commit callbacks registered inside the test's transaction."""

    def __enter__(self):
        from django.db import connection

        self.connection = connection
        self.start = len(connection.run_on_commit)
        return self

    def run(self):
        # a callback that registers another (the messages' delivery, queued on commit: fixcr33b L4) has it run too,
        # as after a real commit, where on_commit outside a transaction runs at once
        while len(self.connection.run_on_commit) > self.start:
            pending = self.connection.run_on_commit[self.start:]
            del self.connection.run_on_commit[self.start:]
            for _sids, func, _robust in pending:
                func()

    def __exit__(self, *exc):
        return False
