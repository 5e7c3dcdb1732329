"""Sign-up, log-in, throttling and session handling through the real allauth pages."""

import pytest
from django.core import mail

from tradepost.accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"
LOGIN = "/en/accounts/login/"


def _error_codes(response, field):
    return [error.code for error in response.context["form"].errors.as_data()[field]]


def test_signup_creates_an_unverified_account_and_sends_a_verification_mail(client):
    response = client.post(
        SIGNUP,
        {
            "email": "New.Buyer@Example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "new.buyer@example.com"
    assert user.password.startswith("argon2$")
    assert user.emailaddress_set.get().verified is False
    assert len(mail.outbox) == 1
    assert "/en/accounts/confirm-email/" in mail.outbox[0].body


def test_new_account_is_a_buyer_with_the_visitors_choices(client):
    client.cookies["tp_currency"] = "KRW"
    client.cookies["tp_ship_to"] = "KR"

    client.post(
        "/ko/accounts/signup/",
        {
            "email": "minji@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    user = User.objects.get()
    assert list(user.groups.values_list("name", flat=True)) == ["buyer"]
    assert (user.preferred_language, user.display_currency, user.ship_to_country.code) == (
        "ko",
        "KRW",
        "KR",
    )


def test_invalid_email_is_a_form_error_and_creates_nothing(client):
    response = client.post(
        SIGNUP,
        {
            "email": "not-an-email",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert response.status_code == 200
    assert _error_codes(response, "email") == ["invalid"]
    assert User.objects.count() == 0


def test_duplicate_email_is_refused_case_insensitively(client, make_user):
    make_user("taken@example.com")

    response = client.post(
        SIGNUP,
        {
            "email": "TAKEN@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert response.status_code == 200
    assert _error_codes(response, "email") == ["email_taken"]
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short", "password_too_short"),
        ("password123", "password_too_common"),
        ("84736251947", "password_entirely_numeric"),
    ],
)
def test_weak_password_is_refused_with_its_code(client, password, code):
    response = client.post(
        SIGNUP, {"email": "weak@example.com", "password1": password, "password2": password}
    )

    assert code in _error_codes(response, "password1")
    assert User.objects.count() == 0


def test_login_rotates_the_session_key(client, buyer):
    client.get(LOGIN)
    client.session["probe"] = 1
    before = client.session.session_key or client.cookies.get("sessionid")

    response = client.post(
        LOGIN, {"login": "buyer@example.com", "password": "correct-horse-battery-staple"}
    )

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(buyer.pk)


def test_login_applies_the_profile_preferences(client, buyer):
    buyer.preferred_language = "pt"
    buyer.save()

    response = client.post(
        LOGIN, {"login": "buyer@example.com", "password": "correct-horse-battery-staple"}
    )

    assert response["Location"].startswith("/pt/")
    assert response.cookies["tp_language"].value == "pt"
    assert response.cookies["tp_currency"].value == "BRL"
    assert response.cookies["tp_ship_to"].value == "BR"


def test_repeated_bad_logins_are_throttled_with_retry_after(client, buyer):
    statuses = [
        client.post(LOGIN, {"login": "buyer@example.com", "password": f"wrong-{i}"}).status_code
        for i in range(6)
    ]

    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    throttled = client.post(
        LOGIN, {"login": "buyer@example.com", "password": "correct-horse-battery-staple"}
    )
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_many_accounts_probed_from_one_ip_are_throttled(client, settings):
    statuses = [
        client.post(
            LOGIN, {"login": f"probe{i}@example.com", "password": "wrong-password"}
        ).status_code
        for i in range(21)
    ]

    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


def test_logout_ends_the_session(client, buyer):
    client.force_login(buyer)

    client.post("/en/accounts/logout/")

    assert "_auth_user_id" not in client.session
    assert client.get("/en/account/").status_code == 302


def test_password_reset_sends_a_mail_to_known_addresses_only(client, buyer):
    known = client.post("/en/accounts/password/reset/", {"email": "buyer@example.com"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.com"})

    assert known.status_code == 302
    assert unknown.status_code == 200 and "email" in unknown.context["form"].errors
    assert [m.to for m in mail.outbox] == [["buyer@example.com"]]
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


def test_staff_without_totp_must_set_it_up_first(client, make_user):
    make_user("staff@example.com", is_staff=True)
    client.post(LOGIN, {"login": "staff@example.com", "password": "correct-horse-battery-staple"})

    response = client.get("/en/console/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"
    assert client.get("/en/").status_code == 302
    # allauth asks for the password again before two-factor set-up
    client.post("/en/accounts/reauthenticate/", {"password": "correct-horse-battery-staple"})
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200


def test_staff_with_totp_reaches_the_console(client, make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    staff = make_user("staff@example.com", is_staff=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)

    response = client.get("/en/console/")

    assert response.status_code == 200
    assert "Staff console" in response.content.decode()


def test_buyers_cannot_open_the_console(client, buyer):
    client.force_login(buyer)

    response = client.get("/en/console/")

    assert response.status_code == 404


def test_visitors_are_sent_to_log_in_from_the_console(client):
    response = client.get("/en/console/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/console/")


def test_admin_login_goes_through_the_two_factor_log_in(client, make_user):
    make_user("staff@example.com", is_staff=True, is_superuser=True)

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "staff@example.com", "password": "correct-horse-battery-staple"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_staff_with_totp_must_enter_a_code_after_the_password(client, make_user):
    import time

    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    staff = make_user("staff@example.com", is_staff=True)
    TOTP.activate(staff, secret)

    first = client.post(
        LOGIN, {"login": "staff@example.com", "password": "correct-horse-battery-staple"}
    )
    assert first["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post("/en/accounts/2fa/authenticate/", {"code": code})

    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/en/console/").status_code == 200
