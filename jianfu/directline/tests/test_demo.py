from __future__ import annotations

import io
import re

import pytest

from jianfu.directline import demo, selectors
from jianfu.directline.models import Report
from jianfu.directline.workflow import Status


@pytest.mark.django_db
def test_demo_three_states_and_printed_codes_work(world, settings):
    settings.JIANFU_DIRECTLINE_SCRYPT_LOG_N = 8
    out = io.StringIO()
    demo.load(stdout=out)
    codes = re.findall(r"（(\S+)）：([0-9A-Z-]{29})", out.getvalue())
    assert [label for label, _c in codes] == ["待受理", "待反映人补充", "已办结"]
    states = [selectors.report_by_receipt(code=code)[0].status for _label, code in codes]
    assert states == [Status.NEW, Status.AWAITING_REPORTER, Status.CLOSED]
    assert Report.objects.count() == 15
    # every demo report is released to the handlers' list (the background ones were closed last quarter)
    assert Report.objects.filter(held=True).count() == 0
    demo.load(stdout=out)  # idempotent
    assert Report.objects.count() == 15


def test_each_background_report_speaks_of_its_own_category():
    # a new user found reports filed under 打卡 whose text was about 索要材料: every category says its own burden
    assert {category for _township, category in demo.BACKGROUND} <= set(demo.BACKGROUND_TEXTS)
    assert "打卡" in demo.BACKGROUND_TEXTS["app"] and "会议" in demo.BACKGROUND_TEXTS["meeting"]
    assert "材料" in demo.BACKGROUND_TEXTS["materials"] and "检查" in demo.BACKGROUND_TEXTS["inspection"]
    assert len(set(demo.BACKGROUND_TEXTS.values())) == len(demo.BACKGROUND_TEXTS)


def test_the_start_banner_names_the_demo_passphrase_with_the_accounts():
    # N10: the handler's passphrase was only in docs/directline.md, not among the accounts run.py prints
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("jianfu_run_banner", Path(__file__).resolve().parents[3]
                                                  / "scripts" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    banner = module.start_banner().splitlines()
    assert banner[0] == "演示账号（密码均为 jianfu-demo，仅供演示）："
    assert banner[-2] == "直通车：county_office 是演示办理人，阅读和办理反映前先“解锁”，演示口令 jianfu-demo-zhitongche（仅供演示）"
    # mend34 #4: when a new report reaches the handler, and how the demo releases it sooner
    assert banner[-1] == "直通车：新反映在工作日 9:00、15:00 汇总时才进入办理人列表；演示中要马上看到，另开终端运行 make directline-digest"
