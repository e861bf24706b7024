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
