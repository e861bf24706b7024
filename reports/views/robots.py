"""/robots.txt: crawl the pages a reader links to, not the endless combinations of queries.

Every release, city, topic and agency page is in the sitemap; search results, filtered or paginated lists,
feeds with a query and the JSON API are infinite variations of those pages, so crawlers are asked to stay
out of them (and of the admin). Both interfaces, unprefixed and `/en/`, get the same rules.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

PRIVATE = ["/admin/", "/api/", "/i18n/"]
# Query floods: every search, and any query string (filters, pages, formats) on the lists. Written `/x/*?`,
# not `/x/?`: RFC 9309 crawlers read both as "a query under /x/", but parsers that predate the RFC (Python's
# robotparser among them) drop a trailing `?` and would shut out /x/ and every page below it; to them
# `/x/*?` matches nothing.
QUERIED = ["/search/", "/releases/*?", "/figures/*?", "/feeds/*?", "/cities/*?", "/agencies/*?", "/topics/*?"]


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    # No "Allow: /": everything not disallowed is allowed, and parsers that take the first matching rule
    # (Python's robotparser) would let it win over every Disallow below it.
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in PRIVATE]
    lines += [f"Disallow: {prefix}{path}" for prefix in ("", "/en") for path in QUERIED]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
