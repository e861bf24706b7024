"""The site's URLs. DESIGN.md's contract lists the public paths; extend, never rename."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter

from reports.views import (
    agencies,
    api,
    feeds,
    figures,
    home,
    original,
    places,
    release_page,
    releases,
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

admin.site.site_header = "平安建设发布稿档案 · 编辑后台"
admin.site.site_title = "档案编辑后台"

urlpatterns = [
    path("", home.home, name="home"),
    path("releases/", releases.release_list, name="release_list"),
    path("releases/<id:pk>/", release_page.release_detail, name="release_detail"),
    path("releases/<id:pk>/original/", original.release_original, name="release_original"),
    path("cities/", places.city_list, name="city_list"),
    path("cities/<str:slug>/", places.city_detail, name="city_detail"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/<slug:agency>/", agencies.agency_detail, name="agency_detail"),
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", topics.topic_detail, name="topic_detail"),
    path("figures/", figures.figures, name="figures"),
    path("search/", search_views.search_page, name="search"),
    path("feeds/releases/", feeds.release_feed, name="release_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", search_views.healthz, name="healthz"),
    path("api/releases/<id:pk>/", api.release_json, name="api_release"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/metrics/", api.metrics_json, name="api_metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
