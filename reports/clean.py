"""Control characters: one definition for everything that reaches a header, a URL parameter or a column.

C0 controls and DEL are never part of what a reader typed or a publisher titled: XML 1.0 cannot carry them
(the Atom feed), HTTP headers refuse CR/LF (the download's filename), and PostgreSQL text refuses NUL.
"""

import re

CONTROL_RE = re.compile("[\x00-\x1f\x7f]")


def without_controls(value: str, replacement: str = " ") -> str:
    return CONTROL_RE.sub(replacement, value)


def clean_filename(filename: str) -> str:
    """The name a release stores and offers for download: controls become `_`; at most 255 characters."""
    return re.sub("[\x00-\x1f\x7f]+", "_", filename)[:255] or "release"
