"""Bytes to text: every encoding a release arrives in, and every kind of file that is not a release."""

import random
import zipfile
from io import BytesIO

import pytest

from reports.ingest.pipeline import parse_release, read_document
from reports.ingest.script import detect_script
from reports.ingest.sniff import sniff
from reports.ingest.text import clean_stored_text, normal_view
from reports.ingest.textcodec import decode_text
from reports.ingest.types import IngestError

SIMPLIFIED = (
    "沈阳市中级人民法院审结电信网络诈骗案件4380件,同比下降11.6%。全市检察机关批捕涉网络犯罪621件808人。"
)
TRADITIONAL = (
    "瀋陽市中級人民法院審結電信網絡詐騙案件4380件,同比下降11.6%。全市檢察機關批捕涉網絡犯罪621件808人。"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (SIMPLIFIED.encode("utf-16"), "utf-16"),
        (SIMPLIFIED.encode("gbk"), "gbk"),
        (TRADITIONAL.encode("big5"), "big5hkscs"),
    ],
)
def test_each_encoding_reads_back_the_same_text(data, encoding):
    decoded = decode_text(data)
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff") in (SIMPLIFIED, TRADITIONAL)


def test_gb18030_only_characters_are_read():
    text = SIMPLIFIED + "𠮷"  # outside GBK, inside GB18030
    decoded = decode_text(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


def test_big5_is_not_mistaken_for_gbk():
    # Many Big5 byte strings also decode as GB18030, into rare characters; the score must prefer Big5.
    text = "臺灣省議會" * 3 + "市公安局"
    data = text.encode("big5")
    data.decode("gb18030")  # "succeeds", as nonsense
    decoded = decode_text(data)
    assert decoded.text == text
    assert decoded.encoding == "big5hkscs"


def test_a_few_broken_bytes_are_repaired_and_reported():
    data = (SIMPLIFIED * 40).encode("utf-8")
    data = data[:500] + b"\xff" + data[500:]
    decoded = decode_text(data)
    assert "\ufffd" in decoded.text
    assert "replaced" in decoded.notes[0]


def test_random_bytes_are_refused_with_a_reason():
    data = random.Random(7).randbytes(4096)
    with pytest.raises(IngestError, match="cannot be decoded|binary"):
        parse_release(data, "noise.txt")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.txt", "PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.doc", r"\.doc"),
        (b"%PDF-1.4 garbage", "broken.pdf", "damaged|not a PDF"),
        (b"not a zip at all", "fake.docx", "not a DOCX|not a Word"),
        (b"MZ\x90\x00" + bytes(60), "setup.exe", "unsupported type"),
        (b"   \n\n  ", "blank.txt", "too little text"),
        (b"hello", "tiny.txt", "too little text"),
    ],
)
def test_not_a_release(data, name, message):
    with pytest.raises(IngestError, match=message):
        parse_release(data, name)


def test_zip_named_txt_is_refused():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(IngestError, match="zip archive"):
        sniff(buffer.getvalue(), "release.txt")


def test_html_is_recognised_whatever_its_name():
    assert sniff(b"<!DOCTYPE html><html><body>x</body></html>", "page.txt") == "html"


def test_stored_text_keeps_full_width_forms_and_normalises_only_line_layout():
    raw = "\u3000\u3000审结案件\uff12\uff11\uff12件\uff0c同比下降\uff11\uff11\uff0e\uff16\uff05\u3002  \r\n\r\n\r\n\r\n下一段\u2028末行"
    assert clean_stored_text(raw) == (
        "审结案件\uff12\uff11\uff12件\uff0c同比下降\uff11\uff11\uff0e\uff16\uff05\u3002\n\n下一段\n末行"
    )


def test_stored_text_keeps_invisible_characters_and_symbols_the_view_drops():
    raw = "審\u200b結(jié)★案件"
    assert clean_stored_text(raw) == raw
    assert normal_view(raw).simp == "审结案件"


def test_normalisation_repairs_pdf_radicals():
    # PDF text layers map 民/工/门 to radical code points; the stored text repairs them (see the README).
    assert clean_stored_text("\u2ea0\u2f2f\u2ed4") == "民工门"


def test_script_detection():
    assert detect_script(SIMPLIFIED) == "simplified"
    assert detect_script(TRADITIONAL) == "traditional"
    assert detect_script(SIMPLIFIED + TRADITIONAL) == "mixed"


def test_gbk_sample_reads_as_gbk():
    from tests.conftest import SAMPLES_DIR

    data = (SAMPLES_DIR / "01_luoyang_pingan.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, content_type, _, notes = read_document(data, "01.txt")
    assert content_type == "text/plain"
    assert "read as gbk" in notes
    assert "洛阳" in text and "\r" not in text
