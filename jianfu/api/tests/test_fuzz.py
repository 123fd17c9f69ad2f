"""Fuzz every operation of the OpenAPI schema with schemathesis: no generated input may cause a 500.

Requests are made in-process through the WSGI app as `county_office` (the widest non-admin scope)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def token(world):
    from jianfu.accounts.models import ApiToken

    _, raw = ApiToken.issue(world.users["county_office"])
    return raw


@pytest.mark.django_db(transaction=False)
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
