"""Where the seed releases live, and what happens when they are not there. Plain Python (no pytest, no Django):
`bench/` uses it too.

The seeds are real third-party releases we test against but may not redistribute, so they are not in the
repository: they sit in `../shared/seeds` beside our own checkouts, or wherever `ARCHIVE_SEEDS_DIR` says.
On a fresh clone they are missing, and the tests that need them stand aside, counted in one summary line
(tests/conftest.py); CI sets `ARCHIVE_REQUIRE_SEEDS=1`, which turns a missing seed into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("ARCHIVE_SEEDS_DIR") or ROOT.parent / "shared" / "seeds")
GUIYANG_SEED = "000_21be0218603827b1.txt"
SHENYANG_SEED = "004_7fa52357448e1af8.txt"
SEED_NAMES = (GUIYANG_SEED, SHENYANG_SEED)
# Stems of the seed files: keys of the imported archive (tests/conftest.py `archive`).
SEED_STEMS = frozenset(Path(name).stem for name in SEED_NAMES)


class SeedsMissing(FileNotFoundError):
    """A test or benchmark asked for a seed that is not on this machine."""


def seeds_required() -> bool:
    return os.environ.get("ARCHIVE_REQUIRE_SEEDS", "").strip() not in ("", "0")


def seeds_available() -> bool:
    return all((SEEDS_DIR / name).is_file() for name in SEED_NAMES)


def missing_message() -> str:
    return f"{SEEDS_DIR} is missing (set ARCHIVE_SEEDS_DIR to the folder holding {', '.join(SEED_NAMES)})"


def need_seeds() -> None:
    """Raise SeedsMissing unless every seed is here: for tests whose data only the seeds provide."""
    if not seeds_available():
        raise SeedsMissing(missing_message())


def seed_path(name: str) -> Path:
    path = SEEDS_DIR / name
    if not path.is_file():
        raise SeedsMissing(f"seed {path} is missing: {missing_message()}")
    return path
