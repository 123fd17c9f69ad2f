"""badinput34: the review corpus loader under bad input (issue 10, "Bad input": labels outside the set, a missing
text → a clear error naming the line). Temporary files only: the real corpus is never edited."""

import pytest

from jianfu.review.engine import evaluate
from jianfu.review.engine.corpus import CORPUS_DIR, CorpusFileError, load_split

GOOD = """# a header comment
- id: T001
  text: 请各村每天报送当日工作情况。
  groups: [INS]
  issuer: township
- {id: T002, text: 依法做好防汛工作。, groups: [], issuer: county_department, trap: statutory}
- {id: C001, rules: [BR-INS-08], text: 请各村于每天下班前把当日工作情况发送至镇政府工作邮箱。}
"""


def write(tmp_path, text: str):
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def refusal(tmp_path, text: str) -> str:
    with pytest.raises(CorpusFileError) as exc:
        load_split("t", write(tmp_path, text))
    return str(exc.value)


def test_a_good_file_loads(tmp_path):
    items = load_split("t", write(tmp_path, GOOD))
    assert [(i.id, sorted(i.groups or ()), sorted(i.rules), i.issuer, i.trap) for i in items] == [
        ("T001", ["INS"], [], "township", ""), ("T002", [], [], "county_department", "statutory"),
        ("C001", [], ["BR-INS-08"], "unknown", "")]


@pytest.mark.parametrize(("extra", "message"), [
    ("- {id: T003, text: 各村建立工作群。, groups: [INS, WECHAT]}\n",
     "t.yaml 第 8 行：条目 T003 的规则组“WECHAT”不在 APP/DEMO/DOC/DUTY/INS/MTG/SEC/VAN 之内"),
    ("- {id: T003, text: 各村建立工作群。, groups: [CUSTOM]}\n",
     "t.yaml 第 8 行：条目 T003 的规则组“CUSTOM”不在 APP/DEMO/DOC/DUTY/INS/MTG/SEC/VAN 之内"),
    ("- {id: T003, groups: [INS]}\n", "t.yaml 第 8 行：缺少“text”（条目 T003）"),
    ("- id: T003\n  text: \"  \"\n  groups: []\n", "t.yaml 第 8 行：缺少“text”（条目 T003）"),
    ("- {text: 各村建立工作群。, groups: [APP]}\n", "t.yaml 第 8 行：缺少“id”"),
    ("- {id: T001, text: 各村建立工作群。, groups: [APP]}\n", "t.yaml 第 8 行：id T001 与第 2 行重复"),
    ("- {id: T003, text: 各村建立工作群。, groups: INS}\n", "t.yaml 第 8 行：条目 T003 的“groups”应为列表，如 [INS]"),
    ("- {id: T003, text: 各村建立工作群。, rules: [INS-08]}\n",
     "t.yaml 第 8 行：条目 T003 的规则“INS-08”不属于任何规则组（应如 BR-INS-08）"),
    ("- 各村建立工作群。\n", "t.yaml 第 8 行：条目应为 id、text、groups 等字段"),
])
def test_a_bad_entry_is_refused_naming_its_line(tmp_path, extra, message):
    assert refusal(tmp_path, GOOD + extra) == message


def test_broken_yaml_is_refused_naming_its_line(tmp_path):
    message = refusal(tmp_path, GOOD + "- {id: T003, text: [unclosed\n")
    # the parser's own words differ between libyaml and PyYAML's pure-Python parser; the line and the lead do not
    assert message.startswith("t.yaml 第 9 行：YAML 格式错误（") and "','" in message


def test_a_file_that_is_not_a_list_is_refused(tmp_path):
    assert refusal(tmp_path, "id: T001\ntext: 请各村每天报送。\n") == "t.yaml：应为条目的列表（每条以“- ”开头）"


def test_an_empty_file_is_an_empty_split(tmp_path):
    assert load_split("t", write(tmp_path, "# nothing yet\n")) == []


def test_the_evaluation_exits_2_with_the_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("jianfu.review.engine.corpus.CORPUS_DIR", write(tmp_path, GOOD + "- {id: T003, groups: [APP]}\n"))
    (tmp_path / "dev.yaml").write_text((tmp_path / "t.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert evaluate.main(["--split", "dev"]) == 2
    assert capsys.readouterr().out == "== 语料文件有误，未进行评估：dev.yaml 第 8 行：缺少“text”（条目 T003）\n"
    assert (CORPUS_DIR / "dev.yaml").exists()
