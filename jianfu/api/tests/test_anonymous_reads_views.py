"""Which throttles the API's own views take (session 31, ADR 0046): kept among the API's tests, since jianfu.core (whose
tests hold the rest of the anonymous-read allowance) may not import the API layer."""

from __future__ import annotations

from jianfu.core import throttling


def test_the_schema_and_its_docs_carry_the_allowance_and_the_token_endpoint_its_own():
    """drf-spectacular's views allow anyone (SERVE_PERMISSIONS) and take DRF's default throttle classes."""
    from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

    from jianfu.api.v1.core import TokenThrottle, token_obtain

    assert [type(t) for t in SpectacularAPIView().get_throttles()] == [throttling.AnonymousReadThrottle]
    assert [type(t) for t in SpectacularSwaggerSplitView().get_throttles()] == [throttling.AnonymousReadThrottle]
    assert [type(t) for t in token_obtain.cls().get_throttles()] == [TokenThrottle]
