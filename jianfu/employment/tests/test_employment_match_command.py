"""`manage.py employment_match` on real files made here: xlsx, GBK and UTF-8-BOM CSV, header synonyms,
bad rows, nothing usable, and the gazetteer taken from the OrgUnit table."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from jianfu.core.tests import hostile_files
from jianfu.employment.matching.sheets import SheetError, read_sheet

SEEKER_HEADER = ["编号", "姓名", "性别", "年龄", "学历", "现居住地", "人员类别", "求职意向", "技能证书", "工作经历", "期望月薪",
                 "可接受工作地点", "备注"]
JOB_HEADER = ["编号", "单位名称", "岗位名称", "招聘人数", "学历要求", "年龄要求", "经验要求", "技能证书要求", "月薪", "工作地点",
              "岗位描述", "福利待遇"]
SEEKERS = [
    ["S1", "张某", "男", "23", "初中", "廉州镇", "农村劳动力", "想进厂", "", "做过流水线", "4000", "县内", ""],
    ["S2", "李某", "女", "46", "初中", "党江镇", "脱贫劳动力", "剥虾", "健康证", "剥虾三年", "3000", "离家近就行", "只上白班"],
    ["S3", "王某", "男", "50", "小学", "白沙镇", "就业困难人员", "保洁", "", "", "2000", "本镇", ""],
]
JOBS = [
    ["J1", "某电子厂", "电子厂普工", "50", "初中", "18-45周岁", "不限", "", "4500-6000元/月", "廉州镇", "流水线，两班倒", "包吃住"],
    ["J2", "某水产公司", "剥虾工", "30", "不限", "18-58岁", "", "健康证", "3500元+计件", "党江镇", "长白班，可坐着", ""],
    ["J3", "某村委会", "乡村保洁公益岗", "2", "不限", "40-60岁", "", "", "1800元/月", "白沙镇", "每天上午", ""],
]


def write_csv(path: Path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["2026年求职登记表"])          # a title row above the header, as offices do
    ws.append(header)
    for r in rows:
        ws.append([int(c) if c.isdigit() and len(c) < 4 else c for c in r])
    wb.save(path)
    return path


def read_out(path: Path):
    with open(path, encoding="utf-8-sig", newline="") as fh:      # written with a BOM for Excel (newuser34b #3)
        return list(csv.DictReader(fh))


def run(tmp_path, seekers, jobs, direction="seekers", top=10):
    out = tmp_path / "out.csv"
    call_command("employment_match", seekers=str(seekers), jobs=str(jobs), direction=direction, top=top, out=str(out))
    return out


def test_xlsx_and_gbk_csv(tmp_path, capsys):
    seekers = write_xlsx(tmp_path / "s.xlsx", SEEKER_HEADER, SEEKERS)
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS, encoding="gbk")
    rows = read_out(run(tmp_path, seekers, jobs))
    assert list(rows[0]) == ["seeker_id", "job_id", "rank", "score", "reasons"]
    pairs = [(r["seeker_id"], r["job_id"], r["rank"]) for r in rows]
    # S1 has no 健康证, which J2 requires; S2 only does day shifts (J1 is 两班倒); S3 stays in 白沙镇
    assert pairs == [("S1", "J1", "1"), ("S2", "J2", "1"), ("S3", "J3", "1")]
    assert rows[0]["reasons"].startswith("为何推荐：岗位为电子产品装配工，与求职意向“进厂”相近；年龄23岁符合18–45岁")
    out = capsys.readouterr().out
    assert "求职者表：读取 3 行，可用 3 行，错误 0 行" in out
    assert "地名来源：内置地名" in out


def test_for_jobs_and_top(tmp_path):
    seekers = write_csv(tmp_path / "s.csv", SEEKER_HEADER, SEEKERS, encoding="utf-8-sig")
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)
    rows = read_out(run(tmp_path, seekers, jobs, direction="jobs", top=1))
    assert [(r["job_id"], r["seeker_id"], r["rank"]) for r in rows] == [("J1", "S1", "1"), ("J2", "S2", "1"),
                                                                        ("J3", "S3", "1")]


def test_header_synonyms_of_job_boards(tmp_path):
    header = ["职位编号", "公司名称", "职位名称", "薪资", "工作地址", "招聘人数", "任职要求"]
    rows = [["P1", "某电子厂", "普工", "4千到5千", "廉州镇", "10人", "18-40周岁，初中及以上学历，持健康证"]]
    jobs = read_sheet(write_csv(tmp_path / "j.csv", header, rows), "jobs")
    assert jobs.errors == []
    job = jobs.items[0]
    assert (job.id, job.title, job.wage, job.place, job.headcount) == ("P1", "普工", "4千到5千", "廉州镇", 10)
    assert (job.age, job.education) == ("18-40周岁", "初中及以上学历")
    assert "持健康证" in job.certificates


def test_bad_rows_are_named_and_the_good_rows_still_matched(tmp_path, capsys):
    bad = SEEKERS + [
        ["S4", "赵某", "男", "200", "初中", "廉州镇", "", "保安", "", "", "3000", "", ""],
        ["S5", "钱某", "女", "30", "幼儿园毕业吧", "廉州镇", "", "保洁", "", "", "很多钱", "", ""],
        ["", "孙某", "男", "30", "初中", "廉州镇", "", "保洁", "", "", "", "", ""],
        ["S1", "重复", "男", "30", "初中", "廉州镇", "", "保洁", "", "", "", "", ""],
        ["=cmd|' /C calc'!A0", "x", "男", "30", "初中", "廉州镇", "", "保洁", "", "", "", "", ""],
        ["S6", "周某", "男", "", "", "", "", "", "", "", "", "", ""],      # nothing but who: refused (session 14)
    ]
    jobs_rows = JOBS + [
        ["J4", "某厂", "普工", "0", "", "200-300岁", "", "", "面议", "廉州镇", "", ""],
        ["J5", "某电子厂", "电子厂普工", "50", "初中", "18-45周岁", "不限", "", "4500-6000元/月", "廉州镇", "流水线，两班倒", "包吃住"],
        ["J6", "某厂", "普工", "5", "", "", "", "", "", "某地", "x" * 100_000, ""],
    ]
    seekers = write_csv(tmp_path / "s.csv", SEEKER_HEADER, bad, encoding="gbk")
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, jobs_rows)
    rows = read_out(run(tmp_path, seekers, jobs))
    assert {r["seeker_id"] for r in rows} == {"S1", "S2", "S3", "S5"}    # S5's soft cells are unknown (session 14)
    assert "J6" in {r["job_id"] for r in rows}            # a huge description is cut, not refused
    err = capsys.readouterr()
    assert "求职者表 第 5 行“年龄”列：年龄 200 岁超出就业帮扶的年龄范围（16–79 岁）。" in err.err
    assert "提示：求职者表 第 6 行“学历”列：无法识别的学历“幼儿园毕业吧”" in err.out
    assert "提示：求职者表 第 6 行“期望月薪”列：无法识别的工资“很多钱”" in err.out
    assert "“很多钱”" not in err.err
    assert "第 7 行“编号”列：编号为空" in err.err
    assert "第 8 行“编号”列：编号“S1”与第 2 行重复" in err.err
    assert "第 9 行“编号”列：编号“=cmd|' /C calc'!A0”含有不允许的字符" in err.err
    assert "第 10 行“求职意向”列：求职意向、工作经历、技能证书都为空，无法匹配" in err.err
    assert "岗位表 第 5 行“招聘人数”列：招聘人数为 0" in err.err
    assert "岗位表 第 5 行“年龄要求”列：年龄要求“200-300岁”超出合理范围（16–80 岁）。" in err.err
    assert "岗位表 第 6 行：与第 2 行是重复的岗位" in err.err
    assert "内容过长（100000 字）" in err.out
    with open(tmp_path / "out.errors.csv", encoding="utf-8-sig") as fh:
        errors = list(csv.reader(fh))
    assert errors[0] == ["表", "行号", "列", "错误"] and len(errors) == 1 + 8


def test_nothing_usable_is_refused_and_nothing_written(tmp_path):
    seekers = write_csv(tmp_path / "s.csv", SEEKER_HEADER, [["", "x", "男", "200", "", "", "", "", "", "", "", "", ""]])
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)
    with pytest.raises(CommandError, match="求职者表没有可用的行，未进行匹配"):
        run(tmp_path, seekers, jobs)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "没有找到表头"),
    ("姓名,年龄\n张三,30\n".encode(), "没有找到表头：求职者表至少需要“编号”列"),
    (b"\x00\x01\x02binary", "文件不是文本 CSV"),
])
def test_unusable_files(tmp_path, content, message):
    seekers = tmp_path / "s.csv"
    seekers.write_bytes(content)
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)
    with pytest.raises(CommandError, match=message):
        run(tmp_path, seekers, jobs)
    with pytest.raises(SheetError):
        read_sheet(seekers, "seekers")


def test_missing_file_and_bad_arguments(tmp_path):
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)
    with pytest.raises(CommandError, match="找不到文件"):
        run(tmp_path, tmp_path / "none.csv", jobs)
    with pytest.raises(CommandError, match="--top 应为 1 到 100 之间的整数，收到的是“0”"):
        run(tmp_path, jobs, jobs, top=0)


def test_gazetteer_from_the_orgunit_table(world, tmp_path, capsys):
    rows = [["S1", "张某", "男", "40", "初中", "曲木村", "", "保洁", "", "", "", "本村", ""]]
    jobs_rows = [["J1", "某村委会", "保洁员", "1", "", "", "", "", "1800元", "曲木村委会", "", ""],
                 ["J2", "某村委会", "保洁员", "1", "", "", "", "", "1800元", "璋嘉村", "", ""]]
    seekers = write_csv(tmp_path / "s.csv", SEEKER_HEADER, rows)
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, jobs_rows)
    out = read_out(run(tmp_path, seekers, jobs))
    assert [r["job_id"] for r in out] == ["J1"]
    assert "地名来源：OrgUnit 表" in capsys.readouterr().out


@pytest.mark.parametrize(("damage", "message"), [
    # a sheet cut in the middle: was a ParseError traceback from the command
    (lambda data: hostile_files.with_truncated_sheet(data), "xlsx 文件内容已损坏，无法读取：请在 Excel 中另存为 .xlsx 后重试。"),
    (lambda data: hostile_files.with_string_bomb(data, unpacked_mb=20),
     "文件内的 xl/sharedStrings.xml 解压后有 20 MB（压缩前仅 0.0 MB），不像 Excel 保存的台账"),
])
def test_damaged_or_bomb_xlsx_is_a_command_error(tmp_path, damage, message):
    seekers = write_xlsx(tmp_path / "s.xlsx", SEEKER_HEADER, SEEKERS * 40)
    seekers.write_bytes(damage(seekers.read_bytes()))
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)
    with pytest.raises(CommandError) as caught:
        run(tmp_path, seekers, jobs)
    assert caught.value.args[0].startswith(f"求职者表 {seekers}：{message}")
