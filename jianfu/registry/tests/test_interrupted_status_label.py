"""badinput16 #9a: a registry batch whose worker was killed during its commit showed "状态：入库中" beside "处理该批次的
后台任务已停止，批次被中断" — one state now, 已中断, on the batch's page and in the list (employment's B12 rule)."""

from __future__ import annotations

import pytest

from jianfu.registry import imports
from jianfu.registry.tests.test_import_interrupted import killed_mid_commit
from jianfu.registry.tests.test_imports import GOOD, stage, xlsx

pytestmark = pytest.mark.django_db


def test_a_killed_commit_reads_interrupted_on_its_page_and_in_the_list(world):
    batch = killed_mid_commit(stage(world, "village_a", xlsx(GOOD)))
    client = world.client("village_a")
    for page in (
        client.get(f"/registry/imports/{batch.pk}/").content.decode(),
        client.get(f"/registry/imports/{batch.pk}/", HTTP_HX_REQUEST="true").content.decode(),
    ):
        assert "状态：<strong>已中断</strong>" in page and "批次被中断" in page
        assert "入库中" not in page
    listing = client.get("/registry/imports/").content.decode()
    assert '<span class="badge">已中断</span>' in listing and "入库中" not in listing
    assert imports.status_label(batch) == "已中断"


def test_a_live_batch_keeps_its_own_status(world):
    batch = stage(world, "village_a", xlsx(GOOD))
    page = world.client("village_a").get(f"/registry/imports/{batch.pk}/").content.decode()
    assert "状态：<strong>待确认</strong>" in page and "已中断" not in page
