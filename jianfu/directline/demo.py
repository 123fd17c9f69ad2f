"""直通车 part of the demo: 合浦县's key pair (handler: county_office, demo passphrase below) and a
season of synthetic reports — three of them in different states of the workflow — sent, asked,
answered and closed through the real services. Receipt codes are printed (demo only)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import OutputWrapper
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.directline import services
from jianfu.directline.models import CountyKey, Message, Report

COUNTY = "450521000000"
QUZHANG = "450521200000"
LIANZHOU = "450521100000"
# ASCII only: a phone's password keyboard has no Chinese input (newuser24 #2)
DEMO_PASSPHRASE = "jianfu-demo-zhitongche"  # noqa: S105 - demo only, shown in docs/directline.md
# the demo's passphrase before: a demo database made with it is moved to the new one (`upgrade`)
OLD_DEMO_PASSPHRASE = "jianfu-demo-直通车"  # noqa: S105 - demo only

STORY = [
    # (township, category, text) — the three demo cases
    (QUZHANG, "app", "县里某部门的政务 App 要求村干部每天早晚两次定位打卡，还按积分在全县排名通报，"
                     "排名靠后的村要写说明。村里只有三个干部，每天光打卡截图就要花半小时。"),
    (QUZHANG, "materials", "乡里转来一个检查通知，要求每个村把近三年的入户走访记录重新整理成统一格式的纸质台账，"
                           "每户都要附照片，一周内交齐。"),
    ("", "plaque", "村委会门口又要求挂一块新牌子，现在外面已经挂了 9 块，群众分不清哪个窗口办什么事。"),
]
BACKGROUND = [
    (QUZHANG, "meeting"), (QUZHANG, "meeting"), (LIANZHOU, "document"), (LIANZHOU, "document"),
    (LIANZHOU, "inspection"), (LIANZHOU, "inspection"), (LIANZHOU, "app"), (QUZHANG, "inspection"),
    (LIANZHOU, "materials"), (LIANZHOU, "meeting"), (QUZHANG, "document"), (LIANZHOU, "app"),
]

# what each background report says: its own category's kind of burden (a new user found 打卡 reports about 索要材料)
BACKGROUND_TEXTS = {
    "meeting": "一周内被通知参加三个内容相近的会议，村干部轮流去开会，村里没人办事。",
    "document": "上级文件层层转发到村，每份都要求报送贯彻落实情况。",
    "inspection": "同一项工作一个月内迎接了两次检查，每次都要准备汇报材料。",
    "app": "手机上要装好几个政务 App，每天都要登录打卡、转发截图。",
    "materials": "某单位向基层重复索要同一份材料。",
}


def load(*, stdout) -> None:
    if CountyKey.objects.filter(org_code=COUNTY).exists():
        return
    office = User.objects.filter(username="county_office").first()
    if office is None:
        return
    services.county_key_create(actor=None, county_code=COUNTY, handler=office, passphrase=DEMO_PASSPHRASE)
    codes, made = [], []
    for township, category, text in STORY:
        report, code = services.report_submit(county_code=COUNTY, township_code=township, category=category,
                                              text=text)
        codes.append(code)
        made.append(report.pk)
    services.digest_send(slot=timezone.now())  # released to the handler, as the next digest would
    # in the story's order: ids are drawn at random (security28 #3), so not by id
    new, asked, closed = (Report.objects.get(pk=pk) for pk in made)
    private = services.handler_unlock(actor=office, passphrase=DEMO_PASSPHRASE)  # handled as a handler would: read
    services.report_ask(actor=office, report=asked, private=private,
                        question="请问检查通知是哪个单位发的？有没有正式文件编号？")
    services.report_accept(actor=office, report=closed, private=private)
    services.report_ask(actor=office, report=closed, private=private, question="新牌子是哪个单位要求挂的？")
    services.reporter_answer(report=Report.objects.get(pk=closed.pk), text="是县里某协会要求的，说是创建示范点要用。")
    services.report_close(actor=office, report=Report.objects.get(pk=closed.pk), private=private,
                          note="经核实，该牌子不在本省村级组织挂牌清单内，已通知有关单位不再要求悬挂，并纳入挂牌事项清单管理。")
    # Background reports, received last quarter, so the statistics (closed quarters only) have content.
    last_quarter_day = (timezone.localdate().replace(day=1) - dt.timedelta(days=95))
    for i, (township, category) in enumerate(BACKGROUND):
        report, _code = services.report_submit(county_code=COUNTY, township_code=township, category=category,
                                               text=f"演示反映第 {i + 1} 条：{BACKGROUND_TEXTS[category]}")
        Report.objects.filter(pk=report.pk).update(received_on=last_quarter_day, updated_on=last_quarter_day,
                                                   status="closed", pending_digest=False, held=False)
    Report.objects.filter(pk__in=[asked.pk, closed.pk]).update(received_on=last_quarter_day)
    services.digest_send(slot=timezone.now())  # released too (no demo account has an e-mail, so nothing is sent)
    stdout.write(f"  直通车：{Report.objects.count()} 条反映（{Message.objects.count()} 条往来）；"
                 f"办理人 county_office 的演示口令：{DEMO_PASSPHRASE}")
    for label, code in zip(("待受理", "待反映人补充", "已办结"), codes, strict=True):
        stdout.write(f"    演示回执码（{label}）：{code}")


def upgrade(*, stdout: OutputWrapper) -> None:
    """A demo database made before newuser24 wraps county_office's key under the old passphrase while the unlock page
    and `make run` name the new one: re-wrap it once (one scrypt derivation per start when there is nothing to do)."""
    from jianfu.directline import sealing
    from jianfu.directline.models import HandlerSlot

    slot = (HandlerSlot.objects.select_related("county_key", "user")
            .filter(user__username="county_office", county_key__org_code=COUNTY, county_key__is_active=True,
                    revoked_at__isnull=True).first())
    if slot is None:
        return
    try:
        private = services._open_slot(slot, sealing.passphrase_key(OLD_DEMO_PASSPHRASE, salt=bytes(slot.salt),
                                                                   log_n=slot.log_n))
    except sealing.OpenError:
        return   # the new passphrase already, or one the handler chose
    services._slot_for(county_key=slot.county_key, user=slot.user, private=private, passphrase=DEMO_PASSPHRASE)
    stdout.write(f"  直通车：办理人 county_office 的演示口令已改为 {DEMO_PASSPHRASE}（原口令含中文，手机上不便输入）")
