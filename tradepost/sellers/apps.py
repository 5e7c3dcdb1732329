from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_fee_programmes(sender, using, **kwargs):
    # Also after `flush` (which emits post_migrate): a database emptied by a test or an operator
    # still has the seeded programmes, as it still has the roles.
    from tradepost.sellers.fees import ensure_seeded_programmes

    ensure_seeded_programmes(using=using)


class SellersConfig(AppConfig):
    name = "tradepost.sellers"
    label = "sellers"

    def ready(self) -> None:
        post_migrate.connect(
            _seed_fee_programmes, sender=self, dispatch_uid="tradepost.sellers.programmes"
        )
