"""Golden files for whole-release ingestion: an input document and, beside it, the expected JSON summary.

The summary keeps what an editor checks (metadata, each section's agency, heading and the first and last
characters of its text, the number of figures) and leaves the long texts out, so expected files stay
reviewable and hold no whole sentences of third-party releases. Review a regenerated file line by line:

    .venv/bin/python -m tests.reports.release_golden regen [NAME ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reports.ingest.pipeline import parse_release
from reports.ingest.topics import TopicDef
from tests.seeds import SEED_NAMES, SEEDS_DIR, SeedsMissing, seed_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLDEN = HERE / "golden"
ANCHOR = 12


def cases() -> dict[str, Path]:
    """name -> input path: the samples, the seeds, the hand-written inputs in golden/ingest/ and the layouts."""
    found = {}
    for path in sorted((ROOT / "samples").glob("0*")):
        found[f"sample-{path.stem}"] = path
    # The seeds by name, present or not: on a machine without them their cases stand aside (SeedsMissing).
    for name in SEED_NAMES:
        found[f"seed-{Path(name).stem}"] = SEEDS_DIR / name
    for path in sorted((GOLDEN / "ingest").iterdir()):
        if path.is_file() and path.suffix != ".json":
            found[f"ingest-{path.stem}"] = path
    # The labelled set's releases, one per layout (Q&A, paragraph per agency, datelines, ...).
    for path in sorted((HERE / "labels" / "layouts").glob("*.txt")):
        found[f"layout-{path.stem}"] = path
    return found


def expected_path(name: str) -> Path:
    if name.startswith("ingest-"):
        return GOLDEN / "ingest" / f"{name[len('ingest-') :]}.json"
    if name.startswith("layout-"):
        return GOLDEN / "ingest" / "layouts" / f"{name[len('layout-') :]}.json"
    return GOLDEN / "releases" / f"{name}.json"


def topic_defs() -> list[TopicDef]:
    items = json.loads((ROOT / "reports" / "data" / "topics.json").read_text(encoding="utf-8"))
    return [TopicDef(t["slug"], tuple(t["keywords"]), t.get("min_hits", 1)) for t in items]


def summarize(path: Path) -> dict:
    data = seed_path(path.name).read_bytes() if path.parent == SEEDS_DIR else path.read_bytes()
    parsed = parse_release(data, path.name, topics=topic_defs())

    def date(d):
        return (
            None
            if d is None
            else {"date": d.iso(), "inferred": d.inferred, "basis": d.basis, "evidence": d.evidence}
        )

    return {
        "title_starts": parsed.title[:ANCHOR],
        "script": parsed.script,
        "content_type": parsed.content_type,
        "published_on": date(parsed.published_on),
        "held_on": date(parsed.held_on),
        "outlet": parsed.outlet,
        "source_url": parsed.source_url,
        "city": None
        if parsed.city is None
        else {"name": parsed.city.name, "province": parsed.city.province, "level": parsed.city.level},
        "topics": parsed.topics,
        "sections": [
            {
                "order": s.order,
                "agency": s.agency,
                "agency_name": s.agency_name,
                "heading_starts": s.heading[:ANCHOR],
                "starts": s.text[:ANCHOR],
                "ends": s.text[-ANCHOR:],
                "figures": len(s.figures),
            }
            for s in parsed.sections
        ],
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    if not argv or argv[0] != "regen":
        print(__doc__)
        return 2
    wanted = set(argv[1:])
    for name, path in cases().items():
        if wanted and name not in wanted:
            continue
        try:
            summary = summarize(path)
        except SeedsMissing as exc:
            print(f"kept {name}: {exc}")
            continue
        out = expected_path(name)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    sys.exit(main(sys.argv[1:]))
