"""Fuzz every operation of the OpenAPI schema with schemathesis: no generated input may cause a 500, and
every answer must be one the schema documents — its status code, its content type and its body (so a
paginated list documented as a bare array, or an undocumented 400/404, fails here).

Requests are made in-process through the WSGI app as `county_office` (the widest non-admin scope)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def token(world):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from jianfu.accounts.models import ApiToken

    # Calling the WSGI app directly fires request_started/finished, which would close the test's database
    # connection (Django's test client disconnects this handler the same way).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    _, raw = ApiToken.issue(world.users["county_office"])
    yield raw
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db(transaction=False)
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case, token):
    headers = {"Authorization": f"Token {token}"}
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
    case.validate_response(response, checks=CHECKS, headers=headers)
