"""Word (.docx) and PDF releases to text.

A .docx is a zip: we read word/document.xml ourselves (stdlib only) after checking the archive cannot
expand into something huge. A PDF must carry a text layer; scanned pages are refused with that reason,
since we do not OCR.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from reports.ingest.types import IngestError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed; text XML rarely passes 20
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_SENTENCE_END = tuple("。!?;:!?;:”」』)")


def docx_to_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise IngestError("is named .docx but is not a Word document (not a valid zip archive)") from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise IngestError("is a zip archive but not a Word document (no word/document.xml)") from None
        if info.file_size > MAX_XML_BYTES or info.file_size > max(info.compress_size, 1) * MAX_RATIO:
            raise IngestError("the Word document expands to an implausible size (a zip bomb?); refused")
        try:
            xml = _read_limited(archive, info)
            root = ET.fromstring(xml)
        except (zipfile.BadZipFile, ET.ParseError, EOFError, RuntimeError, ValueError) as exc:
            raise IngestError(f"the Word document is damaged: {exc}") from None
    paragraphs = []
    for para in root.iter(f"{W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{W}tab":
                parts.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    text = "\n".join(paragraphs).strip()
    if not text:
        raise IngestError("the Word document contains no text")
    return text


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # The header's size can lie; stop reading past the limit instead of trusting it.
    with archive.open(info) as fh:
        data = fh.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise ValueError("document.xml is larger than allowed")
    return data


def pdf_to_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a declared dependency
        raise IngestError("PDF support is not installed (pypdf)") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise IngestError("the PDF is encrypted; upload an unprotected copy") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise IngestError(f"the PDF is damaged or not a PDF: {exc}") from None
    text = "\n".join(_join_wrapped_lines(page) for page in pages).strip()
    if len(_WORDY.findall(text)) < 20 * max(1, len(pages)):
        raise IngestError("the PDF has no text layer (a scan?); OCR is not supported, upload a text PDF")
    return text


def _join_wrapped_lines(page: str) -> str:
    """Undo the PDF's line wrapping: a line that fills the measure and does not end a sentence continues."""
    lines = [line.strip() for line in page.splitlines()]
    widths = sorted(len(line) for line in lines if line)
    if not widths:
        return ""
    full = widths[int(len(widths) * 0.8)]  # the typical length of a full line
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and len(out[-1]) >= full - 1 and not out[-1].endswith(_SENTENCE_END):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
