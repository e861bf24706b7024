"""The site's URLs. DESIGN.md's contract lists the public paths; extend, never rename.

The reader's pages are also served under `/en/` (the English interface, linkable; see archive/locale.py);
unprefixed they stay as they were. The JSON API, the admin, the sitemap and robots.txt have one URL each
(they carry no interface language).
"""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from archive.locale import interface_patterns
from reports.views import (
    agencies,
    api,
    feeds,
    figures,
    home,
    original,
    places,
    provenance,
    release_page,
    releases,
    robots,
    topics,
)
from reports.views.sitemaps import SITEMAPS
from search import views as search_views


class IdConverter:
    """A database id: at most 18 digits, so a 20-digit number is a 404 rather than an integer overflow
    (SQLite and PostgreSQL bigints stop at 2**63 - 1)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

admin.site.site_header = _("平安建设发布稿档案 · 编辑后台")
admin.site.site_title = _("档案编辑后台")

pages = [
    path("", home.home, name="home"),
    path("releases/", releases.release_list, name="release_list"),
    path("releases/<id:pk>/", release_page.release_detail, name="release_detail"),
    path("releases/<id:pk>/original/", original.release_original, name="release_original"),
    path("releases/<id:pk>/diff/", provenance.release_diff, name="release_diff"),
    path("captures/<id:pk>/warc/", provenance.capture_warc, name="capture_warc"),
    path("sources/vanished/", provenance.vanished, name="vanished_sources"),
    path("feeds/vanished/", provenance.vanished_feed, name="vanished_feed"),
    path("cities/", places.city_list, name="city_list"),
    path("cities/<str:slug>/", places.city_detail, name="city_detail"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/<slug:agency>/", agencies.agency_detail, name="agency_detail"),
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", topics.topic_detail, name="topic_detail"),
    path("figures/", figures.figures, name="figures"),
    path("search/", search_views.search_page, name="search"),
    path("feeds/releases/", feeds.release_feed, name="release_feed"),
]

urlpatterns = [
    *interface_patterns(*pages),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", search_views.healthz, name="healthz"),
    path("api/releases/<id:pk>/", api.release_json, name="api_release"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/metrics/", api.metrics_json, name="api_metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
