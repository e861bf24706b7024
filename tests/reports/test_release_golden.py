"""Every golden input parses into exactly its expected summary (see tests/reports/release_golden.py)."""

import json

import pytest

from tests.reports.release_golden import cases, expected_path, summarize

CASES = cases()


def test_every_case_has_an_expected_file():
    missing = [name for name in CASES if not expected_path(name).exists()]
    assert not missing, f"no expected JSON for {missing}; run: python -m tests.reports.release_golden regen"
    assert any(n.startswith("seed-") for n in CASES), "the seeds are not among the cases"


@pytest.mark.parametrize("name", sorted(CASES))
def test_release_golden(name):
    expected = json.loads(expected_path(name).read_text(encoding="utf-8"))
    actual = summarize(CASES[name])
    assert actual == expected
