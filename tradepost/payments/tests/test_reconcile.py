"""Safety nets and page details: a payment whose webhook never came is applied by the
reconciliation task; the status page polls with htmx while processing and stops once decided."""

import datetime as dt

from tradepost.payments.gateways.test_gateway.models import GatewayWebhook
from tradepost.payments.tasks import reconcile_open_payments, reconcile_open_payments_task
from tradepost.payments.testing import card_at_gateway, deliver_webhooks, intent_of, start


def test_a_lost_webhook_is_made_up_by_reconciliation(checkout, clock):
    intent = start(checkout)
    card_at_gateway(intent)
    GatewayWebhook.objects.update(delivered_at=clock.now())  # lost on the way

    assert reconcile_open_payments(now=clock.now()) == 0  # too recent to ask yet
    clock.advance(minutes=11)
    reconcile_open_payments_task.call_local()

    intent.refresh_from_db()
    assert intent.status == "succeeded" and intent.card_last4 == "4242"
    assert set(checkout.orders.values_list("status", flat=True)) == {"paid"}
    assert reconcile_open_payments(now=clock.now()) == 0


def test_the_status_panel_polls_only_while_processing(checkout, buyer_client):
    intent = start(checkout)
    card_at_gateway(intent)
    url = f"/en/checkout/{checkout.public_id}/payment/"

    processing = buyer_client.get(url, headers={"HX-Request": "true"})
    assert processing.templates[0].name == "payments/_status_panel.html"
    assert 'hx-trigger="every 2s"' in processing.content.decode()

    deliver_webhooks()
    done = buyer_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-state="succeeded"' in done and "hx-trigger" not in done
    assert intent_of(checkout).status == "succeeded"
    assert buyer_client.get(f"/en/checkout/{checkout.public_id}/pay/")["Location"] == url


def test_nothing_to_pay_after_the_deadline(checkout, buyer_client, clock):
    from tradepost.orders.services import cancel_overdue_orders
    from tradepost.storefront.tests.buying import text

    clock.move_to(checkout.pay_by + dt.timedelta(seconds=1))
    cancel_overdue_orders(now=clock.now())
    pay_page = f"/en/checkout/{checkout.public_id}/pay/"

    assert "Nothing left to pay" in text(buyer_client.get(pay_page))
    response = buyer_client.post(pay_page, {"token": "t1"}, follow=True)
    assert "There is nothing left to pay for this checkout." in text(response)
    assert not checkout.payments.exists()
