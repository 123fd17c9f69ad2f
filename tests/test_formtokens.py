"""codereview15 #8: one form-token helper for the one-time tokens of the direct line's answer form and the citizens'
report form — the stricter behaviour of the two: a key bound to its scope when there is one (the direct line's
report), and the create in a savepoint, so a concurrent twin's IntegrityError is answered with the earlier record
even inside an outer transaction."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction

from jianfu.core import formtokens

TOKEN = "A" * 20 + "b" * 20 + "_-0"


def test_a_new_token_is_well_formed_and_new():
    first, second = formtokens.token_new(), formtokens.token_new()
    assert first != second and len(first) == 43 and formtokens.valid(first) and formtokens.valid(second)


@pytest.mark.parametrize("token", [None, "", "short", "a" * 31, "a" * 65, "a" * 40 + "!", "a" * 40 + "\n"])
def test_a_malformed_token_has_no_key(token):
    assert formtokens.valid(token) is False and formtokens.key(token) == "" and formtokens.key(token, scope="r") == ""


def test_the_key_is_the_tokens_hash_bound_to_its_scope():
    assert formtokens.key(TOKEN) == hashlib.sha256(TOKEN.encode()).hexdigest()
    assert formtokens.key(TOKEN, scope="uid-1") == hashlib.sha256(f"uid-1:{TOKEN}".encode()).hexdigest()
    assert len({formtokens.key(TOKEN), formtokens.key(TOKEN, scope="uid-1"), formtokens.key(TOKEN, scope="uid-2")}) == 3


class Found:
    """A stand-in for a model's manager: `filter(form_key=…).first()`, and the `model` whose table a key is spent on
    (`formtokens.spend`)."""

    model = SimpleNamespace(_meta=SimpleNamespace(label="tests.StandIn"))

    def __init__(self, rows: dict[str, str]):
        self.rows = rows

    def filter(self, *, form_key):
        rows = self.rows

        class One:
            def first(self):
                return rows.get(form_key)
        return One()


@pytest.mark.django_db
def test_once_returns_the_earlier_record_and_creates_nothing():
    made = []
    assert formtokens.once(Found({"k": "earlier"}), "k", lambda: made.append(1) or "new") == ("earlier", False)
    assert made == []
    assert formtokens.once(Found({}), "k", lambda: "new") == ("new", True)
    assert formtokens.once(Found({"": "never"}), "", lambda: "new") == ("new", True)   # no token: always made


@pytest.mark.django_db
def test_a_concurrent_twin_is_answered_with_the_record_it_stored_even_inside_a_transaction():
    rows: dict[str, str] = {}

    def create():
        rows["k"] = "the twin's"         # the other request committed first …
        raise IntegrityError("UNIQUE constraint failed: form_key")

    with transaction.atomic():           # … and this one runs inside an outer transaction (a savepoint keeps it usable)
        assert formtokens.once(Found(rows), "k", create) == ("the twin's", False)
        assert transaction.get_connection().needs_rollback is False
    with pytest.raises(IntegrityError):
        formtokens.once(Found({}), "", lambda: (_ for _ in ()).throw(IntegrityError("another constraint")))


@pytest.mark.django_db
def test_own_answers_only_the_posters_own_record_and_refuses_anothers():
    """The one store of a form's first answer with the ownership check (formerly core.formreplay, security17 #2):
    someone else's record under the key is refused as an expired form, never named, and nothing is created."""
    made: list[int] = []
    mine, theirs = (lambda record: record == "mine"), Found({"k": "theirs"})
    assert formtokens.once(Found({"k": "mine"}), "k", lambda: made.append(1) or "new", own=mine) == ("mine", False)
    assert formtokens.earlier(Found({"k": "mine"}), "k", own=mine) == "mine"
    assert formtokens.earlier(Found({}), "k", own=mine) is None
    for refused in (lambda: formtokens.once(theirs, "k", lambda: made.append(1) or "new", own=mine),
                    lambda: formtokens.earlier(theirs, "k", own=mine)):
        with pytest.raises(formtokens.ApplicationError) as caught:
            refused()
        assert caught.value.code == "form_expired"
    rows: dict[str, str] = {}

    def twin_stored_first():
        rows["k"] = "theirs"
        raise IntegrityError("UNIQUE constraint failed: form_key")

    with pytest.raises(formtokens.ApplicationError):   # a concurrent twin that is someone else's: refused too
        formtokens.once(Found(rows), "k", twin_stored_first, own=mine)
    assert made == [] and formtokens.once(Found({}), "k", lambda: "new", own=mine) == ("new", True)


def test_both_forms_use_the_one_helper():
    from jianfu.directline import services as directline
    from jianfu.dispatch import services as dispatch

    assert directline.form_token_new is dispatch.form_token_new is formtokens.token_new
    assert dispatch.form_token_valid is formtokens.valid
    for module in (directline, dispatch):
        assert not hasattr(module, "FORM_TOKEN_RE") and not hasattr(module, "_form_key")
