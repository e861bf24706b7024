"""Data flows one way: the data side (reports) never imports the search app, not even lazily in a function."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def search_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{path}:{node.lineno} {name}" for name in names if name.split(".")[0] == "search"]
    return found


def test_reports_never_imports_search():
    files = sorted((ROOT / "reports").rglob("*.py"))
    assert len(files) > 50  # the walk really covers the package
    offenders = [hit for path in files for hit in search_imports(path)]
    assert offenders == [], "reports must not import search (register a hook instead): " + ", ".join(
        offenders
    )


def test_the_check_sees_a_lazy_import_inside_a_function(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        "from searchable import x\ndef f():\n    from search import service\n    import search.indexing\n"
    )
    assert len(search_imports(sample)) == 2


# --- no import cycles inside search: a query's path reads one way ------------------------------------------


def module_name(path: Path, top: Path = ROOT) -> str:
    parts = list(path.relative_to(top).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str], top: Path = ROOT) -> set[str]:
    """Modules of `known` that `path` imports, at the top or lazily inside a function."""
    this = module_name(path, top)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in candidates if name in known and name != this}
    return found


def import_cycles(package: Path, top: Path = ROOT) -> list[list[str]]:
    files = {module_name(p, top): p for p in sorted(package.rglob("*.py")) if "migrations" not in p.parts}
    graph = {name: imported_modules(path, set(files), top) for name, path in files.items()}
    cycles = []
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(trail)
                elif nxt not in trail and nxt > start:  # each cycle once, from its smallest module
                    stack.append((nxt, [*trail, nxt]))
    return cycles


def test_search_modules_import_each_other_one_way():
    # Package __init__ files import their submodules by design (search.backends picks a backend).
    cycles = [c for c in import_cycles(ROOT / "search") if not any(m.endswith("backends") for m in c)]
    assert cycles == [], cycles


def test_the_cycle_check_sees_a_lazy_cycle(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("from pkg.b import x\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n")
    assert import_cycles(pkg, tmp_path) == [["pkg.a", "pkg.b"]]
