"""Admin for provenance (issue 13): archive from URLs, split a wrong merge, merge a missed one.

Only staff reach these views (admin_view); every form posts with CSRF. Each URL gets one result line.
"""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from reports.fetch.fetcher import RobotsCache
from reports.fetch.schedule import HostLimiter
from reports.importer import import_file, import_url, merge_as_copy
from reports.ingest.pipeline import Hints
from reports.models import Release
from reports.provenance import fetch_policy
from reports.provenance_models import Capture, ReleaseCopy, SourceCheck, SourceStatus

MAX_URLS = 50


class ImportUrlForm(forms.Form):
    urls = forms.CharField(
        label=_("网址"), widget=forms.Textarea(attrs={"rows": 6}), help_text=_("每行一个网址，最多 50 个")
    )

    def clean_urls(self):
        urls = [u.strip() for u in self.cleaned_data["urls"].splitlines() if u.strip()]
        if len(urls) > MAX_URLS:
            raise forms.ValidationError(_("一次最多 50 个网址"))
        bad = [u for u in urls if not u.startswith(("http://", "https://"))]
        if bad:
            raise forms.ValidationError(_("不是网址：%(u)s") % {"u": bad[0]})
        return urls


class MergeForm(forms.Form):
    release = forms.IntegerField(label=_("被合并的发布稿编号（转载）"))
    canonical = forms.IntegerField(label=_("原稿编号"))

    def clean(self):
        data = super().clean()
        found = {r.pk: r for r in Release.objects.filter(pk__in=[data.get("release"), data.get("canonical")])}
        if data.get("release") == data.get("canonical") or len(found) != 2:
            raise forms.ValidationError(_("请填写两个不同且存在的发布稿编号"))
        data["release_obj"], data["canonical_obj"] = found[data["release"]], found[data["canonical"]]
        return data


@admin.register(ReleaseCopy)
class ReleaseCopyAdmin(admin.ModelAdmin):
    list_display = ["canonical", "source_url", "outlet", "archived_at", "match"]
    search_fields = ["source_url", "outlet", "title", "sha256"]
    exclude = ["data"]
    readonly_fields = ["canonical", "sha256", "archived_at", "match", "text"]
    actions = ["split_off"]
    change_list_template = "admin/reports/releasecopy/change_list.html"

    def get_urls(self):
        return [
            path(
                "import-urls/", self.admin_site.admin_view(self.import_urls_view), name="reports_import_urls"
            ),
            path("merge/", self.admin_site.admin_view(self.merge_view), name="reports_merge_release"),
            *super().get_urls(),
        ]

    @admin.action(description=_("拆分：作为独立发布稿"))
    def split_off(self, request, queryset):
        for copy in queryset:
            with transaction.atomic():
                data, name = bytes(copy.data), copy.original_filename
                hints = Hints(source_url=copy.source_url, outlet=copy.outlet)
                captures = list(Capture.objects.filter(copy=copy).values_list("id", flat=True))
                Capture.objects.filter(id__in=captures).update(copy=None)  # keep them: copy.delete() cascades
                copy.delete()  # first, so its bytes are no longer "already held"
                outcome = import_file(data, name, hints=hints, user=request.user)
                if outcome.status != "created":
                    transaction.set_rollback(True)
                    messages.error(request, f"{name}: {outcome.message}")
                    continue
                Capture.objects.filter(id__in=captures).update(release=outcome.release, copy=None)
            messages.success(request, f"{name}: release {outcome.release.pk}")

    def import_urls_view(self, request):
        form = ImportUrlForm(request.POST or None)
        results = []
        if request.method == "POST" and form.is_valid():
            policy = fetch_policy()
            robots = RobotsCache(policy)
            limiter = HostLimiter(settings.ARCHIVE_WATCH_HOST_DELAY_MS / 1000)
            for url in form.cleaned_data["urls"]:
                limiter.wait(urlsplit(url).netloc, robots.crawl_delay(url))
                outcome = import_url(url, user=request.user, policy=policy, robots=robots)
                results.append(outcome)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "results": results,
            "title": _("从网址存档"),
        }
        return TemplateResponse(request, "admin/reports/import_urls.html", context)

    def merge_view(self, request):
        form = MergeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            release, canonical = form.cleaned_data["release_obj"], form.cleaned_data["canonical_obj"]
            gone_id = release.pk
            merge_as_copy(release, canonical)
            messages.success(request, f"release {gone_id} is now a copy of release {canonical.pk}")
            return redirect("admin:reports_releasecopy_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "title": _("合并漏判的转载")}
        return render(request, "admin/reports/merge_release.html", context)


@admin.register(SourceStatus)
class SourceStatusAdmin(admin.ModelAdmin):
    list_display = ["url", "state", "since", "gone_since", "checked_at", "next_check_at", "failures"]
    list_filter = ["state", "host"]
    search_fields = ["url", "host"]
    readonly_fields = ["release", "state", "since", "gone_since", "checked_at", "failures", "final_url"]


@admin.register(SourceCheck)
class SourceCheckAdmin(admin.ModelAdmin):
    list_display = ["status", "checked_at", "http_status", "state", "note"]
    list_filter = ["state"]
