"""HTML pages, Word documents and PDFs: the article text and nothing else."""

import io
import zipfile
from pathlib import Path

import pytest

from reports.ingest.documents import MAX_XML_BYTES, docx_to_text, pdf_to_text
from reports.ingest.htmltext import html_to_article
from reports.ingest.pipeline import parse_release
from reports.ingest.types import IngestError

FIXTURES = Path(__file__).parent / "fixtures"

PAGE = """<!DOCTYPE html><html><head>
<meta charset="{charset}"><title>临沂法院通报执行工作 - 样稿新闻网</title>
<meta name="publishdate" content="2024-05-20"><link rel="canonical" href="https://example.org/a/1.html">
<style>p {{ color: red }}</style><script>var city = "济南市";</script></head>
<body><div class="nav"><a href="/">首页</a><a href="/x">济南新闻</a><a href="/y">青岛新闻</a></div>
<div class="main"><h1>临沂法院通报执行工作</h1>
<div class="info"><span>来源:样稿通讯社</span><span>2024-05-20 09:00</span></div>
<div class="article-content">
<p>5月18日,临沂市中级人民法院召开新闻发布会,通报今年以来全市法院执行工作情况。</p>
<p>全市法院共执结案件2.3万件,执行到位金额41.6亿元,同比上升8.2%。</p>
<p>有群众收到短信“&lt;script&gt;alert(1)&lt;/script&gt;点击领取退款”,法院提醒谨防诈骗。</p>
</div></div>
<div class="sidebar"><p>相关新闻:济南市公安局通报夏季治安整治行动成效显著,成绩突出</p></div>
<div class="footer">版权所有 样稿新闻网 备案号00000000</div></body></html>"""


def test_html_keeps_the_article_and_drops_the_page():
    article = html_to_article(PAGE.format(charset="utf-8").encode("utf-8"))
    assert article.title == "临沂法院通报执行工作"
    assert article.published == "2024-05-20"
    assert article.outlet == "样稿通讯社"
    assert article.source_url == "https://example.org/a/1.html"
    assert "执行到位金额41.6亿元" in article.text
    assert "<script>alert(1)</script>" in article.text  # the quoted text, unescaped once
    for noise in ("济南", "青岛", "版权所有", "color", "var city"):
        assert noise not in article.text


def test_html_declared_gbk_is_read_as_gbk():
    article = html_to_article(PAGE.format(charset="gb2312").encode("gbk"))
    assert "临沂市中级人民法院" in article.text


def test_html_page_becomes_a_release_with_its_metadata():
    parsed = parse_release(PAGE.format(charset="utf-8").encode("utf-8"), "page.html")
    assert parsed.content_type == "text/html"
    assert parsed.city.name == "临沂市"
    assert parsed.published_on.iso() == "2024-05-20"
    assert parsed.held_on.iso() == "2024-05-18"
    assert parsed.source_url == "https://example.org/a/1.html"


def test_html_without_article_text_is_refused():
    with pytest.raises(IngestError, match="no article text"):
        html_to_article(b"<html><body><nav><a href='/'>home</a></nav></body></html>")


def make_docx(paragraphs, extra=None) -> bytes:
    body = "".join(
        "<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{run}</w:t></w:r>' for run in runs) + "</w:p>"
        for runs in paragraphs
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", extra if extra is not None else xml)
    return buffer.getvalue()


def test_docx_runs_are_joined_without_spaces():
    data = make_docx([["青岛市公安局通报:破获案件1,", "126件"], ["第二段"]])
    assert docx_to_text(data) == "青岛市公安局通报:破获案件1,126件\n第二段"


def test_docx_zip_bomb_is_refused():
    huge = "<a>" + " " * (MAX_XML_BYTES + 10) + "</a>"
    with pytest.raises(IngestError, match="implausible size"):
        docx_to_text(make_docx([], extra=huge))


def test_docx_without_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("other.xml", "<x/>")
    with pytest.raises(IngestError, match="not a Word document"):
        docx_to_text(buffer.getvalue())


def test_damaged_docx_xml_is_refused():
    with pytest.raises(IngestError, match="damaged"):
        docx_to_text(make_docx([], extra="<w:document><unclosed>"))


def test_sample_docx_parses_into_its_sections():
    from tests.conftest import SAMPLES_DIR

    parsed = parse_release((SAMPLES_DIR / "03_mianyang_jiancha.docx").read_bytes(), "03.docx")
    assert parsed.city.name == "绵阳市"
    assert [s.agency for s in parsed.sections] == [
        "other",
        "political_legal_committee",
        "court",
        "procuratorate",
        "police",
        "justice_bureau",
    ]


def test_text_pdf_is_read():
    text = pdf_to_text((FIXTURES / "text_layer.pdf").read_bytes())
    assert "烟台市" in text and "36.5" in text


def test_pdf_release_is_parsed_with_radicals_repaired():
    parsed = parse_release((FIXTURES / "text_layer.pdf").read_bytes(), "yantai.pdf")
    assert parsed.content_type == "application/pdf"
    assert parsed.city.name == "烟台市"
    assert any(s.agency == "court" and "人民法院" in s.text for s in parsed.sections)
    assert any(f.value == 3650000000 for s in parsed.sections for f in s.figures)


def test_scanned_pdf_is_refused():
    with pytest.raises(IngestError, match="no text layer"):
        pdf_to_text((FIXTURES / "no_text_layer.pdf").read_bytes())
