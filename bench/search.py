"""Search benchmark: import N generated releases, time rebuild_index and a fixed query mix per backend.

    .venv/bin/python bench/search.py --releases 10000            # both backends when PostgreSQL is up
    .venv/bin/python bench/search.py --releases 2000 --backend whoosh

Everything runs in one process against a fresh data dir and a fresh database (a new PostgreSQL database
when one is reachable, dropped at the end; otherwise SQLite and Whoosh only). Baseline, measured in the
same run: jieba alone segmenting the same section texts on one core. Figures printed: medians, p95 and p99
over the 200 queries, first pass (cold caches) and second pass, and rebuild time as a ratio of the
baseline. Nothing is asserted: this prints numbers for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import percentile  # noqa: E402  (after the path is set)


def summary(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):7.1f} ms   p95 {percentile(values, 95):7.1f} ms   "
        f"p99 {percentile(values, 99):7.1f} ms   max {max(values):7.1f} ms"
    )


def setup_environment(args) -> str | None:
    """Point the settings at a fresh data dir and database before Django loads them."""
    data_dir = Path(args.keep or tempfile.mkdtemp(prefix="archive-bench-"))
    os.environ.update(
        ARCHIVE_DATA_DIR=str(data_dir),
        ARCHIVE_HTTPS="0",
        DEBUG="0",
        ALLOWED_HOSTS="testserver,127.0.0.1",
        SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    if args.backend in ("postgres", "both") or args.reuse:  # a reused corpus lives in PostgreSQL
        import psycopg

        name = args.reuse or f"archive_bench_{os.getpid()}"
        try:
            with psycopg.connect(args.pg_admin_url, autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{name}"')
        except psycopg.OperationalError as exc:
            if args.backend == "postgres" or args.reuse:
                raise SystemExit(f"PostgreSQL is needed for --backend postgres and --reuse: {exc}") from None
            print(f"PostgreSQL unreachable ({exc.__class__.__name__}); benchmarking Whoosh on SQLite only")
            args.backend = "whoosh"
            return None
        base = args.pg_admin_url.rsplit("/", 1)[0]
        os.environ["DATABASE_URL"] = f"{base}/{name}"
        return None if args.reuse else name  # a reused database is kept
    return None


def drop_database(args, name: str | None) -> None:
    if not name:
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(args.pg_admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def import_corpus(n: int, seed: int) -> tuple[float, int]:
    from bench.corpus import generate
    from reports import outbox
    from reports.importer import import_file
    from reports.models import IndexTask

    started = time.perf_counter()
    created = 0
    with outbox.deferred():
        for filename, data in generate(n, seed):
            outcome = import_file(data, filename)
            created += outcome.status == "created"
            if created % 500 == 0 and created:
                print(f"  imported {created}/{n} ({time.perf_counter() - started:.0f}s)", flush=True)
    IndexTask.objects.all().delete()  # the rebuild below indexes everything
    return time.perf_counter() - started, created


def jieba_baseline(sample: int = 1) -> tuple[float, int]:
    """Seconds jieba.lcut alone needs for every section text, one core (the issue's baseline).

    With `sample` > 1 only sections whose id is a multiple of it are segmented and the time is scaled by
    all characters / sampled characters (100,000 releases: about 12 minutes unsampled)."""
    import warnings

    from django.db.models import Sum
    from django.db.models.functions import Length, Mod

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    from reports.models import Section

    chosen = Section.objects.all()
    if sample > 1:
        chosen = chosen.annotate(bucket=Mod("id", sample)).filter(bucket=0)
    texts = list(chosen.values_list("text", flat=True).iterator(chunk_size=2000))
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    elapsed = time.perf_counter() - started
    sampled = sum(map(len, texts))
    if sample == 1:
        return elapsed, sampled
    total = Section.objects.aggregate(chars=Sum(Length("text")))["chars"]
    return elapsed * total / sampled, total


def use_backend(name: str) -> None:
    from django.conf import settings

    from search import service
    from search.backends import _backend

    settings.SEARCH_BACKEND = name
    _backend.cache_clear()
    service._synonym_cache.update(key=None, table=None)


def time_rebuild(procs: int) -> float:
    import io

    from django.core.management import call_command

    started = time.perf_counter()
    out = io.StringIO()
    call_command("rebuild_index", "--procs", str(procs), stdout=out)
    elapsed = time.perf_counter() - started
    print("  " + out.getvalue().strip())
    return elapsed


def time_queries(queries: list[tuple[str, str]], passes: int = 2) -> dict:
    from django.test import Client

    client = Client()
    warm = time.perf_counter()
    client.get("/api/search/?q=" + "法院")
    warm_up = (time.perf_counter() - warm) * 1000
    runs = []
    by_kind: dict[str, list[float]] = {}
    for run in range(passes):
        times = []
        for kind, q in queries:
            started = time.perf_counter()
            response = client.get("/api/search/?" + urlencode({"q": q}))
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (q, response.status_code)
            times.append(elapsed)
            if run == 0:
                by_kind.setdefault(kind, []).append(elapsed)
        runs.append(times)
    second = runs[1] if len(runs) > 1 else None
    return {"warm_up_ms": warm_up, "first": runs[0], "second": second, "by_kind": by_kind}


def time_upload_to_searchable(seed: int, count: int = 10) -> list[float]:
    """A new ~10,000-character release: from the start of the import to the first search that finds it."""
    from django.test import Client

    from bench.corpus import build_release
    from reports import outbox
    from reports.importer import import_file

    client = Client()
    latencies = []
    # Releases the corpus has not used yet (another seed), the longest of a few dozen: about 9-10k chars.
    candidates = [build_release(index, seed + 1) for index in range(count * 4)]
    candidates = sorted(candidates, key=lambda item: -len(item[1]))[:count]
    for name, text in candidates:
        data = text.encode("utf-8")
        started = time.perf_counter()
        outcome = import_file(data, "upload-" + name)  # autocommit: the index write runs on commit
        assert outcome.status == "created", outcome.message
        release = outcome.release
        # The title as a phrase, on the release's own date: a generated title is a city and a template,
        # so at 100,000 releases dozens of others share it (in either script), and by score alone the
        # upload need not be on the first page (the 100,000-release run of 3 December timed out so).
        day = f" from:{release.sort_date} to:{release.sort_date}" if release.sort_date else ""
        query = urlencode({"q": f'"{release.title}"{day}', "per_page": 50})
        found, total = False, None
        while not found and time.perf_counter() - started < 30:
            answer = client.get("/api/search/?" + query).json()
            total = answer.get("total")
            found = any(hit["release_id"] == release.pk for hit in answer["results"])
        if not found:
            print(
                f"  not found within 30 s: release {release.pk} {release.title!r} ({total} matches)",
                flush=True,
            )
        latencies.append((time.perf_counter() - started) * 1000 if found else float("inf"))
        # As the admin deletes: the row, then the index entry (index writes are explicit), so a reused
        # corpus stays as it was.
        pk = release.pk
        release.delete()
        outbox.queue_delete(pk)
    return latencies


def served(name: str, queries: list[tuple[str, str]], passes: int = 2) -> dict:
    """The same queries through one gunicorn worker over HTTP, and that worker's memory (bench/serve.py)."""
    from django.db import connections

    from bench import serve

    connections.close_all()  # the server's worker opens its own
    http = serve.measure(name, queries, passes)
    print(
        f"gunicorn, 1 worker, over HTTP (listening after {http['listening_seconds']:.1f}s, "
        f"first query {http['warm_up_ms']:.0f} ms):"
    )
    print(f"  200 queries, first pass:  {summary(http['first'])}")
    if http["second"]:
        print(f"  200 queries, second pass: {summary(http['second'])}")
    print(f"  worker memory after the queries: {serve.describe(http['memory_kb'])}")
    print(f"  after the first query only:      {serve.describe(http['memory_warm_kb'])}")
    print(f"  master (preloaded app):          {serve.describe(http['master_kb'])}")
    return http


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--backend", choices=["whoosh", "postgres", "both"], default="both")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--keep", help="data dir to use and keep (default: a temporary one)")
    parser.add_argument(
        "--pg-admin-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        help="PostgreSQL database to keep between runs: imported once, reused (with --keep for the index)",
    )
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="load the corpus with bench/bulk_load.py (same rows, --procs cores)",
    )
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn run (HTTP figures, memory)")
    parser.add_argument("--load-only", action="store_true", help="load the corpus (with --reuse) and stop")
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=0,
        metavar="K",
        help="jieba baseline on every K-th section, scaled (default: 10 above 20,000 releases, else 1)",
    )
    parser.add_argument("--skip-rebuild", action="store_true", help="time queries on the index as it is")
    parser.add_argument(
        "--passes",
        type=int,
        choices=[1, 2],
        default=2,
        help="passes over the queries, in process and over HTTP (1 saves time at 100,000 releases)",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # long runs write to a file: show each figure as it comes
    pg_name = setup_environment(args)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.corpus import query_mix

    results: dict = {"releases": args.releases, "seed": args.seed, "cores": os.cpu_count()}

    def save() -> None:
        # Written after every phase: a 100,000-release run takes hours, and one stopped midway keeps
        # what it measured.
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1))

    try:
        call_command("migrate", verbosity=0)
        from reports.models import Release

        held = Release.objects.count()
        if held >= args.releases:
            print(f"reusing database {args.reuse or ''}: {held} releases already imported")
        else:
            if held:
                print(f"the database holds {held} releases: loading the rest")
            how = f"bulk load, parse on {args.procs} cores" if args.bulk else "importer"
            print(f"importing {args.releases} generated releases ({how}) ...", flush=True)
            if args.bulk:
                from bench.bulk_load import load

                seconds, created = load(args.releases, args.seed, procs=args.procs)
            else:
                seconds, created = import_corpus(args.releases, args.seed)
            results["import_seconds"] = seconds
            print(f"imported {created} releases in {seconds:.1f}s ({created / seconds:.1f}/s)")
        if args.load_only:
            return
        sample = args.baseline_sample or (10 if Release.objects.count() > 20000 else 1)
        baseline, chars = jieba_baseline(sample) if not args.skip_rebuild else (float("nan"), 0)
        results.update(jieba_seconds=baseline, chars=chars, baseline_sample=sample)
        save()
        scaled = f", scaled from every {sample}th section" if sample > 1 else ""
        if args.skip_rebuild:
            print("baseline: not measured (--skip-rebuild: no rebuild to compare)")
        else:
            print(
                f"baseline: jieba.lcut alone on {chars:,} characters, one core{scaled}: {baseline:.1f}s "
                f"({chars / baseline:,.0f} chars/s)"
            )
        queries = [(kind, q) for kind, q in query_mix(args.seed)]
        backends = ["whoosh", "postgres"] if args.backend == "both" else [args.backend]
        for name in backends:
            use_backend(name)
            print(f"\n== {name} ==")
            if args.skip_rebuild:
                rebuild = float("nan")
                print("rebuild_index skipped: timing the index already built")
            else:
                rebuild = time_rebuild(args.procs)
                print(f"rebuild_index: {rebuild:.1f}s = {rebuild / baseline:.2f} x the jieba baseline")
            figures = results[name] = {"rebuild_seconds": rebuild, "rebuild_ratio": rebuild / baseline}
            save()
            # Served first, while this process holds no search caches: at 100,000 releases a Whoosh process
            # holds gigabytes of them, and two such processes at once would not fit the machine.
            figures["http"] = None if args.no_http else served(name, queries, args.passes)
            save()
            timing = time_queries(queries, args.passes)
            print(f"first query (loads caches): {timing['warm_up_ms']:.0f} ms")
            print(f"200 queries, first pass:  {summary(timing['first'])}")
            if timing["second"]:
                print(f"200 queries, second pass: {summary(timing['second'])}")
            for kind, values in sorted(timing["by_kind"].items()):
                print(
                    f"   {kind:14} n={len(values):3}  median {statistics.median(values):6.1f} ms  "
                    f"p95 {percentile(values, 95):6.1f} ms"
                )
            upload = time_upload_to_searchable(args.seed)
            print(
                f"upload -> searchable (~10k chars, {len(upload)} releases): "
                f"median {statistics.median(upload):.0f} ms, max {max(upload):.0f} ms"
            )
            figures.update({k: v for k, v in timing.items() if k != "by_kind"}, upload_ms=upload)
            save()
    finally:
        drop_database(args, pg_name)


if __name__ == "__main__":
    main()
