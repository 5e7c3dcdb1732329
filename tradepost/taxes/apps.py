from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_rules_when_empty(sender, using, **kwargs):
    # Also after `flush` (which emits post_migrate): a database emptied by a test or an operator
    # still has the import tax rules its migration loaded. A table with rows is left alone.
    from tradepost.taxes.models import ImportTaxRule
    from tradepost.taxes.rules import load_rules_file

    if not ImportTaxRule.objects.using(using).exists():
        load_rules_file()


class TaxesConfig(AppConfig):
    name = "tradepost.taxes"
    label = "taxes"
    verbose_name = "Import taxes"

    def ready(self) -> None:
        post_migrate.connect(
            _load_rules_when_empty, sender=self, dispatch_uid="tradepost.taxes.rules"
        )
