"""Search bookkeeping kept in the database: the editable synonym table (the outbox is reports.IndexTask)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymGroup(models.Model):
    """One line of the synonym table, e.g. `电诈 电信网络诈骗 电信诈骗` or one-way `两卡 => 电话卡 银行卡`."""

    line = models.CharField(
        _("同义词组"),
        max_length=500,
        unique=True,
        help_text=_("同组词用空格分隔；单向扩展写作 “缩写 => 全称 …”。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["line"]
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词表")

    def __str__(self):
        return self.line
