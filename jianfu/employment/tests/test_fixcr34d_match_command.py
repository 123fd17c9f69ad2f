"""fixcr34d: `manage.py employment_match` — --out (or OUT.errors.csv) naming an input is refused before anything is
read (cr34 #2); a failure writing OUT.errors.csv leaves the last run's pair as it was (cr34 #4); a seeker (or posting)
with no recommendation is counted and listed in OUT.errors.csv (newuser34b #7); --help names the headers (#8)."""

import csv
import errno
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jianfu.employment.management.commands import employment_match
from jianfu.employment.tests.test_employment_match_command import (
    JOB_HEADER,
    JOBS,
    SEEKER_HEADER,
    SEEKERS,
    write_csv,
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def match(seekers, jobs, out, direction="seekers"):
    call_command("employment_match", seekers=str(seekers), jobs=str(jobs), direction=direction, top=10, out=str(out))


def read_errors(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def folder(tmp_path):
    write_csv(tmp_path / "s.csv", SEEKER_HEADER, SEEKERS)
    write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)
    return tmp_path


@pytest.mark.parametrize(("out", "message"), [
    ("s.csv", "--out 与 --seekers 是同一个文件（{d}/s.csv）：运行会覆盖输入表，请换一个输出路径。"),
    ("./sub/../j.csv", "--out 与 --jobs 是同一个文件（{d}/j.csv）：运行会覆盖输入表，请换一个输出路径。"),
    ("s.errors.csv", "错误清单 s.errors.errors.csv 与 --seekers 是同一个文件（{d}/s.errors.errors.csv）："
                     "运行会覆盖输入表，请换一个输出路径。"),
])
def test_an_output_naming_an_input_is_refused_and_nothing_written(folder, monkeypatch, out, message):
    (folder / "sub").mkdir()
    seekers = folder / ("s.errors.errors.csv" if out == "s.errors.csv" else "s.csv")
    if out == "s.errors.csv":
        (folder / "s.csv").rename(seekers)
    before = snapshot(folder)
    monkeypatch.chdir(folder)
    with pytest.raises(CommandError) as refused:
        match(seekers, folder / "j.csv", out)
    assert str(refused.value) == message.format(d=folder)
    assert snapshot(folder) == before


def test_a_hard_link_to_an_input_is_refused(folder):
    os.link(folder / "j.csv", folder / "out.csv")
    before = snapshot(folder)
    with pytest.raises(CommandError) as refused:
        match(folder / "s.csv", folder / "j.csv", folder / "out.csv")
    assert str(refused.value) == f"--out 与 --jobs 是同一个文件（{folder}/j.csv）：运行会覆盖输入表，请换一个输出路径。"
    assert snapshot(folder) == before


def test_a_failure_writing_the_errors_file_leaves_the_last_runs_pair(folder, monkeypatch):
    bad = write_csv(folder / "bad.csv", SEEKER_HEADER, [*SEEKERS, ["", "孙某", "男", "30", "初中", "廉州镇", "", "保洁",
                                                                    "", "", "", "", ""]])
    match(bad, folder / "j.csv", folder / "out.csv")
    assert read_errors(folder / "out.errors.csv") == [["表", "行号", "列", "错误"], ["求职者", "5", "编号", "编号为空"]]
    before = snapshot(folder)

    def full_disk(fh, listed):
        fh.write("表,行号")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(employment_match, "_write_errors", full_disk)
    with pytest.raises(CommandError) as failed:
        match(bad, folder / "j.csv", folder / "out.csv", direction="jobs")
    assert str(failed.value) == f"无法写入输出文件 {folder}/out.errors.csv：磁盘空间不足"
    assert snapshot(folder) == before            # the old OUT.csv and its errors file, no temporary file


def test_seekers_with_no_recommendation_are_counted_and_listed(folder, capsys):
    rows = [*SEEKERS, ["S4", "赵某", "男", "17", "初中", "廉州镇", "", "想进厂", "", "", "3000", "县内", ""],
            ["S5", "钱某", "男", "62", "小学", "白沙镇", "", "保洁", "", "", "1800", "本镇", ""]]
    seekers = write_csv(folder / "s.csv", SEEKER_HEADER, rows)
    match(seekers, folder / "j.csv", folder / "out.csv")
    with open(folder / "out.csv", encoding="utf-8-sig", newline="") as fh:
        assert sorted({r["seeker_id"] for r in csv.DictReader(fh)}) == ["S1", "S2", "S3"]
    out = capsys.readouterr().out
    assert "2 名求职者没有符合硬性条件的岗位（已列入错误清单）\n" in out
    assert f"错误清单：{folder}/out.errors.csv\n" in out
    assert read_errors(folder / "out.errors.csv") == [
        ["表", "行号", "列", "错误"],
        ["求职者", "5", "", "编号“S4”：没有符合硬性条件的岗位，未写入推荐"],
        ["求职者", "6", "", "编号“S5”：没有符合硬性条件的岗位，未写入推荐"]]


def test_postings_with_no_recommendation_are_counted_and_listed(folder, capsys):
    jobs = write_csv(folder / "j.csv", JOB_HEADER, [*JOBS, ["J4", "某幼儿园", "保育员", "1", "", "20-22岁", "", "", "3000",
                                                            "廉州镇", "照顾幼儿", ""]])
    match(folder / "s.csv", jobs, folder / "out.csv", direction="jobs")
    assert "1 个岗位没有符合硬性条件的求职者（已列入错误清单）\n" in capsys.readouterr().out
    assert read_errors(folder / "out.errors.csv") == [
        ["表", "行号", "列", "错误"], ["岗位", "5", "", "编号“J4”：没有符合硬性条件的求职者，未写入推荐"]]


def test_every_query_answered_leaves_no_errors_file(folder, capsys):
    (folder / "out.errors.csv").write_text("old", encoding="utf-8")
    match(folder / "s.csv", folder / "j.csv", folder / "out.csv")
    assert not (folder / "out.errors.csv").exists()
    assert "没有符合硬性条件" not in capsys.readouterr().out


def test_help_names_the_headers():
    text = " ".join(employment_match.Command().create_parser("manage.py", "employment_match").format_help().split())
    assert ("表头：编号（必填）、姓名、性别、年龄、学历、现居住地、人员类别、求职意向、技能证书、工作经历、期望月薪、可接受工作地点、"
            "备注、出生年月、身份证号") in text.replace(" ", "")
    assert ("表头：编号（必填）、单位名称、岗位名称（必填）、招聘人数、学历要求、年龄要求、经验要求、技能证书要求、月薪、工作地点、岗位描述、"
            "任职要求、福利待遇") in text.replace(" ", "")
    assert "读打开时显示的工作表" in text.replace(" ", "")
