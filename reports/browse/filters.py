"""The FilterSets of /releases/ and /figures/ (and /api/metrics/), and the chips that show what is active.

Each filter is one URL parameter, so any filter state is a shareable link. Choice lists that depend on the
data (provinces, years, units) are computed once per request in __init__, one query each; cities and topics
are model choices (one query to list, one to validate), which keeps a filtered page within its query budget.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import Exists, F, Max, Min, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reports.browse.labels import city_label, indicator_label, province_label, topic_label
from reports.browse.period_chart import KIND_LABELS
from reports.browse.widgets import FastSelect
from reports.ingest.gazetteer import province_order
from reports.ingest.text import to_simplified, to_traditional
from reports.models import Agency, City, Indicator, Metric, Release, Section, Topic


class CityField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return city_label(obj)


class TopicField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return topic_label(obj)


class IndicatorField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return indicator_label(obj)


class IndicatorFilter(filters.ModelChoiceFilter):
    field_class = IndicatorField


class CityFilter(filters.ModelChoiceFilter):
    field_class = CityField


class TopicFilter(filters.ModelChoiceFilter):
    field_class = TopicField


DATE_INPUT = forms.DateInput(attrs={"type": "date"})

RELEASE_SORTS = {
    "newest": [F("sort_date").desc(nulls_last=True), "-id"],
    "oldest": [F("sort_date").asc(nulls_last=True), "id"],
    "title": ["title", "id"],
}
METRIC_SORTS = {
    "newest": [
        F("section__release__sort_date").desc(nulls_last=True),
        "section__release_id",
        "section__order",
        "start",
    ],
    "oldest": [
        F("section__release__sort_date").asc(nulls_last=True),
        "section__release_id",
        "section__order",
        "start",
    ],
    "value_desc": [F("value").desc(nulls_last=True), "id"],
    "value_asc": [F("value").asc(nulls_last=True), "id"],
}


def _cities():
    # GB/T 2260 code order: cities grouped by province, provinces as Chinese readers list them.
    return City.objects.filter(Exists(Release.objects.filter(city=OuterRef("pk")))).order_by("code", "name")


def _province_choices():
    names = _cities().exclude(province="").values_list("province", flat=True).distinct()
    return [(name, province_label(name)) for name in sorted(set(names), key=province_order)]


def _year_choices(dates):
    return [(str(d.year), str(d.year)) for d in dates]


class ReleaseFilter(filters.FilterSet):
    city = CityFilter(
        queryset=_cities(),
        to_field_name="slug",
        label=pgettext_lazy("label", "城市"),
        empty_label=_("全部城市"),
    )
    province = filters.ChoiceFilter(
        field_name="city__province", label=pgettext_lazy("label", "省份"), empty_label=_("全部省份")
    )
    agency = filters.ChoiceFilter(
        choices=Agency.choices,
        method="filter_agency",
        label=pgettext_lazy("label", "机关"),
        empty_label=_("全部机关"),
    )
    topic = TopicFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        label=pgettext_lazy("label", "主题"),
        empty_label=_("全部主题"),
    )
    year = filters.ChoiceFilter(
        field_name="sort_date__year", label=pgettext_lazy("label", "年份"), empty_label=_("全部年份")
    )
    date_from = filters.DateFilter(
        field_name="sort_date", lookup_expr="gte", label=_("起始日期"), widget=DATE_INPUT
    )
    date_to = filters.DateFilter(
        field_name="sort_date", lookup_expr="lte", label=_("截止日期"), widget=DATE_INPUT
    )
    # Newest first is the default and the empty choice, so the default adds nothing to shared URLs.
    sort = filters.ChoiceFilter(
        choices=[("oldest", _("最早在前")), ("title", _("按标题"))],
        method="filter_sort",
        label=pgettext_lazy("label", "排序"),
        empty_label=_("最新在前"),
    )

    class Meta:
        model = Release
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["province"].extra["choices"] = _province_choices()
        self.filters["year"].extra["choices"] = _year_choices(
            Release.objects.dates("sort_date", "year", "DESC")
        )

    def filter_agency(self, queryset, name, value):
        return queryset.filter(Exists(Section.objects.filter(release=OuterRef("pk"), agency=value)))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*RELEASE_SORTS.get(value, RELEASE_SORTS["newest"]))


def words_in(field: str, text: str) -> Q:
    """Every word must occur in `field`, in either script: subjects are stored as published."""
    query = Q()
    for word in text.split()[:8]:
        forms_of_word = {word, to_simplified(word), to_traditional(word)}
        either = Q()
        for form in forms_of_word:
            either |= Q(**{f"{field}__icontains": form})
        query &= either
    return query


class MetricFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_words",
        label=_("统计对象含"),
        widget=forms.TextInput(attrs={"placeholder": _("如：审结案件")}),
    )
    unit = filters.ChoiceFilter(label=pgettext_lazy("label", "单位"), empty_label=_("全部单位"))
    city = CityFilter(
        queryset=_cities(),
        field_name="section__release__city",
        to_field_name="slug",
        label=pgettext_lazy("label", "城市"),
        empty_label=_("全部城市"),
    )
    province = filters.ChoiceFilter(
        field_name="section__release__city__province",
        label=pgettext_lazy("label", "省份"),
        empty_label=_("全部省份"),
    )
    agency = filters.ChoiceFilter(
        field_name="section__agency",
        choices=Agency.choices,
        label=pgettext_lazy("label", "机关"),
        empty_label=_("全部机关"),
    )
    topic = TopicFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="section__topics",
        label=pgettext_lazy("label", "主题"),
        empty_label=_("全部主题"),
    )
    year = filters.ChoiceFilter(
        field_name="section__release__sort_date__year",
        label=pgettext_lazy("label", "年份"),
        empty_label=_("全部年份"),
    )
    change = filters.ChoiceFilter(
        choices=[("yes", _("只看变化量（同比、环比等）")), ("no", _("只看数量"))],
        method="filter_change",
        label=pgettext_lazy("label", "变化量"),
        empty_label=_("全部"),
    )
    direction = filters.ChoiceFilter(
        choices=Metric.Direction.choices, label=pgettext_lazy("label", "方向"), empty_label=_("全部")
    )
    release = filters.NumberFilter(
        field_name="section__release_id", label=_("发布稿编号"), widget=forms.HiddenInput
    )
    indicator = IndicatorFilter(
        queryset=Indicator.objects.all(),
        to_field_name="slug",
        label=pgettext_lazy("label", "指标"),
        empty_label=_("全部指标"),
    )
    period = filters.ChoiceFilter(
        field_name="period_kind",
        choices=list(KIND_LABELS.items()),
        label=pgettext_lazy("label", "时期类型"),
        empty_label=_("全部时期"),
    )
    period_year = filters.NumberFilter(
        field_name="period_end__year",
        label=_("时期截止年份"),
        widget=forms.NumberInput(attrs={"min": 1949, "max": 2100, "placeholder": "2024"}),
    )
    sort = filters.ChoiceFilter(
        choices=[
            ("oldest", _("最早在前")),
            ("value_desc", _("数值从大到小")),
            ("value_asc", _("数值从小到大")),
        ],
        method="filter_sort",
        label=pgettext_lazy("label", "排序"),
        empty_label=_("最新在前"),
    )

    class Meta:
        model = Metric
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["province"].extra["choices"] = _province_choices()
        # Every year from the first release's to the last's: two index lookups. Listing the years that occur
        # (a DISTINCT over a per-row date function, or a join over every figure) grew with the archive.
        span = Release.objects.aggregate(first=Min("sort_date"), last=Max("sort_date"))
        years = range(span["last"].year, span["first"].year - 1, -1) if span["first"] else []
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]
        units = Metric.objects.exclude(unit="")
        chosen = self.data.get("indicator") if self.data else None
        if chosen:
            # An indicator's units come from the (indicator, unit) index instead of a scan of every figure.
            units = units.filter(indicator__slug=chosen)
        units = units.order_by().values_list("unit", flat=True).distinct()
        self.filters["unit"].extra["choices"] = [(u, u) for u in sorted(units)]

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_fast_selects", False):
            for field in form.fields.values():
                if type(field.widget) is forms.Select:
                    field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
            form._fast_selects = True
        return form

    def filter_words(self, queryset, name, value):
        return queryset.filter(words_in("subject", value))

    def filter_change(self, queryset, name, value):
        return queryset.filter(is_change=(value == "yes"))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*METRIC_SORTS.get(value, METRIC_SORTS["newest"]))


def chips(filterset, params, skip=("sort",)) -> list[dict]:
    """The active filters as removable chips: label, shown value, and the URL without that filter."""
    from reports.browse.querystring import without_value

    form = filterset.form
    form.is_valid()
    out = []
    for name, field in form.fields.items():
        raw = params.get(name, "")
        if name in skip or not raw.strip():
            continue
        invalid = name in form.errors
        value = None if invalid else form.cleaned_data.get(name)
        if isinstance(field, forms.ModelChoiceField) and value is not None:
            shown = field.label_from_instance(value)
        elif isinstance(field, forms.ChoiceField):
            shown = str(dict(field.choices).get(raw, raw))
        else:
            shown = raw
        out.append(
            {
                "name": name,
                "label": field.label,
                "value": shown,
                "invalid": invalid,
                "remove": without_value(params, name),
            }
        )
    return out
