"""Load data/import_tax_rules.json into ImportTaxRule (re-load later with
`manage.py load_import_tax_rules`)."""

from django.db import migrations


def load(apps, schema_editor):
    from tradepost.taxes.rules import RULES_FILE, parse_rules, sync_rules

    model = apps.get_model("taxes", "ImportTaxRule")
    known = {field.name for field in model._meta.get_fields()}
    rules = parse_rules(RULES_FILE.read_text(encoding="utf-8"))
    sync_rules([{k: v for k, v in rule.items() if k in known} for rule in rules], model=model)


def unload(apps, schema_editor):
    apps.get_model("taxes", "ImportTaxRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("taxes", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
