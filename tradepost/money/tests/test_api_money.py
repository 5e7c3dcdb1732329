"""The money router as mounted on the real API at /api/v1 (public endpoints)."""

import pytest

CONVERT = "/api/v1/fx/convert"


def test_lists_the_display_currencies_in_the_request_language(client):
    response = client.get("/api/v1/currencies", headers={"accept-language": "de"})

    assert response.status_code == 200
    body = response.json()
    assert len(body) == 18
    by_code = {row["code"]: row for row in body}
    assert by_code["USD"] == {"code": "USD", "exponent": 2, "symbol": "$", "name": "US-Dollar"}
    assert by_code["JPY"]["exponent"] == 0
    assert by_code["EUR"]["name"] == "Euro"


def test_converts_at_the_published_rate(client, rates_2022):
    # 100.00 EUR * 138.05 (eurofxref-2022-07-08.xml) = 13805 JPY
    response = client.get(
        CONVERT, {"amount_minor": 10000, "from_currency": "EUR", "to_currency": "JPY"}
    )

    assert response.status_code == 200
    assert response.json() == {
        "from": {"minor": 10000, "currency": "EUR"},
        "to": {"minor": 13805, "currency": "JPY"},
        "rate": "138.05",
        "rate_date": "2022-07-08",
    }


def test_cross_rate_is_a_plain_decimal_string(client, rates_2022):
    # 12345 JPY * (5.4345 / 138.05 -> 0.0393661716769) = 485.975... BRL
    response = client.get(
        CONVERT, {"amount_minor": 12345, "from_currency": "JPY", "to_currency": "BRL"}
    )

    assert response.status_code == 200
    assert response.json()["to"] == {"minor": 48598, "currency": "BRL"}
    assert response.json()["rate"] == "0.0393661716769"


@pytest.mark.parametrize("field", ["from_currency", "to_currency"])
def test_unknown_currency_is_a_422_with_a_stable_code(client, rates_2022, field):
    params = {"amount_minor": 100, "from_currency": "EUR", "to_currency": "JPY", field: "XYZ"}

    response = client.get(CONVERT, params)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "unknown_currency"
    assert "XYZ" in body["message"]
    assert list(body["fields"]) == [field]


def test_missing_rate_is_a_422(client, rates_2022):
    response = client.get(
        CONVERT, {"amount_minor": 100, "from_currency": "EUR", "to_currency": "RUB"}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "exchange_rate_unavailable"


def test_needs_no_authentication(client, rates_2022):
    client.logout()

    response = client.get(
        CONVERT, {"amount_minor": 1, "from_currency": "USD", "to_currency": "USD"}
    )

    assert response.status_code == 200
    assert response.json()["rate_date"] is None


@pytest.mark.parametrize("amount", ["1.5", "ten", str(10**15 + 1)])
def test_amount_must_be_whole_minor_units(client, rates_2022, amount):
    response = client.get(
        CONVERT, {"amount_minor": amount, "from_currency": "EUR", "to_currency": "JPY"}
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert "amount_minor" in response.json()["fields"]
