from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_roles(sender, using, **kwargs):
    # Permissions of every app must exist before groups get them; create_permissions is idempotent.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from tradepost.accounts.roles import ensure_roles

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


class AccountsConfig(AppConfig):
    name = "tradepost.accounts"
    label = "accounts"

    def ready(self):
        post_migrate.connect(_create_roles, sender=self, dispatch_uid="tradepost.accounts.roles")
