"""Provenance (issue 13): web captures, reposts merged into their canonical release, versions, source checks.

Kept apart from models.py so several people can edit both; models.py imports this module.
A copy is not a Release: lists, search and feeds show only releases, so a canonical appears once and its
copies are listed on its page. Splitting a wrong merge imports the copy's bytes as a release of its own.
"""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class SourceState(models.TextChoices):
    UNCHECKED = "unchecked", _("未检查")
    ALIVE = "alive", _("在线")
    CHANGED = "changed", _("已更改")
    MOVED = "moved", _("已迁移")
    GONE = "gone", _("已失效")


class ReleaseCopy(models.Model):
    """A repost of a release held elsewhere (a mirror), linked to the canonical release instead of stored as one."""

    canonical = models.ForeignKey("reports.Release", on_delete=models.CASCADE, related_name="copies")
    source_url = models.URLField(_("转载网址"), max_length=1000, blank=True)
    outlet = models.CharField(_("转载媒体"), max_length=200, blank=True)
    title = models.CharField(_("标题"), max_length=500, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, unique=True)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    data = models.BinaryField()
    text = models.TextField()
    match = models.CharField(_("相似度"), max_length=200, blank=True)
    archived_at = models.DateTimeField()

    class Meta:
        ordering = ["canonical", "archived_at", "id"]
        verbose_name = _("转载")
        verbose_name_plural = _("转载")

    def __str__(self):
        return f"copy of release {self.canonical_id}: {self.source_url or self.original_filename}"

    @staticmethod
    def count_per_release():
        """How many reposts are merged into each release, as a subquery to annotate releases with (lists and
        search results show "也见于 N 处转载"): no extra query per row."""
        counted = (
            ReleaseCopy.objects.filter(canonical=models.OuterRef("pk"))
            .order_by()
            .values("canonical")
            .annotate(n=models.Count("id"))
        )
        return Coalesce(models.Subquery(counted.values("n"), output_field=models.IntegerField()), 0)


class ReleaseVersion(models.Model):
    """One text a source has had. The release holds the current one; every earlier one stays here."""

    release = models.ForeignKey("reports.Release", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=500, blank=True)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    data = models.BinaryField()
    text = models.TextField()
    archived_at = models.DateTimeField()
    current = models.BooleanField(default=False)

    class Meta:
        ordering = ["release", "number"]
        verbose_name = _("版本")
        verbose_name_plural = _("版本")
        constraints = [models.UniqueConstraint(fields=["release", "number"], name="version_number_unique")]

    def __str__(self):
        return f"release {self.release_id} v{self.number}"


class Capture(models.Model):
    """One fetch of a web page as a WARC file (request and response of every redirect hop)."""

    release = models.ForeignKey("reports.Release", on_delete=models.CASCADE, related_name="captures")
    copy = models.ForeignKey(
        ReleaseCopy, null=True, blank=True, on_delete=models.CASCADE, related_name="captures"
    )
    url = models.URLField(max_length=1000)
    final_url = models.URLField(max_length=1000)
    fetched_at = models.DateTimeField()
    http_status = models.PositiveSmallIntegerField()
    redirects = models.JSONField(default=list, blank=True)
    content_sha256 = models.CharField(max_length=64)
    warc = models.BinaryField()

    class Meta:
        ordering = ["release", "fetched_at", "id"]
        verbose_name = _("网页存档")
        verbose_name_plural = _("网页存档")

    def __str__(self):
        return f"capture of {self.url} at {self.fetched_at:%Y-%m-%d %H:%M}"


class SourceStatus(models.Model):
    """Where a release's source page stands, and when the watcher looks at it next."""

    release = models.OneToOneField("reports.Release", on_delete=models.CASCADE, related_name="source_status")
    url = models.URLField(max_length=1000)
    host = models.CharField(max_length=255, db_index=True)
    state = models.CharField(max_length=12, choices=SourceState.choices, default=SourceState.UNCHECKED)
    since = models.DateTimeField(null=True, blank=True, help_text=_("此状态首次出现的时间"))
    checked_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failures = models.PositiveSmallIntegerField(default=0, help_text=_("连续失败次数，用于退避"))
    gone_since = models.DateTimeField(null=True, blank=True)
    final_url = models.URLField(max_length=1000, blank=True)

    class Meta:
        verbose_name = _("原网页状态")
        verbose_name_plural = _("原网页状态")

    def __str__(self):
        return f"{self.url}: {self.state}"


class SourceCheck(models.Model):
    """Every look at a source: the record a researcher can audit."""

    status = models.ForeignKey(SourceStatus, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField()
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=1000, blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=12, choices=SourceState.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["status", "-checked_at", "-id"]
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")

    def __str__(self):
        return f"{self.status.url} {self.state} at {self.checked_at:%Y-%m-%d %H:%M}"


class Fingerprint(models.Model):
    """The MinHash signature of a release's comparable text, so repost matching need not re-read every text."""

    release = models.OneToOneField("reports.Release", on_delete=models.CASCADE, related_name="fingerprint")
    text_sha256 = models.CharField(max_length=64)
    signature = models.BinaryField()

    def __str__(self):
        return f"fingerprint of release {self.release_id}"
