"""Field encryption (AES-GCM with a key ring) and blind indexes (HMAC)."""

from __future__ import annotations

import base64

import pytest
from django.test import override_settings

from jianfu.core import crypto

K1 = base64.b64encode(bytes(range(32))).decode()
K2 = base64.b64encode(bytes(range(1, 33))).decode()
BI = base64.b64encode(b"b" * 32).decode()


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.JIANFU_FIELD_KEYS = {"k1": K1}
    settings.JIANFU_BLIND_INDEX_KEY = BI


class TestCrypto:
    def test_round_trip_and_fresh_nonce(self):
        a = crypto.encrypt("450521199001020139", purpose="id")
        b = crypto.encrypt("450521199001020139", purpose="id")
        assert a != b and a.startswith("k1:") and b.startswith("k1:")
        assert crypto.decrypt(a, purpose="id") == "450521199001020139"
        assert crypto.encrypt("") == "" and crypto.decrypt("") == ""

    def test_purpose_is_bound(self):
        token = crypto.encrypt("13800138000", purpose="phone")
        with pytest.raises(crypto.DecryptionError, match="authentication failed"):
            crypto.decrypt(token, purpose="id")

    def test_tampering_is_detected(self):
        token = crypto.encrypt("secret", purpose="x")
        key_id, body = token.split(":")
        raw = bytearray(base64.urlsafe_b64decode(body))
        raw[-1] ^= 1
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(f"{key_id}:{base64.urlsafe_b64encode(bytes(raw)).decode()}", purpose="x")
        with pytest.raises(crypto.DecryptionError, match="malformed"):
            crypto.decrypt("garbage", purpose="x")
        with pytest.raises(crypto.DecryptionError, match="unknown key id 'k9'"):
            crypto.decrypt("k9:AAAA", purpose="x")

    def test_blind_index_is_deterministic_keyed_and_separated(self):
        a = crypto.blind_index("450521199001020139", purpose="id")
        assert a == crypto.blind_index("450521199001020139", purpose="id")
        assert len(a) == 64
        assert a != crypto.blind_index("450521199001020139", purpose="phone")
        with override_settings(JIANFU_BLIND_INDEX_KEY=K1):
            assert crypto.blind_index("450521199001020139", purpose="id") != a
        assert crypto.blind_index("", purpose="id") == ""

    def test_rotation(self):
        old = crypto.encrypt("value", purpose="p")
        with override_settings(JIANFU_FIELD_KEYS={"k2": K2, "k1": K1}):
            assert crypto.needs_rotation(old)
            assert crypto.decrypt(old, purpose="p") == "value"   # old keys still decrypt
            new = crypto.reencrypt(old, purpose="p")
            assert new.startswith("k2:") and not crypto.needs_rotation(new)
            assert crypto.reencrypt(new, purpose="p") == new
            rotated = new
        with override_settings(JIANFU_FIELD_KEYS={"k2": K2}):
            assert crypto.decrypt(rotated, purpose="p") == "value"
            with pytest.raises(crypto.DecryptionError, match="unknown key id 'k1'"):
                crypto.decrypt(old, purpose="p")

    def test_configuration_errors(self):
        with override_settings(JIANFU_FIELD_KEYS={"k1": base64.b64encode(b"short").decode()}), \
                pytest.raises(crypto.CryptoConfigurationError, match="must be 32 bytes, got 5"):
            crypto.encrypt("x")
        assert crypto.parse_field_keys(f"a:{K1},b:{K2}").current_id == "a"
        assert list(crypto.parse_field_keys(f'{{"b": "{K2}", "a": "{K1}"}}').keys) == ["b", "a"]
        assert len(base64.b64decode(crypto.generate_key())) == 32
