"""Releases, their sections and figures, the cities they come from and the topics they speak of."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports.ingest import agencies
from reports.ingest.figures.periods import kind_of
from reports.ingest.types import PartialDate


class Agency(models.TextChoices):
    # Slugs from the one agency table; the labels stay literal so that makemessages finds them.
    POLITICAL_LEGAL_COMMITTEE = agencies.PLC, _("政法委")
    COURT = agencies.COURT, _("法院")
    PROCURATORATE = agencies.PROCURATORATE, _("检察院")
    POLICE = agencies.POLICE, _("公安")
    JUSTICE_BUREAU = agencies.JUSTICE, _("司法局")
    OTHER = agencies.OTHER, _("其他")


class Script(models.TextChoices):
    SIMPLIFIED = "simplified", _("简体")
    TRADITIONAL = "traditional", _("繁体")
    MIXED = "mixed", _("简繁混合")


class DatePrecision(models.TextChoices):
    DAY = "day", _("日")
    MONTH = "month", _("月")
    YEAR = "year", _("年")
    UNKNOWN = "unknown", _("未知")


class DateBasis(models.TextChoices):
    """Where a date came from; the slugs are ingest's types.DATE_BASES."""

    METADATA = "metadata", _("网页元数据")
    EDITOR = "editor", _("编辑填写")
    HEADER = "header", _("页眉")
    TEXT = "text", _("正文")
    URL = "url", _("网址")
    PERIOD = "period", _("报告期")
    PUBLICATION = "publication", _("发布日期")


class City(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("全国")
        PROVINCIAL = "provincial", _("省级")
        PREFECTURE = "prefecture", _("地级")
        COUNTY = "county", _("县级")

    name = models.CharField(_("名称（简体）"), max_length=64)
    name_as_written = models.CharField(_("原文写法"), max_length=64, blank=True)
    name_en = models.CharField(_("英文名"), max_length=96, blank=True)
    province = models.CharField(_("省份"), max_length=32, blank=True)
    level = models.CharField(_("级别"), max_length=16, choices=Level.choices, default=Level.PREFECTURE)
    code = models.CharField(_("行政区划代码"), max_length=12, blank=True)
    slug = models.SlugField(_("网址标识"), max_length=96, unique=True, allow_unicode=True)

    class Meta:
        ordering = [
            "code",
            "name",
        ]  # GB/T 2260 order: provinces as Chinese readers list them, not code points
        verbose_name = _("城市")
        verbose_name_plural = _("城市")
        # Names repeat (鼓楼区 in both Nanjing and Xuzhou, both 江苏省): the division code is the identity.
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="city_code_unique")
        ]

    def __str__(self):
        return (
            f"{self.name}（{self.province}）" if self.province and self.province != self.name else self.name
        )

    def get_absolute_url(self):
        return reverse("city_detail", args=[self.slug])


class Topic(models.Model):
    slug = models.SlugField(_("网址标识"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    name_traditional = models.CharField(_("繁体名称"), max_length=64, blank=True)
    name_en = models.CharField(_("英文名"), max_length=96, blank=True)
    keywords = models.TextField(
        _("信号词"), help_text=_("每行一个词；简体或繁体均可，匹配时统一转为简体。"), blank=True
    )
    min_hits = models.PositiveSmallIntegerField(
        _("最少命中次数"), default=1, help_text=_("一段文字至少出现几次信号词才算涉及本主题。")
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("主题")
        verbose_name_plural = _("主题")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic_detail", args=[self.slug])

    def keyword_list(self):
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class Indicator(models.Model):
    """What a figure measures (破获刑事案件, 批准逮捕人数 …), so figures line up across cities. Editable data,
    seeded from reports/data/indicators.json; see reports/ingest/indicators.py for how figures are matched."""

    class UnitKind(models.TextChoices):
        CASES = "cases", _("案件数")
        PEOPLE = "people", _("人数")
        MONEY = "money", _("金额")
        RATE = "rate", _("比率")
        CHANGE = "change", _("变化幅度")
        COUNT = "count", _("其他计数")

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    name_traditional = models.CharField(_("繁体名称"), max_length=64, blank=True)
    name_en = models.CharField(_("英文名"), max_length=128, blank=True)
    agency = models.CharField(_("机关"), max_length=32, choices=Agency.choices, default=Agency.OTHER)
    unit_kind = models.CharField(_("单位类型"), max_length=8, choices=UnitKind.choices)
    priority = models.PositiveSmallIntegerField(
        _("优先级"), default=0, help_text=_("多个指标都匹配时，优先级高的胜出（具体指标高于笼统指标）。")
    )
    patterns = models.TextField(
        _("信号模式"),
        blank=True,
        help_text=_("每行一个正则表达式，匹配数据的统计对象（简体或繁体均可，匹配时统一转为简体）。"),
    )

    class Meta:
        ordering = ["agency", "slug"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self):
        return self.name

    def pattern_list(self):
        return [line.strip() for line in self.patterns.splitlines() if line.strip()]


class Release(models.Model):
    title = models.CharField(_("标题"), max_length=500)
    city = models.ForeignKey(
        City, verbose_name=_("城市"), null=True, blank=True, on_delete=models.PROTECT, related_name="releases"
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    published_precision = models.CharField(
        _("发布日期精度"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    published_inferred = models.BooleanField(
        _("发布日期系推断"), default=False, help_text=_("年份等由上下文推断")
    )
    held_on = models.DateField(_("发布会日期"), null=True, blank=True)
    held_precision = models.CharField(
        _("发布会日期精度"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    held_inferred = models.BooleanField(_("发布会日期系推断"), default=False)
    # Where each date came from (types.DATE_BASES) and the words it was read from, shown beside the date.
    published_basis = models.CharField(
        _("发布日期依据"), max_length=12, choices=DateBasis.choices, blank=True, default=""
    )
    published_evidence = models.CharField(_("发布日期证据"), max_length=100, blank=True, default="")
    held_basis = models.CharField(
        _("发布会日期依据"), max_length=12, choices=DateBasis.choices, blank=True, default=""
    )
    held_evidence = models.CharField(_("发布会日期证据"), max_length=100, blank=True, default="")
    # One date for sorting, years and timelines: the publication date, else the press conference's.
    sort_date = models.DateField(_("日期"), null=True, blank=True, db_index=True, editable=False)
    outlet = models.CharField(_("来源媒体"), max_length=200, blank=True)
    source_url = models.URLField(_("原文链接"), max_length=1000, blank=True)
    sha256 = models.CharField(_("SHA-256 校验值"), max_length=64, unique=True, editable=False)
    original_filename = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    original_size = models.PositiveIntegerField(_("文件大小（字节）"), default=0, editable=False)
    text = models.TextField(_("解码后全文"))
    script = models.CharField(_("字体"), max_length=12, choices=Script.choices)
    topics = models.ManyToManyField(Topic, verbose_name=_("主题"), blank=True, related_name="releases")
    parse_notes = models.JSONField(_("解析提示"), default=list, blank=True, help_text=_("解析时的提示与警告"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("存档时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Counts the changes queued for the search index (reports.outbox.queue); the index stores it with each
    # document and check_index compares the two. Kept apart from updated_at, which is a public date.
    index_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-sort_date", "-id"]
        verbose_name = _("发布稿")
        verbose_name_plural = _("发布稿")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.sort_date = self.published_on or self.held_on
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("release_detail", args=[self.pk])

    @property
    def published(self):
        return PartialDate.from_fields(
            self.published_on,
            self.published_precision,
            self.published_inferred,
            self.published_basis,
            self.published_evidence,
        )

    @property
    def held(self):
        return PartialDate.from_fields(
            self.held_on, self.held_precision, self.held_inferred, self.held_basis, self.held_evidence
        )


class OriginalFile(models.Model):
    """The bytes exactly as uploaded. Kept apart so that listing releases never loads them."""

    release = models.OneToOneField(
        Release, on_delete=models.CASCADE, related_name="original", primary_key=True
    )
    data = models.BinaryField()

    class Meta:
        verbose_name = _("原始文件")
        verbose_name_plural = _("原始文件")

    def __str__(self):
        return f"original of release {self.release_id}"


class Section(models.Model):
    release = models.ForeignKey(
        Release, verbose_name=_("发布稿"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveIntegerField(_("顺序"))
    heading = models.CharField(_("标题"), max_length=300, blank=True)
    agency = models.CharField(
        _("机关"), max_length=32, choices=Agency.choices, default=Agency.OTHER, db_index=True
    )
    agency_name = models.CharField(_("机关原文写法"), max_length=100, blank=True)
    text = models.TextField(_("正文（原文字体）"))
    topics = models.ManyToManyField(Topic, verbose_name=_("主题"), blank=True, related_name="sections")
    edited = models.BooleanField(
        _("已人工校订"), default=False, help_text=_("重新解析时保留人工设定的机关与标题")
    )

    class Meta:
        ordering = ["release", "order"]
        verbose_name = _("段落")
        verbose_name_plural = _("段落")
        constraints = [models.UniqueConstraint(fields=["release", "order"], name="section_order_unique")]

    def __str__(self):
        return _("第 %(order)s 段（%(agency)s）") % {
            "order": self.order + 1,
            "agency": self.get_agency_display(),
        }


class Metric(models.Model):
    class Direction(models.TextChoices):
        UP = "up", _("上升")
        DOWN = "down", _("下降")

    section = models.ForeignKey(
        Section, verbose_name=_("段落"), on_delete=models.CASCADE, related_name="metrics"
    )
    text = models.CharField(_("原文"), max_length=200)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    value = models.DecimalField(_("数值"), max_digits=28, decimal_places=6, null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=16, blank=True)
    qualifier = models.CharField(_("限定词"), max_length=16, blank=True)
    is_change = models.BooleanField(_("是变化量"), default=False)
    # "" when the figure is not a change; the API shows it as null.
    direction = models.CharField(_("方向"), max_length=4, choices=Direction.choices, blank=True, default="")
    basis = models.CharField(
        _("比较基准"), max_length=40, blank=True, help_text=_("同比、环比、较2012年、年均……")
    )
    subject = models.CharField(_("统计对象"), max_length=200, blank=True)
    period = models.CharField(_("时期"), max_length=40, blank=True)
    corrected = models.BooleanField(_("已人工校订"), default=False, help_text=_("重新解析时保留"))
    # Issue 12: the period as dates, where it came from, the value a 由…到 figure moved from, its indicator.
    period_start = models.DateField(_("时期起"), null=True, blank=True)
    period_end = models.DateField(_("时期止"), null=True, blank=True)

    class PeriodBasis(models.TextChoices):
        STATED = "stated", _("本句写明")
        INHERITED = "inherited", _("承自段首或节首")
        RELEASE = "release", _("未写明，取发布日期")

    period_basis = models.CharField(
        _("时期依据"), max_length=12, blank=True, choices=PeriodBasis.choices, help_text=_("统计时期从何而来")
    )
    # Derived from the dates (reports.ingest.figures.periods.kind_of), stored so the explorer can filter on it.
    period_kind = models.CharField(_("时期类型"), max_length=12, blank=True, editable=False, db_index=True)
    from_value = models.DecimalField(_("起始数值"), max_digits=28, decimal_places=6, null=True, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="metrics",
    )

    class Meta:
        ordering = ["section", "start", "id"]
        indexes = [models.Index(fields=["indicator", "unit"], name="metric_indicator_unit")]
        verbose_name = _("数据")
        verbose_name_plural = _("数据")

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.period_kind = kind_of(self.period_start, self.period_end)
        super().save(*args, **kwargs)


def set_period_kinds(metrics) -> list:
    """bulk_create skips save(): derive the period kind of unsaved metrics before it."""
    for metric in metrics:
        metric.period_kind = kind_of(metric.period_start, metric.period_end)
    return metrics


class StagedUpload(models.Model):
    """An uploaded file waiting for the editor to confirm its preview.

    Kept in the database, not on local disk, so the confirming request may land on another web host.
    """

    data = models.BinaryField()
    filename = models.CharField(max_length=255)
    hints = models.JSONField(default=dict)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.filename


# Provenance models live in their own module (issue 13); imported here so Django registers them with the app.
from reports.provenance_models import (  # noqa: E402, F401
    Capture,
    Fingerprint,
    ReleaseCopy,
    ReleaseVersion,
    SourceCheck,
    SourceState,
    SourceStatus,
)


class IndexTask(models.Model):
    """A release whose search-index entry must be (re)written or removed: the outbox (reports/outbox.py).

    Rows are written in the same transaction as the change they follow, so a crash between the commit and
    the index write loses nothing: the next writer, or `check_index`, picks the row up. No foreign key: a
    removal is queued for a release that no longer exists.
    """

    INDEX = "index"
    DELETE = "delete"
    release_id = models.BigIntegerField(db_index=True)
    action = models.CharField(max_length=8, choices=[(INDEX, INDEX), (DELETE, DELETE)], default=INDEX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.action} release {self.release_id}"
