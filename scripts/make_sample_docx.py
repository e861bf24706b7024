"""Build samples/03_mianyang_jiancha.docx from its source text, with the standard library only.

The sample exercises the .docx reader, so the document is shaped like one Word saves: a Title paragraph,
Heading1 paragraphs for the numbered sections (一、…), bold lead-ins for the （一） sub-headings, and
paragraphs whose text is split over several runs mid-sentence (and once mid-number), with the odd
proofErr and _GoBack bookmark in between. The reader must join runs and ignore the rest.

The output is deterministic (fixed zip timestamps and member order), so re-running gives identical bytes
and the sample's sha256 stays stable for the duplicate-import tests.

    python3 scripts/make_sample_docx.py            # writes samples/03_mianyang_jiancha.docx
    python3 scripts/make_sample_docx.py --check    # exit 1 if the committed file is out of date
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "sample_sources" / "03_mianyang_jiancha.txt"
OUTPUT = ROOT / "samples" / "03_mianyang_jiancha.docx"

# A fixed timestamp for every zip member: zip stores local time without a zone, so this is the only way to
# get the same bytes on every machine.
ZIP_DATE = (2025, 9, 12, 8, 0, 0)
CREATED = "2025-09-12T08:00:00Z"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SUB_HEADING = re.compile(r"^([\uff08(][一二三四五六七八九十]+[\uff09)][^。]*。)(.*)$")
# Word starts a new run wherever an edit session (rsid) changed; numbers are typical places because they
# get retyped. Split before each run of digits, and inside a thousands separator once in a while.
NUMBER = re.compile(r"\d[\d,.]*%?")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>
"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>
"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>
"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋" w:hAnsi="Times New Roman"/>\
<w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>\
<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
<w:pPr><w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>\
<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>
</w:styles>
"""


def core_xml(title: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{escape(title)}</dc:title>
<dc:creator>样稿通讯社</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">{CREATED}</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">{CREATED}</dcterms:modified>
</cp:coreProperties>
"""


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def split_runs(text: str, counter: list[int]) -> list[str]:
    """Cut a paragraph's text where Word would plausibly have started new runs."""
    pieces: list[str] = []
    last = 0
    for match in NUMBER.finditer(text):
        if match.start() > last:
            pieces.append(text[last : match.start()])
        number = match.group(0)
        counter[0] += 1
        # Every fifth number with a thousands separator is cut after the comma: "1," + "180".
        if "," in number and counter[0] % 5 == 0:
            cut = number.index(",") + 1
            pieces.extend([number[:cut], number[cut:]])
        else:
            pieces.append(number)
        last = match.end()
    if last < len(text):
        pieces.append(text[last:])
    # Glue each number to the text after it, so runs end mid-sentence as Word's do rather than on every
    # number boundary.
    runs: list[str] = []
    for piece in pieces:
        if runs and NUMBER.fullmatch(runs[-1]) and not piece[:1].isdigit():
            runs[-1] += piece
        else:
            runs.append(piece)
    return runs


def paragraph(line: str, index: int, counter: list[int]) -> str:
    if index == 0:
        return f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{run(line)}</w:p>'
    if SECTION_HEADING.match(line):
        return f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run(line)}</w:p>'
    parts: list[str] = []
    rest = line
    sub = SUB_HEADING.match(line)
    if sub:
        parts.append(run(sub.group(1), bold=True))
        rest = sub.group(2)
    for piece in split_runs(rest, counter):
        if "12309" in piece:
            # Word marks numbers it cannot spell-check; the markers sit between runs, not inside text.
            parts.append('<w:proofErr w:type="spellStart"/>' + run(piece) + '<w:proofErr w:type="spellEnd"/>')
        else:
            parts.append(run(piece))
    return "<w:p>" + "".join(parts) + "</w:p>"


def document_xml(lines: list[str]) -> str:
    counter = [0]
    paragraphs = [paragraph(line, i, counter) for i, line in enumerate(lines)]
    # Word leaves a _GoBack bookmark where the cursor was last; put it in the final paragraph.
    paragraphs[-1] = paragraphs[-1].replace(
        "<w:p>", '<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>', 1
    )
    body = "\n".join(paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">\n<w:body>\n{body}\n'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
        "</w:sectPr>\n</w:body>\n</w:document>\n"
    )


def build(source: Path = SOURCE) -> bytes:
    lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    members = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", core_xml(lines[0])),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document_xml(lines)),
        ("word/styles.xml", STYLES),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, text.encode("utf-8"), compresslevel=9)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file on disk differs")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = build()
    if args.check:
        if not args.output.exists() or args.output.read_bytes() != data:
            print(f"{args.output} is out of date: run scripts/make_sample_docx.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
