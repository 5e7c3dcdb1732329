from django.apps import AppConfig


class CartConfig(AppConfig):
    name = "tradepost.cart"
    label = "cart"
    verbose_name = "Cart and checkout"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tradepost.cart.signals import merge_anonymous_cart

        user_logged_in.connect(merge_anonymous_cart, dispatch_uid="cart.merge_anonymous_cart")
