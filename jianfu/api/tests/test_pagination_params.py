"""badinput15 #19: a page number the list cannot use is a 400 naming `page`, not the scoping 404."""

from __future__ import annotations

import pytest


def _invalid(message: str) -> dict:
    return {"error": {"code": "invalid", "message": message, "fields": {"page": [message]}}}


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "shown"), [("-1", "-1"), ("0", "0"), ("x", "x"), ("1.5", "1.5"),
                                              ("9" * 30, "9" * 20)])
def test_a_page_that_is_not_a_positive_integer_is_a_400(world, value, shown):
    response = world.api_client("county_office").get("/api/v1/dispatch/events/", {"page": value})
    assert response.status_code == 400
    assert response.json() == _invalid(f"参数 page 应为从 1 开始的页码，收到“{shown}”。")


@pytest.mark.django_db
def test_a_page_past_the_last_is_a_400_with_the_page_count(world):
    client = world.api_client("county_office")
    count = client.get("/api/v1/dispatch/events/").json()["count"]
    pages = max(1, -(-count // 50))
    response = client.get("/api/v1/dispatch/events/", {"page": str(pages + 1)})
    assert response.status_code == 400
    assert response.json() == _invalid(f"参数 page 超出范围：共 {pages} 页，收到“{pages + 1}”。")
    assert client.get("/api/v1/dispatch/events/", {"page": "1"}).status_code == 200
    assert client.get("/api/v1/dispatch/events/", {"page": "last"}).status_code == 200
    assert client.get("/api/v1/dispatch/events/", {"page": ""}).status_code == 200
