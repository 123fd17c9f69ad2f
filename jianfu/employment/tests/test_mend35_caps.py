"""mend35 #6: `employment_match` and the employment imports refuse a file over a documented cap (the settings
JIANFU_EMPLOYMENT_UPLOAD_MAX_MB for the web and the API, JIANFU_EMPLOYMENT_CLI_MAX_MB or `--max-mb` for the commands),
with a Chinese message naming the file's size and the cap, before reading it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from jianfu.core.formtokens import token_new
from jianfu.employment.management.commands import employment_match
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_employment_match_command import JOB_HEADER, JOBS, write_csv

BIG = b"x" * (3 * 2**19)      # 1.5 MB


def _never_read(*_args, **_kw):
    raise AssertionError("the file was read")


@pytest.fixture
def jobs(tmp_path) -> Path:
    return write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)


def test_employment_match_refuses_a_file_over_the_flag_before_reading_it(tmp_path, jobs, monkeypatch):
    seekers = tmp_path / "s.csv"
    seekers.write_bytes(BIG)
    monkeypatch.setattr(employment_match, "read_sheet", _never_read)
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError) as exc:
        call_command("employment_match", seekers=str(seekers), jobs=str(jobs), out=str(out), max_mb=1)
    assert str(exc.value) == (f"求职者表 {seekers}：文件大小为 1.5 MB，超过 1 MB 的上限，请拆分后分批导入。"
                              "（或用 --max-mb 提高上限）")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.csv", "s.csv"]      # no output begun


def test_employment_match_takes_its_default_cap_from_the_settings(tmp_path, jobs, settings, monkeypatch):
    settings.JIANFU_EMPLOYMENT_CLI_MAX_MB = 1
    seekers = tmp_path / "s.csv"
    seekers.write_bytes(BIG)
    monkeypatch.setattr(employment_match, "read_sheet", _never_read)
    with pytest.raises(CommandError, match="文件大小为 1.5 MB，超过 1 MB 的上限"):
        call_command("employment_match", seekers=str(seekers), jobs=str(jobs), out=str(tmp_path / "o.csv"))
    with pytest.raises(CommandError) as exc:
        call_command("employment_match", seekers=str(seekers), jobs=str(jobs), out=str(tmp_path / "o.csv"), max_mb=0)
    assert str(exc.value) == "--max-mb 应为正整数（MB）。"


@pytest.mark.django_db
def test_the_import_command_refuses_a_file_over_the_cap_and_writes_nothing(tmp_path, world):
    sheet = tmp_path / "jobs.csv"
    sheet.write_bytes(BIG)
    with pytest.raises(CommandError) as exc:
        call_command("employment_import_postings", str(sheet), username="county_office", max_mb=1)
    assert str(exc.value) == f"{sheet}：文件大小为 1.5 MB，超过 1 MB 的上限，请拆分后分批导入。（或用 --max-mb 提高上限）"
    assert (PostingImport.objects.count(), Posting.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_the_web_upload_names_the_size_and_the_cap_of_the_setting(world, settings):
    settings.JIANFU_EMPLOYMENT_UPLOAD_MAX_MB = 1
    response = world.client("county_office").post("/employment/postings/import/", {
        "form_token": token_new(), "file": SimpleUploadedFile("jobs.csv", BIG)})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["文件大小为 1.5 MB，超过 1 MB 的上限，请拆分后分批导入。"]
    assert PostingImport.objects.count() == 0
