"""badinput34: the matching evaluation's own files (issue 10, "Bad input": evaluation files with missing columns or
labels outside the set → a clear error naming the line). Temporary copies only: the real eval data is never edited."""

import shutil
import sys

import pytest

from jianfu.employment.matching import evaluate
from jianfu.employment.matching.evaluate import EVAL_DIR, EvalFileError, load_split

QRELS = "seeker_id,job_id,grade\nD-S01,D-J01,2\nD-S01,D-J02,1\n"


@pytest.fixture
def split(tmp_path):
    """dev's seekers and postings copied to tmp_path as split `t`, with a qrels file each test writes."""
    for table in ("seekers", "jobs"):
        shutil.copy(EVAL_DIR / f"dev_{table}.csv", tmp_path / f"t_{table}.csv")

    def write(qrels: str):
        (tmp_path / "t_qrels.csv").write_text(qrels, encoding="utf-8")
        return tmp_path

    return write


def refusal(folder) -> str:
    with pytest.raises(EvalFileError) as exc:
        load_split("t", folder)
    return str(exc.value)


def test_a_good_copy_loads(split):
    _seekers, _jobs, qrels = load_split("t", split(QRELS))
    assert qrels == {("D-S01", "D-J01"): 2, ("D-S01", "D-J02"): 1}


@pytest.mark.parametrize(("qrels", "message"), [
    ("seeker_id,job_id\nD-S01,D-J01\n", "第 1 行（表头）缺少列：grade（应为 seeker_id,job_id,grade）。"),
    ("", "第 1 行（表头）缺少列：seeker_id、job_id、grade（应为 seeker_id,job_id,grade）。"),
    (QRELS + "D-S02,D-J03,3\n", "第 4 行：等级“3”不在 0/1/2 之内。"),
    (QRELS + "D-S02,D-J03,一\n", "第 4 行：等级“一”不在 0/1/2 之内。"),
    (QRELS + "D-S02,D-J03,\n", "第 4 行：“grade”列为空。"),
    (QRELS + "D-S99,D-J03,1\n", "第 4 行：“seeker_id”列的编号“D-S99”在求职者表中没有。"),
    (QRELS + "D-S02,J03,1\n", "第 4 行：“job_id”列的编号“J03”在岗位表中没有。"),
    (QRELS + "D-S01,D-J01,1\n", "第 4 行：D-S01–D-J01 已在第 2 行评过等级。"),
])
def test_a_bad_qrels_file_is_refused_naming_its_line(split, qrels, message):
    folder = split(qrels)
    assert refusal(folder) == f"{folder / 't_qrels.csv'} {message}"


def test_a_refused_rows_id_still_counts_as_a_loss(split, tmp_path):
    """A row refused by the sheet reader (its pairs score as a loss, by design) is written, so its id is known."""
    seekers = (tmp_path / "t_seekers.csv").read_text(encoding="utf-8").splitlines()
    seekers.append("D-S77" + "," * (seekers[0].count(",")))       # an id and nothing else: the row is refused
    (tmp_path / "t_seekers.csv").write_text("\n".join(seekers) + "\n", encoding="utf-8")
    loaded, _jobs, qrels = load_split("t", split(QRELS + "D-S77,D-J01,1\n"))
    assert "D-S77" not in {s.id for s in loaded}
    assert qrels[("D-S77", "D-J01")] == 1


def test_a_missing_table_is_refused_naming_it(split, tmp_path):
    folder = split(QRELS)
    (tmp_path / "t_jobs.csv").unlink()
    assert refusal(folder) == f"评估数据 t：找不到文件：{tmp_path / 't_jobs.csv'}"


def test_the_command_exits_non_zero_with_the_message(split, monkeypatch, capsys):
    folder = split(QRELS + "D-S02,D-J03,3\n")
    monkeypatch.setattr(sys, "argv", ["evaluate", "--split", "t", "--dir", str(folder)])
    with pytest.raises(SystemExit) as exc:
        evaluate.main()
    assert exc.value.code == f"评估文件有误，未进行评估：{folder / 't_qrels.csv'} 第 4 行：等级“3”不在 0/1/2 之内。"


def test_the_command_names_a_split_it_cannot_find(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["evaluate", "--split", "t", "--dir", str(tmp_path)])
    with pytest.raises(SystemExit) as exc:
        evaluate.main()
    assert exc.value.code == (f"{tmp_path} 中没有评估数据 't'（需要 t_seekers.csv、_jobs.csv、_qrels.csv；现有：无）")
