"""The site's URLs plus one view that fails, to see the 500 page."""

from django.urls import path

from archive.urls import urlpatterns as site_urls


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *site_urls]
