"""badinput34: `manage.py employment_match` under bad input — each refusal in Chinese naming the file (and the row,
column or sheet), and no OUT.csv (nor a temporary file) left by a refused, failed or interrupted run."""

import csv
import datetime as dt
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from jianfu.employment.matching import Matcher
from jianfu.employment.matching.sheets import SheetError, read_sheet
from jianfu.employment.tests.test_employment_match_command import (
    JOB_HEADER,
    JOBS,
    SEEKER_HEADER,
    SEEKERS,
    write_csv,
)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def xlsx(path: Path, header, rows, hook=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    if hook:
        hook(wb, ws)
    wb.save(path)
    return path


@pytest.fixture
def inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    return write_csv(src / "s.csv", SEEKER_HEADER, SEEKERS), write_csv(src / "j.csv", JOB_HEADER, JOBS)


def match(seekers, jobs, out, **kw):
    kw.setdefault("top", 10)
    call_command("employment_match", seekers=str(seekers), jobs=str(jobs), direction="seekers", out=str(out), **kw)


@pytest.mark.parametrize(("top", "message"), [
    (0, "--top 应为 1 到 100 之间的整数，收到的是“0”。"),
    (-1, "--top 应为 1 到 100 之间的整数，收到的是“-1”。"),
    ("x", "--top 应为 1 到 100 之间的整数，收到的是“x”。"),
    ("1.5", "--top 应为 1 到 100 之间的整数，收到的是“1.5”。"),
    (101, "--top 应为 1 到 100 之间的整数，收到的是“101”。"),
])
def test_a_bad_top_is_refused_in_chinese(tmp_path, inputs, top, message):
    with pytest.raises(CommandError) as exc:
        match(*inputs, tmp_path / "out.csv", top=top)
    assert str(exc.value) == message
    assert files(tmp_path) == ["in"]


def test_top_given_as_text_on_the_command_line_still_works(tmp_path, inputs):
    match(*inputs, tmp_path / "out.csv", top="1")
    with open(tmp_path / "out.csv", encoding="utf-8-sig") as fh:
        assert [r["rank"] for r in csv.DictReader(fh)] == ["1", "1", "1"]


def test_the_same_file_for_both_is_refused(tmp_path, inputs):
    _seekers, jobs = inputs
    with pytest.raises(CommandError) as exc:
        match(jobs, jobs, tmp_path / "out.csv")
    assert str(exc.value) == f"--seekers 与 --jobs 是同一个文件（{jobs}）：请分别给出求职者表和岗位表。"
    assert files(tmp_path) == ["in"]


def test_an_out_in_a_missing_folder_is_refused_and_no_folder_made(tmp_path, inputs):
    out = tmp_path / "nope" / "dir" / "out.csv"
    with pytest.raises(CommandError) as exc:
        match(*inputs, out)
    assert str(exc.value) == f"--out 的目录不存在：{out.parent}（请先创建该目录，或换一个路径）。"
    assert files(tmp_path) == ["in"]


def test_an_out_that_is_a_folder_is_refused(tmp_path, inputs):
    with pytest.raises(CommandError) as exc:
        match(*inputs, tmp_path)
    assert str(exc.value) == f"--out {tmp_path} 是一个目录：请给出输出 CSV 文件的路径，如 {tmp_path / 'out.csv'}。"
    assert files(tmp_path) == ["in"]


def test_an_unwritable_out_is_refused_before_the_matching(tmp_path, inputs, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    monkeypatch.setattr(Matcher, "__init__", lambda *a, **k: pytest.fail("matched before the output was checked"))
    with pytest.raises(CommandError) as exc:
        match(*inputs, tmp_path / "out.csv")
    assert str(exc.value) == f"无法写入输出文件 {tmp_path / 'out.csv'}：没有写入权限"
    assert files(tmp_path) == ["in"]


def test_an_interrupted_run_leaves_the_old_output_whole_and_no_temporary_file(tmp_path, inputs, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_text("seeker_id,job_id,rank,score,reasons\nOLD,OLD,1,1.0000,old\n", encoding="utf-8")
    real = Matcher.recommend_all

    def broken(self, direction, top):
        it = real(self, direction, top=top)
        yield next(it)                       # one row written to the temporary file, then the run is stopped
        raise KeyboardInterrupt

    monkeypatch.setattr(Matcher, "recommend_all", broken)
    with pytest.raises(KeyboardInterrupt):
        match(*inputs, out)
    assert out.read_text(encoding="utf-8") == "seeker_id,job_id,rank,score,reasons\nOLD,OLD,1,1.0000,old\n"
    assert files(tmp_path) == ["in", "out.csv"]


def test_a_refused_input_leaves_no_output(tmp_path, inputs):
    seekers, _jobs = inputs
    header_only = write_csv(tmp_path / "in" / "j0.csv", JOB_HEADER, [])
    with pytest.raises(CommandError) as exc:
        match(seekers, header_only, tmp_path / "out.csv")
    assert str(exc.value) == f"岗位表没有可用的行，未进行匹配（文件 {header_only}；请按上面列出的错误修正后重试）。"
    assert files(tmp_path) == ["in"]


def test_the_output_is_readable_as_any_file_the_user_writes(tmp_path, inputs):
    match(*inputs, tmp_path / "out.csv")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_folder_given_as_an_input_is_refused(tmp_path, inputs):
    _seekers, jobs = inputs
    with pytest.raises(CommandError) as exc:
        match(tmp_path / "in", jobs, tmp_path / "out.csv")
    assert str(exc.value) == f"求职者表 {tmp_path / 'in'}：不是文件（是目录或设备）：{tmp_path / 'in'}"
    assert files(tmp_path) == ["in"]


def test_each_summary_line_names_its_file(tmp_path, inputs, capsys):
    seekers, jobs = inputs
    match(seekers, jobs, tmp_path / "out.csv")
    out = capsys.readouterr().out
    assert f"求职者表：读取 3 行，可用 3 行，错误 0 行；文件：{seekers}" in out
    assert f"岗位表：读取 3 行，可用 3 行，错误 0 行；文件：{jobs}" in out


# ---------------------------------------------------------------------------------------------- xlsx


def test_a_merged_range_in_the_data_is_refused_naming_it(tmp_path):
    path = xlsx(tmp_path / "s.xlsx", SEEKER_HEADER, SEEKERS, lambda wb, ws: ws.merge_cells("F2:F3"))
    with pytest.raises(SheetError) as exc:
        read_sheet(path, "seekers")
    assert str(exc.value) == "工作表“Sheet”的数据区有合并单元格 F2:F3（第2行），请取消合并并把值填到每一行"


def test_a_merged_title_above_the_header_is_read(tmp_path):
    def title(wb, ws):
        ws.insert_rows(1)
        ws["A1"] = "2026年求职登记表"
        ws.merge_cells("A1:M1")

    result = read_sheet(xlsx(tmp_path / "s.xlsx", SEEKER_HEADER, SEEKERS, title), "seekers")
    assert [s.id for s in result.items] == ["S1", "S2", "S3"]


def test_the_shown_sheet_is_read_and_the_others_named(tmp_path):
    def second(wb, ws):
        other = wb.create_sheet("第二页")
        other.append(SEEKER_HEADER)
        other.append(["S9", *SEEKERS[0][1:]])

    result = read_sheet(xlsx(tmp_path / "s.xlsx", SEEKER_HEADER, SEEKERS, second), "seekers")
    assert [s.id for s in result.items] == ["S1", "S2", "S3"]
    assert result.sheet_note == "文件有 2 个工作表，导入的是“Sheet”（打开文件时显示的工作表）；未导入：“第二页”"


def test_the_active_sheet_is_the_one_read(tmp_path):
    def active_second(wb, ws):
        ws.title = "旧表"
        ws["A2"] = "OLD1"
        data = wb.create_sheet("数据")
        data.append(SEEKER_HEADER)
        data.append(SEEKERS[1])
        wb.active = 1

    result = read_sheet(xlsx(tmp_path / "s.xlsx", SEEKER_HEADER, SEEKERS, active_second), "seekers")
    assert [s.id for s in result.items] == ["S2"]
    assert result.sheet_note == "文件有 2 个工作表，导入的是“数据”（打开文件时显示的工作表）；未导入：“旧表”"


def test_a_sheet_without_the_header_names_the_sheet_and_the_others(tmp_path):
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表说明"])
    data = wb.create_sheet("数据")
    data.append(SEEKER_HEADER)
    wb.save(tmp_path / "s.xlsx")
    with pytest.raises(SheetError) as exc:
        read_sheet(tmp_path / "s.xlsx", "seekers")
    assert str(exc.value) == ("没有找到表头：求职者表至少需要“编号”列（工作表“说明”的前 10 行内；可用同义列名，见 docs/matching.md）。"
                              "文件有 2 个工作表，导入的是“说明”（打开文件时显示的工作表）；未导入：“数据”。")


def test_a_date_cell_reads_as_the_date_written(tmp_path):
    def dates(wb, ws):
        ws["K3"] = dt.datetime(2026, 3, 1)      # noqa: DTZ001 - a cell has no zone
        ws["K4"] = dt.datetime(2026, 3, 1, 8, 30)  # noqa: DTZ001

    result = read_sheet(xlsx(tmp_path / "s.xlsx", SEEKER_HEADER, SEEKERS, dates), "seekers")
    assert [str(w) for w in result.warnings] == [
        "第 3 行“期望月薪”列：工资“2026-03-01”超出合理范围（每月 100–200000 元）。（已按未知处理，该行照常匹配）",
        "第 4 行“期望月薪”列：工资“2026-03-01 08:30”超出合理范围（每月 100–200000 元）。（已按未知处理，该行照常匹配）"]


# ---------------------------------------------------------------------------------------------- csv


def test_a_wage_is_quoted_as_written(tmp_path):
    rows = [r[:] for r in JOBS]
    rows[2][8] = "1,5"
    result = read_sheet(write_csv(tmp_path / "j.csv", JOB_HEADER, rows), "jobs")
    assert [str(w) for w in result.warnings] == [
        "第 4 行“月薪”列：工资“1,5”超出合理范围（每月 100–200000 元）。（已按未知处理，该行照常匹配）"]
    assert [j.id for j in result.items] == ["J1", "J2", "J3"]


def test_a_cell_past_the_csv_field_limit_is_refused_naming_the_row(tmp_path):
    rows = [r[:] for r in SEEKERS]
    rows[1][12] = "长" * 200_000
    with pytest.raises(SheetError) as exc:
        read_sheet(write_csv(tmp_path / "s.csv", SEEKER_HEADER, rows), "seekers")
    assert str(exc.value) == f"第 3 行有单元格超过 {csv.field_size_limit()} 字，整个文件未读取：请检查该行后重新保存。"


def test_control_and_zero_width_characters_are_dropped_past_the_head(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("编号,姓名,求职意向\nS0,甲," + "流水线" * 400 + "\nS\u200b1,张\x00三,想\u200b进\x07厂\x1b[31m\n", encoding="utf-8")
    result = read_sheet(path, "seekers")
    assert [(s.id, s.name, s.desired) for s in result.items][1:] == [("S1", "张三", "想进厂[31m")]
    assert result.errors == [] and result.warnings == []
