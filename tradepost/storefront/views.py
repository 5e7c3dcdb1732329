from django.shortcuts import render


def home(request):
    return render(request, "storefront/home.html")


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    return render(request, "storefront/search.html", {"query": query})
