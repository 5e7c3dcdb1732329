"""Seed: sellers from Korea pay no commission and no deposit for five years from 2024-09-25."""

import datetime as dt

from django.db import migrations

from tradepost.ids import new_public_id

NAME = "Korea seller programme"
STARTS_ON = dt.date(2024, 9, 25)
ENDS_ON = dt.date(2029, 9, 25)  # excluded: the last day it applies is 2029-09-24


def seed(apps, schema_editor):
    FeeProgramme = apps.get_model("sellers", "FeeProgramme")
    if FeeProgramme.objects.filter(name=NAME, country="KR").exists():
        return
    stamp = dt.datetime(2024, 9, 25, tzinfo=dt.UTC)
    FeeProgramme.objects.create(
        public_id=new_public_id(),
        name=NAME,
        country="KR",
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        commission_bps=0,
        waives_deposit=True,
        created_at=stamp,
        updated_at=stamp,
    )


def unseed(apps, schema_editor):
    apps.get_model("sellers", "FeeProgramme").objects.filter(name=NAME, country="KR").delete()


class Migration(migrations.Migration):
    dependencies = [("sellers", "0003_fees_deposits_closing")]

    operations = [migrations.RunPython(seed, unseed)]
