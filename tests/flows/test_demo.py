"""The demo marketplace that `make run` loads: the accounts it prints exist and can log in."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from tradepost import demo
from tradepost.accounts.models import User
from tradepost.money.models import ExchangeRate

pytestmark = pytest.mark.django_db


def test_demo_creates_buyers_in_five_countries_and_a_staff_admin_with_two_factor():
    demo.load_demo()

    buyers = User.objects.filter(groups__name="buyer").order_by("email")
    assert sorted(b.ship_to_country.code for b in buyers) == ["BR", "ES", "FR", "KR", "RU"]
    admin = User.objects.get(email=demo.DEMO_ADMIN_EMAIL)
    assert admin.is_staff and admin.groups.filter(name="admin").exists()
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()
    assert ExchangeRate.objects.filter(rate_date="2022-07-08").count() == 31


def test_demo_is_idempotent():
    demo.load_demo()
    counts = (User.objects.count(), ExchangeRate.objects.count(), Authenticator.objects.count())

    demo.load_demo()

    assert (
        User.objects.count(),
        ExchangeRate.objects.count(),
        Authenticator.objects.count(),
    ) == counts


def test_printed_passwords_log_in(client):
    demo.load_demo()

    response = client.post(
        "/en/accounts/login/",
        {"login": "ivan@demo.tradepost.test", "password": demo.BUYER_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/ru/")


def test_command_if_empty_leaves_an_existing_database_alone(capsys, make_user):
    make_user("someone@example.com")

    call_command("demo", "--if-empty", "--quiet")

    assert not User.objects.filter(email=demo.DEMO_ADMIN_EMAIL).exists()


def test_command_prints_the_log_ins(capsys):
    call_command("demo")

    out = capsys.readouterr().out
    assert "ivan@demo.tradepost.test" in out and demo.BUYER_PASSWORD in out
    assert demo.ADMIN_PASSWORD in out and demo.ADMIN_TOTP_SECRET in out
