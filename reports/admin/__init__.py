"""The editors' admin: releases with their sections, figures corrected by hand, cities, topics, upload.

Every change that touches what search sees queues the release for re-indexing explicitly (the outbox in
reports/outbox.py, which search consumes); deletions queue a removal.
"""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.forms import NumberInput, TextInput
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from reports import outbox
from reports.admin.forms import MetricForm, SectionForm
from reports.admin.notes import translate_notes
from reports.admin.upload import upload_view
from reports.importer import reparse
from reports.ingest.gazetteer import province_order
from reports.ingest.text import to_traditional
from reports.ingest.types import IngestError
from reports.models import City, Indicator, Metric, Release, Section, Topic

OPENING_CHARS = 24


class ProvinceFilter(admin.AllValuesFieldListFilter):
    """Provinces in GB/T 2260 code order (北京, 天津, 河北 …), not by the code points of their names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup_choices = sorted(self.lookup_choices, key=province_order)


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["order", "agency", "agency_name", "heading", "opening", "figures", "edited", "edit_link"]
    readonly_fields = ["opening", "figures", "edit_link"]
    extra = 0
    show_change_link = False
    # Room to read a heading; the order column needs four digits at most.
    formfield_overrides = {
        models.CharField: {"widget": TextInput(attrs={"size": 28})},
        models.PositiveIntegerField: {"widget": NumberInput(attrs={"style": "width: 4em"})},
    }

    @admin.display(description=_("正文开头"))
    def opening(self, obj):
        return (obj.text or "")[:OPENING_CHARS] + ("…" if len(obj.text or "") > OPENING_CHARS else "")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(figure_count=Count("metrics"))

    @admin.display(description=_("数据"))
    def figures(self, obj):
        return getattr(obj, "figure_count", "")

    @admin.display(description=_("正文与数据"))
    def edit_link(self, obj):
        if not obj.pk:
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:reports_section_change", args=[obj.pk]), _("校订正文与数据")
        )


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "sort_date", "script", "section_count", "created_at"]
    list_filter = ["script", ("city__province", ProvinceFilter), "topics", "sections__agency"]
    search_fields = ["title", "outlet", "sha256", "original_filename"]
    date_hierarchy = "sort_date"
    autocomplete_fields = ["city"]
    filter_horizontal = ["topics"]
    inlines = [SectionInline]
    actions = ["reparse_selected", "reindex_selected"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "sha256",
        "original_link",
        "content_type",
        "original_size",
        "script",
        "notes",
        "created_at",
        "updated_at",
        "imported_by",
    ]
    fieldsets = [
        (None, {"fields": ["title", "city", "outlet", "source_url", "topics"]}),
        (
            _("日期"),
            {
                "fields": [
                    ("published_on", "published_precision", "published_inferred"),
                    ("published_basis", "published_evidence"),
                    ("held_on", "held_precision", "held_inferred"),
                    ("held_basis", "held_evidence"),
                ]
            },
        ),
        (
            _("存档信息"),
            {
                "fields": [
                    "original_link",
                    "sha256",
                    "content_type",
                    "original_size",
                    "script",
                    "notes",
                    "imported_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city").annotate(n_sections=Count("sections"))

    @admin.display(description=_("段落"), ordering="n_sections")
    def section_count(self, obj):
        return obj.n_sections

    @admin.display(description=_("原始文件"))
    def original_link(self, obj):
        if not obj.pk:
            return ""
        return format_html(
            '<a href="{}">{}</a>（{}）',
            reverse("release_original", args=[obj.pk]),
            obj.original_filename,
            gettext("%(size)s 字节") % {"size": obj.original_size},
        )

    @admin.display(description=_("解析提示"))
    def notes(self, obj):
        return gettext("；").join(translate_notes(obj.parse_notes)) or "—"

    def get_urls(self):
        return [path("upload/", upload_view(self), name="reports_release_upload"), *super().get_urls()]

    def save_model(self, request, obj, form, change):
        for name in ("published", "held"):
            if {f"{name}_on", f"{name}_precision", f"{name}_inferred"} & set(form.changed_data) and not (
                {f"{name}_basis", f"{name}_evidence"} & set(form.changed_data)
            ):
                # The editor's date no longer rests on what the parser read.
                setattr(obj, f"{name}_basis", "editor" if getattr(obj, f"{name}_on") else "")
                setattr(obj, f"{name}_evidence", "")
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for section_form in formset.forms:
                if (
                    section_form.has_changed()
                    and section_form.instance.pk
                    and not section_form.instance.edited
                ):
                    Section.objects.filter(pk=section_form.instance.pk).update(edited=True)
        outbox.queue(form.instance.pk)

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        outbox.queue_delete(pk)

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for pk in ids:
            outbox.queue_delete(pk)

    @admin.action(description=_("重新解析所选发布稿（保留人工校订）"))
    def reparse_selected(self, request, queryset):
        done = 0
        for release in queryset:
            try:
                reparse(release)
                done += 1
            except IngestError as exc:
                self.message_user(request, f"{release}：{exc}", messages.ERROR)
        self.message_user(request, ngettext("已重新解析 %d 篇", "已重新解析 %d 篇", done) % done)

    @admin.action(description=_("重建所选发布稿的索引"))
    def reindex_selected(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        for pk in ids:
            outbox.queue(pk)
        self.message_user(request, _("已排队重建索引：%d 篇") % len(ids))


class MetricFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "section_text": self.instance.text}


class MetricInline(admin.TabularInline):
    model = Metric
    form = MetricForm
    formset = MetricFormSet
    fields = [
        "text",
        "start",
        "end",
        "value",
        "unit",
        "qualifier",
        "is_change",
        "direction",
        "basis",
        "subject",
        "period",
        "indicator",
        "corrected",
    ]
    readonly_fields = ["text", "corrected"]
    autocomplete_fields = ["indicator"]
    extra = 1


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionForm
    inlines = [MetricInline]
    list_display = ["__str__", "heading", "agency", "agency_name", "edited"]
    list_filter = ["agency", "edited"]
    search_fields = ["heading", "agency_name", "release__title"]
    list_select_related = ["release"]
    raw_id_fields = ["release"]

    def has_module_permission(self, request):
        return False  # reached from a release's page, not listed on its own

    def save_model(self, request, obj, form, change):
        if change and {"heading", "agency", "agency_name", "text"} & set(form.changed_data):
            obj.edited = True
        super().save_model(request, obj, form, change)
        if change and "text" in form.changed_data:
            # Keep figures on their words: re-find any whose span moved.
            for metric in obj.metrics.all():
                if obj.text[metric.start : metric.end] != metric.text:
                    metric.start = obj.text.find(metric.text)
                    metric.end = metric.start + len(metric.text)
                    metric.save(update_fields=["start", "end"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.changed_data or any(f.has_changed() for formset in formsets for f in formset.forms):
            # A corrected section or figure changes what the release says: its public "updated" date
            # (feeds, sitemap) moves with it, as when the release itself is saved.
            Release.objects.filter(pk=form.instance.release_id).update(updated_at=timezone.now())
        outbox.queue(form.instance.release_id)

    def response_change(self, request, obj):
        if "_continue" in request.POST or "_saveasnew" in request.POST:
            return super().response_change(request, obj)
        self.message_user(request, _("已保存段落“%s”") % obj)
        from django.shortcuts import redirect

        return redirect("admin:reports_release_change", obj.release_id)


@admin.register(Metric)
class MetricAdmin(admin.ModelAdmin):
    form = MetricForm
    list_display = [
        "text", "value", "unit", "qualifier", "direction", "subject", "indicator", "section", "corrected",
    ]  # fmt: skip
    # Unclassified figures are listed for editors (指标 -> 空): they pick one right in the list.
    list_editable = ["indicator"]
    list_filter = [
        ("indicator", admin.EmptyFieldListFilter),
        "unit",
        "is_change",
        "direction",
        "corrected",
        "section__agency",
        "period_basis",
    ]
    autocomplete_fields = ["indicator"]
    search_fields = ["text", "subject", "section__release__title"]
    list_select_related = ["section", "section__release"]
    raw_id_fields = ["section"]
    fields = [
        "section",
        "text",
        "start",
        "end",
        "value",
        "unit",
        "qualifier",
        "is_change",
        "direction",
        "basis",
        "subject",
        "period",
        "period_start",
        "period_end",
        "period_basis",
        "indicator",
        "corrected",
    ]
    readonly_fields = ["text", "corrected"]

    def save_model(self, request, obj, form, change):
        # The list's inline indicator picker saves through a plain form: mark the figure corrected there
        # too, so that the editor's choice survives re-parsing like any other correction.
        if change and form.changed_data:
            obj.corrected = True
        super().save_model(request, obj, form, change)
        if form.changed_data:  # a corrected figure: the release's public "updated" date moves
            Release.objects.filter(pk=obj.section.release_id).update(updated_at=timezone.now())
        outbox.queue(obj.section.release_id)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "name_en", "agency", "unit_kind", "figures"]
    list_filter = ["agency", "unit_kind"]
    search_fields = ["name", "name_traditional", "name_en", "slug", "patterns"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(figure_count=Count("metrics"))

    @admin.display(description=_("数据项数"), ordering="figure_count")
    def figures(self, obj):
        return obj.figure_count

    def save_model(self, request, obj, form, change):
        if not obj.name_traditional:
            obj.name_traditional = to_traditional(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "name_as_written", "province", "level", "code"]
    list_filter = ["level", ("province", ProvinceFilter)]
    ordering = ["code", "name"]
    search_fields = ["name", "name_as_written", "name_en", "code", "slug"]
    prepopulated_fields = {}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_traditional", "name_en", "min_hits"]
    search_fields = ["name", "slug", "keywords", "name_en"]


from reports.admin import provenance as _provenance_admin  # noqa: E402, F401  (issue 13: copies, sources)
