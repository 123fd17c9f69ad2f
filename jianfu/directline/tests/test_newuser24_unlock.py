"""newuser24 #2: the unlock page asks the handler to check the key's number, returns to the list they came from
(its filter kept, only a local /directline/ path), and the demo passphrase is typeable on a phone (ASCII)."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.directline.demo import DEMO_PASSPHRASE
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler
from jianfu.directline.views import UNLOCK_SESSION

pytestmark = pytest.mark.django_db


def test_the_fingerprint_is_a_check_to_make_not_a_statement(world):
    key, _private = county_key_with_handler(world)
    page = world.client("county_office").get("/directline/unlock/").content.decode()
    assert (
        f'<p class="muted hint" id="key-check">请核对：本县直通车密钥的编号是 {key.fingerprint}。'
        "如果与县减负办告知的编号一致，解锁的就是本县的直通车；如不一致，请勿输入口令，并联系县减负办或系统管理员。</p>"
    ) in page
    assert "核对用" not in page and "说明解锁的是本县的直通车" not in page


def test_the_list_links_to_unlock_with_its_filter_and_unlocking_returns_there(world):
    county_key_with_handler(world)
    client = world.client("county_office")
    listing = client.get("/directline/?status=new").content.decode()
    assert 'href="/directline/unlock/?next=/directline/%3Fstatus%3Dnew"' in listing
    page = client.get("/directline/unlock/?next=/directline/%3Fstatus%3Dnew").content.decode()
    assert '<input type="hidden" name="next" value="/directline/?status=new">' in page
    response = client.post(
        "/directline/unlock/", {"passphrase": PASSPHRASE, "next": "/directline/?status=new"}
    )
    assert response.status_code == 302 and response["Location"] == "/directline/?status=new"
    assert client.session[UNLOCK_SESSION]["slot"]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/directline/",
        "//evil.example/directline/",
        "/directline/\\\\evil.example",
        "/accounts/audit/",
        "javascript:alert(1)",
        "",
    ],
)
def test_a_return_path_that_is_not_a_local_direct_line_page_goes_to_the_list(world, target):
    county_key_with_handler(world)
    client = world.client("county_office")
    response = client.post("/directline/unlock/", {"passphrase": PASSPHRASE, "next": target})
    assert response.status_code == 302 and response["Location"] == "/directline/"


def test_a_wrong_passphrase_unlocks_nothing_and_keeps_the_way_back(world):
    county_key_with_handler(world)
    client = world.client("county_office")
    response = client.post(
        "/directline/unlock/", {"passphrase": "不对的口令-0000000", "next": "/directline/?status=new"}
    )
    assert response.status_code == 400 and UNLOCK_SESSION not in client.session
    assert '<input type="hidden" name="next" value="/directline/?status=new">' in response.content.decode()


def test_the_demo_passphrase_is_ascii_and_long_enough():
    from jianfu.directline.services import MIN_PASSPHRASE

    assert DEMO_PASSPHRASE == "jianfu-demo-zhitongche"
    assert DEMO_PASSPHRASE.isascii() and len(DEMO_PASSPHRASE) >= MIN_PASSPHRASE


def test_a_demo_database_made_with_the_old_passphrase_is_moved_to_the_new_one(world):
    import io

    from django.core.management import call_command

    from jianfu.directline import services
    from jianfu.directline.demo import OLD_DEMO_PASSPHRASE

    _key, private = county_key_with_handler(world, passphrase=OLD_DEMO_PASSPHRASE)
    out = io.StringIO()
    call_command("demo_load", "--if-empty", "--only", "directline", stdout=out)
    assert "直通车：办理人 county_office 的演示口令已改为 jianfu-demo-zhitongche" in out.getvalue()
    office = world.users["county_office"]
    assert services.handler_unlock(actor=office, passphrase=DEMO_PASSPHRASE) == private
    with pytest.raises(ApplicationError):
        services.handler_unlock(actor=office, passphrase=OLD_DEMO_PASSPHRASE)
    # a second start has nothing to do; a passphrase the handler chose is left alone
    again = io.StringIO()
    call_command("demo_load", "--if-empty", "--only", "directline", stdout=again)
    assert "演示口令已改为" not in again.getvalue()
    assert services.handler_unlock(actor=office, passphrase=DEMO_PASSPHRASE) == private
