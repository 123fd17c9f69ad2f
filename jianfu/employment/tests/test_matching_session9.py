"""Session 9 (issue 8): trade words found by the lost-NDCG reading (docs/matching.md, session 9)."""

from jianfu.employment.matching.parse import normalise_occupation


def test_a_car_wash_is_car_work_not_a_beauty_salon():
    # session 9 (blind8 K8-J05 "洗车美容工" was read as 美容美发师 through "美容")
    assert normalise_occupation("洗车美容工")[:1] == ["4-12-01"]
    assert normalise_occupation("汽车美容")[:1] == ["4-12-01"]
    assert normalise_occupation("美容院")[:1] == ["4-10-05"]
