"""fixcr34b #4: a village's name before a colon was read as a chat speaker and dropped — in a multi-line paste
"李家村：水管破了三天没人修" became "水管破了三天没人修", losing where it happened. A name ending in a place's suffix
(村, 镇, 乡, 社区, 小区, 街道, 路, 屯, 组 …) is a place, not a speaker; a look-alike real name still goes."""

from __future__ import annotations

import pytest

from jianfu.dispatch.routing.text import strip_chat


@pytest.mark.parametrize(("pasted", "left"), [
    ("[图片]\n李家村：水管破了三天没人修\n收到", "李家村:水管破了三天没人修"),
    ("李家村：水管破了三天没人修\n[图片]", "李家村:水管破了三天没人修"),
    ("【曲木村网格群】王家屯：水管破了三天没人修", "王家屯:水管破了三天没人修"),
    ("[图片]\n陈家组：水管破了三天没人修", "陈家组:水管破了三天没人修"),
    ("[图片]\n黄泥镇：水管破了三天没人修", "黄泥镇:水管破了三天没人修"),
    ("[图片]\n石门乡：水管破了三天没人修", "石门乡:水管破了三天没人修"),
    ("[图片]\n金社区：水管破了三天没人修", "金社区:水管破了三天没人修"),
    ("[图片]\n江小区：水管破了三天没人修", "江小区:水管破了三天没人修"),
    ("[图片]\n韦街道：水管破了三天没人修", "韦街道:水管破了三天没人修"),
    ("[图片]\n朱家路：水管破了三天没人修", "朱家路:水管破了三天没人修"),
])
def test_a_place_before_a_colon_is_no_speaker(pasted, left):
    assert strip_chat(pasted) == left


@pytest.mark.parametrize("pasted", [
    "[图片]\n李家明：水管破了三天没人修\n收到", "李家明：水管破了三天没人修\n[图片]", "[图片]\n李村明：水管破了三天没人修",
])
def test_a_look_alike_real_speaker_still_goes(pasted):
    assert strip_chat(pasted) == "水管破了三天没人修"
