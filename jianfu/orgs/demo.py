"""The demo hierarchy: the real 合浦县 (450521) from the national table, grids in 曲樟乡, departments."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from jianfu.orgs import services
from jianfu.orgs.divisions import fetch_division_package, read_divisions
from jianfu.orgs.models import OrgUnit, UnitKind

DEMO_COUNTY = "450521"
QUZHANG = "450521200000"
# (name, short code) — county departments that the demo's catalogue, reports and reviews refer to.
COUNTY_DEPARTMENTS = [
    ("住房和城乡建设局", "ZJ"), ("林业局", "LY"), ("民政局", "MZ"), ("人力资源和社会保障局", "RS"),
    ("农业农村局", "NY"), ("自然资源局", "ZR"), ("生态环境局", "HB"), ("交通运输局", "JT"),
    ("水利局", "SL"), ("卫生健康局", "WJ"), ("教育局", "JY"), ("应急管理局", "YJ"),
    ("市场监督管理局", "SJ"), ("退役军人事务局", "TY"), ("医疗保障局", "YB"), ("公安局", "GA"),
    ("城市管理综合执法局", "CG"), ("残疾人联合会", "CL"), ("妇女联合会", "FL"), ("统计局", "TJ"),
    ("司法局", "SF"), ("文化广电体育和旅游局", "WL"), ("县委政法委", "ZF"), ("县委组织部", "ZZ"),
]
GRID_NAMES = ["第一网格", "第二网格", "第三网格"]
# 曲樟乡's stations (乡镇站所), hung under the township as departments are (services.department_create): a village names
# them as it says them — "派出所", "司法所" — when it records who asked for something (newuser15 F8).
TOWN_STATIONS = ["曲樟派出所", "曲樟乡司法所", "曲樟乡财政所", "曲樟乡卫生院"]


def load(*, stdout, source: Path | None = None) -> None:
    source = source or fetch_division_package(Path(settings.VAR_DIR) / "cache")
    result = services.divisions_load(rows=read_divisions(source, DEMO_COUNTY))
    stdout.write(f"  区划：合浦县及上级单位 {result['created']} 个")
    county = f"{DEMO_COUNTY}000000"
    for name, short in COUNTY_DEPARTMENTS:
        if not OrgUnit.objects.filter(parent_code=county, kind=UnitKind.DEPARTMENT, short_code=short).exists():
            services.department_create(actor=None, parent_code=county, name=name, short_code=short)
    for name in TOWN_STATIONS:
        if not OrgUnit.objects.filter(parent_code=QUZHANG, kind=UnitKind.DEPARTMENT, name=name).exists():
            services.department_create(actor=None, parent_code=QUZHANG, name=name)
    villages = OrgUnit.objects.filter(parent_code=QUZHANG, kind=UnitKind.VILLAGE).order_by("code")
    for village in villages:
        for number, name in enumerate(GRID_NAMES, start=1):
            if not OrgUnit.objects.filter(code=f"{village.code}{number:03d}").exists():
                services.grid_create(actor=None, village_code=village.code, name=name, number=number)
    stdout.write(f"  部门 {len(COUNTY_DEPARTMENTS)} 个，曲樟乡站所 {len(TOWN_STATIONS)} 个；曲樟乡网格 {villages.count() * len(GRID_NAMES)} 个")
