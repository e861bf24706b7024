"""Import throughput by file size, peak memory, and the release page of the largest accepted release.

    .venv/bin/python bench/import_size.py [--sizes 10K,100K,1M,5M,20M] [--runs 5]

Each size is imported in a fresh child process (fresh temporary data dir and database: SQLite, or
DATABASE_URL if set), so its peak RSS is that import's own; the child's RSS after start-up (Django, jieba,
OpenCC loaded) is printed beside it. Files are one release built from our own corpus (bench/corpus.py):
bodies of several generated releases under one title, up to the per-release bounds (reports/ingest/limits.py).
Up to about 1 MB they are .txt; larger files are the same release as an HTML page padded with what real pages
carry (inline scripts, navigation, inline images), since a text of 20 MB is many releases and refused. The last
column is the release page's server time (median of --runs GETs through Django's full stack, in the child) and
the API's. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = "10K,100K,300K,1M,5M,10M,19.99M"


def parse_size(text: str) -> int:
    units = {"K": 1024, "M": 1024 * 1024}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def release_text(max_chars: int, max_sections: int = 280) -> str:
    """One release of up to `max_chars` characters: title, dateline and lead of corpus release 0, then the
    sections of corpus releases 0, 1, 2 … (their own titles and datelines dropped)."""
    from bench.corpus import build_release

    _, first = build_release(0, seed=11)
    parts = [line for line in first.splitlines() if line.strip() and not line.startswith("(")]
    chars, index, sections = len(first), 1, 6
    while chars < max_chars and sections < max_sections:
        _, text = build_release(index, seed=11)
        # Without the title, the dateline and the closing notes: sections of the same release.
        more = [line for line in text.splitlines() if line.strip() and not line.startswith("(")][2:]
        if chars + len(text) > max_chars:
            break
        parts += more
        chars += len(text)
        sections += 6
        index += 1
    text = "\n".join(parts) + "\n"
    return text[: text.rfind("\n", 0, max_chars) + 1] if len(text) > max_chars else text


def html_page(text: str, size: int) -> bytes:
    """`text` as an article in a page padded to `size` bytes with scripts, navigation and inline images."""
    rng = random.Random(size)
    lines = text.splitlines()
    article = f"<h1>{escape(lines[0])}</h1>\n<div class='info'>{escape(lines[1])}</div>\n"
    article += "\n".join(f"<p>{escape(line)}</p>" for line in lines[2:])
    head = (
        "<!doctype html><html><head><meta charset='utf-8'><title>"
        + escape(lines[0])
        + "</title></head><body>"
    )
    tail = "</body></html>"
    padding = []
    room = size - len((head + article + tail).encode("utf-8"))
    while room > 0:
        kind = rng.randrange(3)
        if kind == 0:
            chunk = (
                "<script>var cfg"
                + str(rng.randrange(10**6))
                + " = "
                + json.dumps({f"k{i}": rng.randrange(10**9) for i in range(200)})
                + ";</script>\n"
            )
        elif kind == 1:
            chunk = (
                "<ul class='nav'>"
                + "".join(
                    f"<li><a href='/n/{rng.randrange(10**6)}.html'>栏目{rng.randrange(999)}</a></li>"
                    for _ in range(100)
                )
                + "</ul>\n"
            )
        else:
            blob = base64.b64encode(rng.randbytes(6000)).decode()
            chunk = f"<img alt='' src='data:image/png;base64,{blob}'>\n"
        chunk = chunk[:room] if len(chunk) > room else chunk
        padding.append(chunk)
        room -= len(chunk.encode("utf-8"))
    middle = len(padding) // 2
    page = (
        head
        + "".join(padding[:middle])
        + "<div class='article'>"
        + article
        + "</div>"
        + "".join(padding[middle:])
    )
    return (page + tail).encode("utf-8")


def build_file(size: int) -> tuple[str, bytes]:
    from reports.ingest.limits import MAX_TEXT_CHARS

    if size <= 1024 * 1024:
        text = release_text(size // 3)  # about 3 bytes a character in UTF-8
        data = text.encode("utf-8")
        return "bench.txt", data
    text = release_text(min(MAX_TEXT_CHARS - 50_000, 380_000))
    return "bench.html", html_page(text, size)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(size: int, runs: int) -> dict:
    from bench.release_page import setup_django

    data_dir = tempfile.mkdtemp(prefix="bench-import-size-")
    setup_django(data_dir)
    from django.test import Client

    from reports.importer import import_file
    from reports.models import Metric
    from search.analysis import ArchiveAnalyzer
    from search.indexing import process_pending

    list(ArchiveAnalyzer()("预热 分词"))  # jieba's dictionary, as a running server has it
    warm = import_file((ROOT / "samples" / "04_weifang_sifa.txt").read_bytes(), "warm-up.txt")  # caches
    process_pending()
    assert warm.status == "created", warm.message
    name, data = build_file(size)
    start_rss = rss_mb()
    start = time.perf_counter()
    outcome = import_file(data, name)
    parsed_saved = time.perf_counter() - start
    if outcome.status != "created":
        return {"size": len(data), "name": name, "error": outcome.message}
    process_pending()
    total = time.perf_counter() - start
    release = outcome.release
    client = Client(HTTP_HOST="localhost")
    timings = {}
    for label, url in (("page", f"/releases/{release.pk}/"), ("api", f"/api/releases/{release.pk}/")):
        client.get(url)
        ms = []
        for _ in range(runs):
            t = time.perf_counter()
            response = client.get(url)
            ms.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
        timings[label] = statistics.median(ms)
    return {
        "size": len(data),
        "name": name,
        "chars": len(release.text),
        "sections": release.sections.count(),
        "figures": Metric.objects.filter(section__release=release).count(),
        "import_s": parsed_saved,
        "total_s": total,
        "mb_s": len(data) / 1024 / 1024 / total,
        "start_rss": start_rss,
        "peak_rss": rss_mb(),
        "page_ms": timings["page"],
        "api_ms": timings["api"],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.runs)))
        return 0
    print(
        f"database: {'PostgreSQL' if os.environ.get('DATABASE_URL', '').startswith('postgres') else 'SQLite'}"
    )
    print(
        f"{'file':>10} {'type':>5} {'chars':>9} {'sect':>5} {'figs':>6} {'import s':>9} {'MB/s':>6} "
        f"{'RSS start':>10} {'RSS peak':>9} {'page ms':>8} {'API ms':>8}"
    )
    for raw in args.sizes.split(","):
        size = parse_size(raw)
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--runs", str(args.runs)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        try:
            row = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            print(f"{raw:>10}: the child failed: {done.stderr[-500:]}")
            continue
        if "error" in row:
            print(f"{row['size'] / 1024:>8.0f}KB {row['name'][-4:]:>5}: refused: {row['error']}")
            continue
        print(
            f"{row['size'] / 1024:>8.0f}KB {row['name'][-4:]:>5} {row['chars']:>9,} {row['sections']:>5} "
            f"{row['figures']:>6} {row['total_s']:>9.2f} {row['mb_s']:>6.2f} {row['start_rss']:>8.0f}MB "
            f"{row['peak_rss']:>7.0f}MB {row['page_ms']:>8.0f} {row['api_ms']:>8.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
