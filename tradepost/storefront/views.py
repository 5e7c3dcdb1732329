"""Buyer-facing pages. The catalog, search and cart issues fill these with listings."""

from django.shortcuts import render

MAX_QUERY_LENGTH = 200


def home(request):
    return render(request, "storefront/home.html")


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    return render(request, "storefront/search.html", {"query": query})


def cart(request):
    return render(request, "storefront/cart.html")
