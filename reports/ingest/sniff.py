"""Which kind of document a file really is, from its bytes first and its name second.

A file renamed to .txt is still a PNG; a .docx that is not a zip is broken. Refusing early, with the kind we
saw, is kinder than a page of mojibake.
"""

from __future__ import annotations

import re

from reports.ingest.types import IngestError

KINDS = {
    "txt": "text/plain",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
MAGIC = [
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable program"),
    (b"MZ", "Windows program"),
    (b"{\\rtf", "RTF document"),
]
_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<meta|<body)", re.I | re.S)


def sniff(data: bytes, filename: str) -> str:
    """Return 'txt', 'html', 'docx' or 'pdf', or raise IngestError naming what the file is instead."""
    if not data:
        raise IngestError("the file is empty")
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    claimed = EXTENSIONS.get(ext)
    head = data[:16]
    if ext and claimed is None:
        raise IngestError(f"has an unsupported type {ext!r}; upload .txt, .html, .docx or .pdf")
    seen = next((kind for magic, kind in MAGIC if head.startswith(magic)), None)
    if seen == "pdf":
        return "pdf"
    if seen == "zip":
        if claimed in (None, "docx") or b"word/document.xml" in data[:65536] or b"word/" in data[-65536:]:
            return "docx"
        raise IngestError(f"is named {ext} but is a zip archive")
    if seen == "ole":
        raise IngestError(
            "is an old binary Word/Excel file (.doc/.xls); save it as .docx or .txt and upload again"
        )
    if seen:
        raise IngestError(
            f"is a {seen}, not a release document" + (f" (despite its {ext} name)" if ext else "")
        )
    body = data.lstrip(b"\xef\xbb\xbf")
    if claimed == "html" or _HTML.match(body[:2048]):
        return "html"
    if claimed in ("docx", "pdf"):
        raise IngestError(f"is named {ext} but is not a {claimed.upper()} file")
    return "txt"
