from django.core.management.base import BaseCommand

from tradepost import demo


class Command(BaseCommand):
    help = "Load the demo marketplace (idempotent) and print the demo log-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database has users."
        )
        parser.add_argument("--quiet", action="store_true", help="Do not print the log-ins.")

    def handle(self, *args, if_empty=False, quiet=False, **options):
        from tradepost.accounts.models import User

        if not (if_empty and User.objects.exists()):
            demo.load_demo()
        if not quiet:
            self.stdout.write(login_table())


def login_table() -> str:
    lines = ["Demo log-ins (http://127.0.0.1:8000/en/accounts/login/):"]
    for buyer in demo.DEMO_BUYERS:
        lines.append(
            f"  buyer {buyer.country}  {buyer.email:<30} {demo.BUYER_PASSWORD}"
            f"   ({buyer.language}, {buyer.currency})"
        )
    for country, email, store in demo.demo_seller_logins():
        lines.append(
            f"  seller {country} {email:<48} {demo.SELLER_PASSWORD}   ({store}; /en/seller/)"
        )
    codes = ", ".join(demo.admin_recovery_codes())
    lines.append(f"  staff admin {demo.DEMO_ADMIN_EMAIL:<26} {demo.ADMIN_PASSWORD}")
    lines.append(
        f"    two-factor: TOTP secret {demo.ADMIN_TOTP_SECRET} or a recovery code: {codes}"
    )
    lines.append(
        "Test cards on the pay page (any future expiry, any CVC): 4242 4242 4242 4242 paid, "
        "4000 0000 0000 3220 3-D Secure, 4000 0000 0000 0002 declined"
    )
    return "\n".join(lines)
