"""Fixtures for the review tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The shared `world` fixture sets eight passwords; with the production hasher (argon2) that is
    # ~4 s per test on a busy machine. Runs before `world` (autouse fixtures come first).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
