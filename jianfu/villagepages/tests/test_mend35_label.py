"""mend35 #7: users called the public village pages 村务公开. They are each village's 《服务群众事项清单》 (where, when and
with what to get a service done), not the 村务公开 of 《村民委员会组织法》第三十条 (village affairs and finances on the 村务公开栏),
so the label 村（社区）服务公开 stays; the page says what it is not and where 村务公开 is found."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_index_keeps_its_label_and_says_it_is_not_cunwu_gongkai(world):
    page = world.client(None).get("/villages/").content.decode()
    assert "<h1>村（社区）服务公开</h1>" in page
    assert ('<p class="muted" id="not-cunwu">这里公开的是办事指南，不是村务公开：村务、财务公开（《村民委员会组织法》第三十条）'
            "张贴在各村（社区）的村务公开栏。</p>") in page
