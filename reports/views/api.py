"""JSON API for releases (DESIGN.md contract). Errors are JSON too, never an HTML page."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from reports.serialize import release_dict, releases_for_json
from reports.views.figures import export, metric_filterset


def json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": message, "status": status}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def release_json(request, pk: int):
    release = releases_for_json().filter(pk=pk).first()
    if release is None:
        return json_error(404, f"no release with id {pk}")
    return JsonResponse(release_dict(release), json_dumps_params={"ensure_ascii": False})


@require_GET
def metrics_json(request):
    """Figures with the filters of /figures/ (q, unit, city, province, agency, topic, year, change, direction,
    sort); JSON by default, `?format=csv` for CSV. Every matching figure, streamed."""
    fmt = "csv" if request.GET.get("format") == "csv" else "json"
    return export(request, metric_filterset(request.GET), fmt)
