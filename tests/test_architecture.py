"""Data flows one way: the data side (reports) never imports the search app, not even lazily in a function."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def absolute_imports(path: Path):
    """(line, module names) of each absolute import in `path`, lazy ones inside functions included; for
    `from a.b import c`, both a.b and a.b.c (c may be a module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield node.lineno, [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]


def search_imports(path: Path) -> list[str]:
    found = []
    for line, names in absolute_imports(path):
        hits = sorted({name for name in names if name.split(".")[0] == "search"})
        found += [f"{path}:{line} {name}" for name in hits][:1]
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


# --- the search engine never reaches up into the page layer -----------------------------------------------
# search/views.py is search's page layer: it may use reports' page helpers (labels, links), and apps.py wires
# the engine into the page layer's hooks (the feeds' query finder). The engine (parsing, matching, ranking,
# backends, the service) must not: it serves pages, feeds and commands alike.
PAGE_LAYER = ("reports.browse", "reports.views", "reports.templatetags")
SEARCH_PAGES = {"views.py", "apps.py"}


def page_imports(path: Path) -> list[str]:
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for line, names in absolute_imports(path):
        hits = sorted({name for name in names if name.startswith(PAGE_LAYER)})
        found += [f"{where}:{line} {name}" for name in hits][:1]
    return found


def test_the_search_engine_never_imports_the_page_layer():
    files = [p for p in sorted((ROOT / "search").rglob("*.py")) if p.name not in SEARCH_PAGES]
    offenders = [hit for path in files for hit in page_imports(path)]
    assert offenders == [], offenders


def test_the_page_layer_check_sees_an_import_of_a_page_helper(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from reports.browse.parts import section_url\n")
    assert len(page_imports(probe)) == 1


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
            # `from pkg import mod` imports pkg.mod (and runs pkg/__init__, which is no edge of ours):
            # counting pkg too would make every package's __init__ look like part of a cycle.
            candidates = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
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
    assert import_cycles(ROOT / "search") == []


def test_the_cycle_check_sees_a_cycle_through_a_package(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from pkg.sub.b import y\n")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "b.py").write_text("from pkg import a\n")
    assert import_cycles(pkg, tmp_path) == [["pkg.a", "pkg.sub.b"]]


def test_the_cycle_check_sees_a_lazy_cycle(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("from pkg.b import x\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n")
    assert import_cycles(pkg, tmp_path) == [["pkg.a", "pkg.b"]]


# --- Whoosh through its public API only (issue 10) ------------------------------------------------------
# Private members of Whoosh's objects and assignments to its modules and classes (monkey-patches) pin us to
# one release of whoosh-reloaded. A line that must go around Whoosh says why, with the figures measured,
# in a `# measured:` comment on that line.
WHOOSH_PRIVATE = {"_read_ids", "_read_weights", "_ids", "_weights", "_next_block", "_read_toc"}


def whoosh_violations(path: Path, always: bool = False) -> list[str]:
    """Private members and monkey-patches in `path`; only files importing whoosh are looked at, unless
    `always` (our Whoosh backend's modules, which hold Whoosh objects they got from one another)."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    whoosh_names = set()  # names bound by `import whoosh…` / `from whoosh… import …`
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            whoosh_names |= {
                (a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] == "whoosh"
            }
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").split(".")[0] == "whoosh"
        ):
            whoosh_names |= {a.asname or a.name for a in node.names}
    if not whoosh_names and not always:
        return []

    def root(node):
        while isinstance(node, ast.Attribute):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        why = None
        if isinstance(node, ast.Attribute):
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            if node.attr in WHOOSH_PRIVATE or (private and root(node) not in ("self", "cls")):
                why = f"private member {node.attr}"
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and root(target) in whoosh_names:
                    why = f"assignment to {ast.unparse(target)}"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("setattr", "delattr")
        ):
            if node.args and root(node.args[0]) in whoosh_names:
                why = f"{node.func.id} on {ast.unparse(node.args[0])}"
        if why and "# measured:" not in lines[node.lineno - 1]:
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            found.append((node.lineno, f"{where}:{node.lineno} {why}"))
    return [hit for _, hit in sorted(found)]


def test_search_uses_whoosh_through_its_public_api_only():
    # bench/ too: a benchmark reproducing the former private way to time it says so on each line.
    files = sorted((ROOT / "search").rglob("*.py")) + sorted((ROOT / "bench").glob("*.py"))
    assert sum("whoosh" in p.read_text(encoding="utf-8") for p in files) > 5  # the walk sees the backend
    offenders = [
        hit for path in files for hit in whoosh_violations(path, always=path.name.startswith("whoosh"))
    ]
    assert offenders == [], (
        "Whoosh's private API or a monkey-patch, without a `# measured:` reason: " + ", ".join(offenders)
    )


def test_the_whoosh_check_sees_private_members_and_monkey_patches(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        "from whoosh.codec import whoosh3\n"
        "def f(matcher, ix):\n"
        "    matcher._read_ids()\n"
        "    ix.storage._x = 1\n"
        "    info = ix._read_toc()  # measured: 40 ms less per open at 10,000 releases\n"
        "    self._mine = 1\n"
        "    whoosh3.W3PerDocReader.doc_field_length = f\n"
        "    setattr(whoosh3, 'W3Codec', None)\n"
    )
    found = whoosh_violations(sample)
    assert [hit.split(" ", 1)[1] for hit in found] == [
        "private member _read_ids",
        "private member _x",
        "assignment to whoosh3.W3PerDocReader.doc_field_length",
        "setattr on whoosh3",
    ], found
    # Without an import of whoosh, nothing is looked at, except in our Whoosh backend's own modules.
    sample.write_text("def f(m):\n    m._ids\n")
    assert whoosh_violations(sample) == []
    assert len(whoosh_violations(sample, always=True)) == 1
