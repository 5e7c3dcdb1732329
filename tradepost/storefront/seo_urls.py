"""Root-level SEO files (outside the language prefix): included by tradepost/urls.py."""

from django.urls import path

from tradepost.storefront import seo

urlpatterns = [
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("sitemap.xml", seo.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>-<int:number>.xml", seo.sitemap_section, name="sitemap_section"),
]
