import pytest
import yaml

from jianfu.dispatch.routing import (
    GRASSROOTS_ROLES,
    CatalogueError,
    default_catalogue_path,
    load_catalogue_records,
    load_catalogue_yaml,
)

GOOD_MATTER = """
  - code: T-001
    name: 测试事项
    group: 测试
    description: 描述
    keywords: [甲, 乙]
    examples: [例句一, 例句二]
    lead_department: AA
    cooperating_departments: [BB]
    grassroots_role: 配合
    time_limit_days: 5
    urgent_hours: 24
    legal_basis: 《测试条例》
"""


def write(tmp_path, matters: str, departments: str = "  - {code: AA, name: 甲局}\n  - {code: BB, name: 乙局}\n"):
    path = tmp_path / "catalogue.yaml"
    path.write_text("departments:\n" + departments + "matters:" + matters, encoding="utf-8")
    return path


def test_default_catalogue_size_and_shape():
    records, departments = load_catalogue_records(default_catalogue_path())
    assert len(records) == 199
    assert len(departments) == 29
    assert len({r["lead_department"] for r in records}) == 29
    assert {r["grassroots_role"] for r in records} == set(GRASSROOTS_ROLES)
    for r in records:
        assert len(r["examples"]) >= 3, r["code"]
        assert len(r["keywords"]) >= 4, r["code"]
        assert r["legal_basis"].startswith("《"), r["code"]
        assert r["code"].split("-")[0] == r["lead_department"], r["code"]
        assert r["urgent_hours"] <= r["time_limit_days"] * 24, r["code"]


def test_default_catalogue_version_and_counts():
    # every content pass bumps the version (the platform caches a router per catalogue version); the
    # fifth pass (2026.2, session 5) added 54 example phrasings and 13 keywords in the citizens' voice; 2026.3
    # (mend19a) 6 phrasings and 5 keywords that tell a village's 垃圾池 (NY-008) from a town street's 垃圾桶 (CG-003)
    data = yaml.safe_load(default_catalogue_path().read_text(encoding="utf-8"))
    records, _ = load_catalogue_records(default_catalogue_path())
    assert data["version"] == "2026.3"
    assert (sum(len(r["examples"]) for r in records), sum(len(r["keywords"]) for r in records)) == (1077, 1526)


def test_default_catalogue_seed_matter():
    matters, departments = load_catalogue_yaml(default_catalogue_path())
    by_code = {m.code: m for m in matters}
    assert departments["LY"] == "林业局"
    seed = by_code["LY-001"]
    assert (seed.name, seed.group, seed.department, seed.grassroots_role) == ("林木林地权属争议调处", "林业", "LY", "配合")
    assert "林权证" in seed.keywords


def test_minimal_valid_file(tmp_path):
    matters, departments = load_catalogue_yaml(write(tmp_path, GOOD_MATTER))
    assert departments == {"AA": "甲局", "BB": "乙局"}
    assert len(matters) == 1
    m = matters[0]
    assert (m.code, m.department, m.keywords, m.examples) == ("T-001", "AA", ("甲", "乙"), ("例句一", "例句二"))


def test_missing_field_names_row_and_field(tmp_path):
    second = GOOD_MATTER.replace("T-001", "T-002").replace("    legal_basis: 《测试条例》\n", "")
    with pytest.raises(CatalogueError) as err:
        load_catalogue_yaml(write(tmp_path, GOOD_MATTER + second))
    assert str(err.value) == "第 2 个事项（T-002）缺少字段 legal_basis"
    assert (err.value.row, err.value.field) == (2, "legal_basis")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("lead_department: AA", "lead_department: ZZ",
     "第 1 个事项（T-001）的字段 lead_department 引用了未在 departments 中定义的部门 ZZ"),
    ("grassroots_role: 配合", "grassroots_role: 负责",
     "第 1 个事项（T-001）的字段 grassroots_role 应为 主责、配合 或 不承担 之一，实际为 '负责'"),
    ("time_limit_days: 5", "time_limit_days: -1", "第 1 个事项（T-001）的字段 time_limit_days 应为正整数，实际为 -1"),
    ("keywords: [甲, 乙]", "keywords: 甲", "第 1 个事项（T-001）的字段 keywords 应为文本列表"),
    ("examples: [例句一, 例句二]", "examples: []", "第 1 个事项（T-001）的字段 examples 至少需要一项"),
    ("name: 测试事项", "name: '  '", "第 1 个事项（T-001）的字段 name 不能为空"),
])
def test_bad_field_values(tmp_path, old, new, message):
    with pytest.raises(CatalogueError) as err:
        load_catalogue_yaml(write(tmp_path, GOOD_MATTER.replace(old, new)))
    assert str(err.value) == message


def test_duplicate_code(tmp_path):
    with pytest.raises(CatalogueError, match="^第 2 个事项编码 T-001 与第 1 个事项重复$"):
        load_catalogue_yaml(write(tmp_path, GOOD_MATTER + GOOD_MATTER))


def test_department_without_name(tmp_path):
    with pytest.raises(CatalogueError, match=r"^第 1 个部门（AA）缺少字段 name（部门名称）$"):
        load_catalogue_yaml(write(tmp_path, GOOD_MATTER, departments="  - {code: AA}\n"))


def test_broken_yaml_and_missing_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("departments: [\n  - oops", encoding="utf-8")
    with pytest.raises(CatalogueError, match="^职责清单文件 YAML 格式错误"):
        load_catalogue_yaml(path)
    with pytest.raises(CatalogueError, match="^找不到职责清单文件"):
        load_catalogue_yaml(tmp_path / "nope.yaml")
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="^职责清单文件顶层应为包含 departments 和 matters 的映射$"):
        load_catalogue_yaml(path)
