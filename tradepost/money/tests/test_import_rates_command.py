import pytest
from django.core.management import CommandError, call_command

from tradepost.money.models import ExchangeRate


def test_imports_the_bundled_files_by_default(db, capsys):
    call_command("import_rates")

    assert ExchangeRate.objects.count() == 31 + 32
    assert "Imported 63 rates from 2 file(s)." in capsys.readouterr().out


def test_imports_the_given_file_with_its_source(db, tmp_path, ecb_2022_xml, capsys):
    path = tmp_path / "today.xml"
    path.write_bytes(ecb_2022_xml)

    call_command("import_rates", str(path), "--source", "ECB-MIRROR")

    assert ExchangeRate.objects.filter(source="ECB-MIRROR").count() == 31
    assert "Imported 31 rates from 1 file(s)." in capsys.readouterr().out


def test_running_twice_changes_nothing(db):
    call_command("import_rates")
    call_command("import_rates")

    assert ExchangeRate.objects.count() == 63


def test_bad_file_fails_with_its_message_and_writes_nothing(db, tmp_path, ecb_2022_xml):
    good = tmp_path / "good.xml"
    good.write_bytes(ecb_2022_xml)
    bad = tmp_path / "bad.xml"
    bad.write_bytes(ecb_2022_xml.replace(b"rate='138.05'", b"rate='-138.05'"))

    with pytest.raises(
        CommandError, match=r"bad\.xml: The JPY rate on 2022-07-08 must be positive"
    ):
        call_command("import_rates", str(good), str(bad))

    assert ExchangeRate.objects.count() == 0


def test_missing_file_fails(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("import_rates", str(tmp_path / "nope.xml"))
