"""The admin upload: choose files -> preview what was detected -> save. Staff only, CSRF-protected.

Files over the size limit are dropped while they stream in (the handler below), so a 100 MB upload never
fills memory or disk; the form then names the file and the limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from reports.admin.forms import UploadForm, upload_limit_text
from reports.batch import Item, zip_items
from reports.importer import import_file, preview, sha256_of
from reports.ingest.pipeline import Hints
from reports.ingest.types import CityRef, IngestError, ParsedRelease, PartialDate
from reports.models import Release, StagedUpload

STAGE_TTL = dt.timedelta(days=1)


class SizeLimitHandler(FileUploadHandler):
    """Skip any uploaded file as soon as it passes the limit, remembering its name for the message."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
        request.oversized_uploads = []
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.oversized_uploads.append(self.file_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def upload_view(model_admin):
    @csrf_exempt  # only so the handler can be installed before the body is read; the inner view checks CSRF
    def view(request):
        request.upload_handlers.insert(0, SizeLimitHandler(request))
        return model_admin.admin_site.admin_view(_upload)(request, model_admin)

    return view


@dataclass
class Preview:
    stage: StagedUpload | None
    filename: str
    parsed: ParsedRelease | None = None
    error: str = ""
    duplicate_of: Release | None = None


def _upload(request, model_admin):
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    StagedUpload.objects.filter(created_at__lt=timezone.now() - STAGE_TTL).delete()
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    previews: list[Preview] = []
    if request.method == "POST":
        for name in getattr(request, "oversized_uploads", []):
            previews.append(
                Preview(
                    None, name, error=_("文件超过 %(limit)s 上限，未保存") % {"limit": upload_limit_text()}
                )
            )
        if form.is_valid():
            previews += _stage_all(request, form)
        elif previews and "files" in form.errors:
            form.errors.pop("files")  # every file was too large: the list below says so
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("上传发布稿"),
        "form": form,
        "previews": previews,
        "staged": [p for p in previews if p.stage and not p.duplicate_of],
        "limit": upload_limit_text(),
    }
    return render(request, "admin/reports/release/upload.html", context)


def _stage_all(request, form) -> list[Preview]:
    hints = form.hints()
    previews = []
    for upload in form.cleaned_data["files"]:
        data = upload.read()
        name = upload.name
        items = zip_items(data, name) if name.lower().endswith(".zip") else [Item(name, data)]
        for item in items:
            if item.data is None:
                previews.append(Preview(None, item.name, error=item.error))
            else:
                previews.append(_stage_one(request, item.filename, item.data, hints))
    return previews


def _stage_one(request, filename, data, hints) -> Preview:
    existing = Release.objects.filter(sha256=sha256_of(data)).first()
    try:
        parsed = preview(data, filename, hints)
    except IngestError as exc:
        return Preview(None, filename, error=str(exc))
    stage = StagedUpload.objects.create(
        data=data, filename=filename, hints=hints_to_json(hints), user=request.user
    )
    return Preview(stage, filename, parsed, duplicate_of=existing)


def _confirm(request):
    ids = [int(i) for i in request.POST.getlist("stage") if i.isdigit()]
    stages = StagedUpload.objects.filter(pk__in=ids, user=request.user)
    created = []
    for stage in stages:
        # A mirror's altered copy or an excerpt of a release we hold is kept as a copy of it (issue 13).
        outcome = import_file(
            bytes(stage.data),
            stage.filename,
            hints=hints_from_json(stage.hints),
            user=request.user,
            merge_reposts=True,
        )
        if outcome.status == "copy":
            messages.warning(
                request,
                _("%(file)s 是发布稿 %(id)s 的转载，已作为其转载保存")
                % {"file": stage.filename, "id": outcome.release.pk},
            )
        elif outcome.status == "created":
            created.append(outcome.release)
            messages.success(request, _("已保存：%(title)s") % {"title": outcome.release.title})
        elif outcome.status == "duplicate":
            messages.warning(
                request,
                _("%(file)s 已在档案中（发布稿 %(id)s）")
                % {"file": stage.filename, "id": outcome.release.pk},
            )
        else:
            messages.error(request, f"{stage.filename}: {outcome.message}")
    with transaction.atomic():
        stages.delete()
    if len(created) == 1:
        return redirect(reverse("admin:reports_release_change", args=[created[0].pk]))
    return redirect(reverse("admin:reports_release_changelist"))


def hints_to_json(hints: Hints) -> dict:
    city = hints.city
    return {
        "city": None if city is None else asdict(city),
        "published_on": hints.published_on.iso() if hints.published_on else None,
        "held_on": hints.held_on.iso() if hints.held_on else None,
        "outlet": hints.outlet,
        "source_url": hints.source_url,
    }


def hints_from_json(data: dict) -> Hints:
    return Hints(
        city=CityRef(**data["city"]) if data.get("city") else None,
        published_on=_editors(PartialDate.parse_iso(data.get("published_on"))),
        held_on=_editors(PartialDate.parse_iso(data.get("held_on"))),
        outlet=data.get("outlet", ""),
        source_url=data.get("source_url", ""),
    )


def _editors(date: PartialDate | None) -> PartialDate | None:
    """A date typed in the upload form: the editor's, whatever the page says."""
    return date.based_on("editor") if date else None
