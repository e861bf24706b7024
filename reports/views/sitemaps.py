"""/sitemap.xml: every public page a search engine should find, releases with their last change.

Each page is listed in both interfaces (`/…` Chinese, `/en/…` English) with hreflang alternates, built with
each language active in turn, so the sitemap does not depend on the crawler's Accept-Language.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from reports.models import Agency, City, Release, Section, Topic


class InterfaceSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(InterfaceSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "release_list", "city_list", "agency_list", "topic_list", "figures", "search"]

    def location(self, item):
        return reverse(item)


class ReleaseSitemap(InterfaceSitemap):
    changefreq = "monthly"
    priority = 0.8
    # One sitemap file holds at most 50,000 URLs; the limit counts URLs (two per release, one per
    # interface): beyond 20,000 releases, serve a sitemap index instead.
    limit = 40000

    def items(self):
        return Release.objects.only("id", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at


class CitySitemap(InterfaceSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return (
            City.objects.filter(Exists(Release.objects.filter(city=OuterRef("pk"))))
            .only("slug")
            .order_by("slug")
        )


class TopicSitemap(InterfaceSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.only("slug").order_by("slug")


class AgencySitemap(InterfaceSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        present = set(Section.objects.order_by().values_list("agency", flat=True).distinct())
        return [value for value in Agency.values if value in present]

    def location(self, item):
        return reverse("agency_detail", args=[item])


SITEMAPS = {
    "pages": PagesSitemap,
    "releases": ReleaseSitemap,
    "cities": CitySitemap,
    "topics": TopicSitemap,
    "agencies": AgencySitemap,
}
