"""Forms of the editors' admin: the upload form and the checks on hand-corrected sections and figures."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reports.importer import city_ref
from reports.ingest.dates import parse_date_hint
from reports.ingest.gazetteer import lookup
from reports.ingest.pipeline import Hints
from reports.ingest.types import PartialDate
from reports.models import City, Metric, Section


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once. Each file is judged by the importer (empty, too large, not a document), one
    message per file, so one bad file never blocks the others; the field itself only needs one file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.docx,.pdf,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f is not None]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


def clean_partial_date(raw: str) -> PartialDate | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    date = parse_date_hint(raw)
    if date is None:
        raise ValidationError(
            _("“%(value)s” 不是日期；请写作 2025-10-16、2025-10 或 2025。"), params={"value": raw}
        )
    return date


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("文件"), help_text=_(".txt（UTF-8/GBK/Big5）、.html、.docx、文字版 .pdf，或其 zip 压缩包")
    )
    city = forms.CharField(
        label=_("城市"), required=False, help_text=_("留空则自动识别；可写 沈阳、瀋陽市、shenyang 或区划代码")
    )
    published_on = forms.CharField(
        label=_("发布日期"), required=False, help_text=_("留空则自动识别；可只写年月")
    )
    held_on = forms.CharField(label=_("发布会日期"), required=False)
    outlet = forms.CharField(label=_("来源媒体"), required=False, max_length=200)
    source_url = forms.URLField(label=_("原文链接"), required=False, max_length=1000, assume_scheme="https")

    def clean_city(self):
        raw = self.cleaned_data["city"].strip()
        if not raw:
            return None
        existing = City.objects.filter(name=raw).first() or City.objects.filter(slug=raw).first()
        ref = city_ref(existing) if existing else lookup(raw)
        if ref is None:
            raise ValidationError(_("不认识“%(value)s”这个地名"), params={"value": raw})
        return ref

    def clean_published_on(self):
        return clean_partial_date(self.cleaned_data["published_on"])

    def clean_held_on(self):
        return clean_partial_date(self.cleaned_data["held_on"])

    def hints(self) -> Hints:
        data = self.cleaned_data
        return Hints(
            city=data["city"],
            published_on=data["published_on"] and data["published_on"].based_on("editor"),
            held_on=data["held_on"] and data["held_on"].based_on("editor"),
            outlet=data["outlet"],
            source_url=data["source_url"],
        )


class PublishedText(forms.CharField):
    """A section's text as the archive stores it. Browsers send a textarea's line breaks as CRLF (the HTML
    form encoding) and the archive stores LF, and a form field strips leading and trailing whitespace (a
    full-width indent, U+3000, included): either way an untouched section would read as edited, and the
    saved text would shift every figure's offsets."""

    def __init__(self, **kwargs):
        kwargs["strip"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class SectionForm(forms.ModelForm):
    """Edits to a section's text must keep every figure's span pointing at the figure's words."""

    class Meta:
        model = Section
        fields = ["order", "heading", "agency", "agency_name", "text", "edited"]
        field_classes = {"text": PublishedText}

    def clean_text(self):
        text = self.cleaned_data["text"]
        if self.instance.pk and text != self.instance.text:
            for metric in self.instance.metrics.all():
                if text[metric.start : metric.end] != metric.text and text.find(metric.text) < 0:
                    raise ValidationError(
                        _("数据“%(figure)s”在修改后的正文中找不到了；请先删除或修改这条数据。"),
                        params={"figure": metric.text},
                    )
        return text


class MetricForm(forms.ModelForm):
    class Meta:
        model = Metric
        fields = [
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
        ]

    def __init__(self, *args, section_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_text = section_text

    def clean(self):
        data = super().clean()
        text = (
            self.section_text if self.section_text is not None else getattr(self.instance.section, "text", "")
        )
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None:
            if not 0 <= start < end <= len(text):
                raise ValidationError(
                    _("起止位置 %(start)s–%(end)s 超出了段落正文（共 %(n)s 字）"),
                    params={"start": start, "end": end, "n": len(text)},
                )
            if end - start > 200:
                raise ValidationError(_("一条数据的原文不应超过 200 字"))
        if data.get("is_change") and not data.get("direction"):
            self.add_error("direction", _("变化量需要注明上升或下降"))
        return data

    def save(self, commit=True):
        metric = super().save(commit=False)
        metric.text = metric.section.text[metric.start : metric.end]
        metric.corrected = True  # survives re-parsing
        if commit:
            metric.save()
        return metric


def upload_limit_text() -> str:
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    return f"{limit // 1048576} MB" if limit >= 1048576 else f"{limit // 1024} KB"
