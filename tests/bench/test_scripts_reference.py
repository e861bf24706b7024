"""The benchmark scripts name only what the project still has.

The benchmarks run outside CI (minutes to hours), so a rename in the project (the outbox moving from
search.indexing to reports.outbox) left bench/relevance.py and bench/reparse.py failing on their first line
of work, unnoticed until someone needed the figures. This reads every script under bench/ and checks each
name it takes from one of our packages: `from reports import outbox` must find `outbox`, and
`outbox.deferred` must find `deferred`, in the module as it is now.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("archive", "bench", "reports", "search")


def _ours(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in OURS


def stale_references(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, object] = {}  # a name in the script -> the module object it stands for
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and _ours(node.module):
            module = importlib.import_module(node.module)
            for name in node.names:
                if name.name == "*":
                    continue
                try:
                    value = getattr(module, name.name)
                except AttributeError:
                    try:
                        value = importlib.import_module(f"{node.module}.{name.name}")
                    except ImportError:
                        problems.append(f"line {node.lineno}: {node.module} has no {name.name}")
                        continue
                if isinstance(value, type(module)):
                    aliases[name.asname or name.name] = value
        elif isinstance(node, ast.Import):
            for name in node.names:
                if _ours(name.name):
                    try:
                        module = importlib.import_module(name.name)
                    except ImportError:
                        problems.append(f"line {node.lineno}: no module {name.name}")
                        continue
                    if name.asname:
                        aliases[name.asname] = module
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            module = aliases[node.value.id]
            if isinstance(node.ctx, ast.Load) and not hasattr(module, node.attr):
                problems.append(f"line {node.lineno}: {module.__name__} has no {node.attr}")
    return problems


SCRIPTS = sorted((ROOT / "bench").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_benchmark_script_names_only_what_the_project_has(script):
    assert stale_references(script) == []


def test_the_check_finds_a_stale_name(tmp_path):
    script = tmp_path / "old.py"
    script.write_text("from search import indexing\n\nwith indexing.deferred():\n    pass\n")
    assert stale_references(script) == ["line 3: search.indexing has no deferred"]
