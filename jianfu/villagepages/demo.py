"""村（社区）公开页 part of the demo: every village of 曲樟乡 gets a public 《服务群众事项清单》 (synthetic
items, the kind a village office offers); 曲木村 and 璋嘉村 go through the real workflow — 曲木村 also
has a second version waiting for the township, 璋嘉村 one returned for a missing time limit."""

from __future__ import annotations

from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.orgs.models import OrgUnit
from jianfu.villagepages import services
from jianfu.villagepages.models import ServiceItem, ServiceList
from jianfu.villagepages.workflow import Status

QUZHANG = "450521200000"
QUMU = "450521200206"
ZHANGJIA = "450521200201"
HEADER = {"office_hours": "工作日 8:00—12:00，14:30—17:30；周六上午轮流值班", "note": "村干部不在时可拨打值班电话，材料可由网格员代收代办。"}
ITEMS = [
    ("城乡居民基本医疗保险参保登记、缴费咨询", "便民服务大厅 1 号窗口", "工作日", "身份证或户口簿", "即时办结"),
    ("城乡居民基本养老保险参保登记", "便民服务大厅 1 号窗口", "工作日", "身份证、户口簿", "即时办结"),
    ("高龄津贴申请受理", "便民服务大厅 2 号窗口", "每月 1—10 日", "身份证、户口簿、社保卡；代办的带代办人身份证", "15 个工作日"),
    ("最低生活保障、特困供养申请受理", "便民服务大厅 2 号窗口", "工作日", "身份证、户口簿、家庭收入情况说明", "乡镇审核后告知"),
    ("残疾人证办理咨询和代办", "便民服务大厅 2 号窗口", "工作日", "身份证、户口簿、近期免冠照片 2 张", "代办，乡镇转县残联"),
    ("农村宅基地和建房申请受理", "村两委办公室", "每周二、周四", "身份证、户口簿、建房申请表", "报乡镇审批"),
    ("就业登记、招聘信息查询", "便民服务大厅 3 号窗口", "工作日", "身份证", "即时办结"),
    ("矛盾纠纷调解", "人民调解室", "随到随调", "无", "一般 15 日内"),
    ("代缴水电费、快递代收", "村邮站", "每天 8:00—20:00", "缴费户号", "即时办结"),
]


def _items(village_name: str, n: int) -> list[dict]:
    return [{"name": name, "place": place, "hours": hours, "materials": materials, "time_limit": limit}
            for name, place, hours, materials, limit in ITEMS[:n]]


def load(*, stdout) -> None:
    if ServiceList.objects.exists():
        return
    villages = list(OrgUnit.objects.filter(parent_code=QUZHANG, kind="village", is_active=True).order_by("code"))
    users = {u.username: u for u in User.objects.filter(username__in=("village_a", "village_b", "town_quzhang"))}
    now = timezone.now()
    for index, village in enumerate(villages):
        header = {**HEADER, "office_address": f"{village.name.removesuffix('委会')}党群服务中心一楼便民服务大厅",
                  "office_phone": f"0779-72{index:05d}"[:12]}
        items = _items(village.name, 6 + index % 4)
        if village.code in (QUMU, ZHANGJIA) and len(users) == 3:
            editor = users["village_a" if village.code == QUMU else "village_b"]
            draft = services.list_open_or_create(actor=editor, village_code=village.code)
            services.list_update(actor=editor, service_list=draft, header=header, items=items)
            services.list_submit(actor=editor, service_list=draft)
            services.list_approve(actor=users["town_quzhang"], service_list=draft, note="内容完整，同意公开。")
            second = services.list_open_or_create(actor=editor, village_code=village.code)
            services.list_update(actor=editor, service_list=second, header=header,
                                 items=[*items, {"name": "开具居住、亲属关系等证明（仅限法律法规规定的）",
                                                 "place": "村两委办公室", "hours": "工作日", "materials": "身份证",
                                                 "time_limit": "3 个工作日"}])
            services.list_submit(actor=editor, service_list=second)
            if village.code == ZHANGJIA:
                services.list_return(actor=users["town_quzhang"], service_list=second,
                                     note="新增的证明事项请对照县里的证明事项清单，写明所依据的法律法规。")
            continue
        service_list = ServiceList.objects.create(org_code=village.code, number=1, status=Status.APPROVED,
                                                  decided_at=now, **header)
        ServiceItem.objects.bulk_create([ServiceItem(service_list=service_list, position=i, **item)
                                         for i, item in enumerate(items, start=1)])
    stdout.write(f"  村（社区）公开页：{len(villages)} 个村的服务清单已公开；曲木村新版待审核，璋嘉村新版已退回")
