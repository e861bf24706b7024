"""Text as published, and the normalised view that reads through width and mirror noise (issue 8).

The stored text of a release and of its sections is the decoded original; every rule reads the normalised view
and maps what it finds back, so figure spans name the published characters.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.ingest.figures import extract_figures
from reports.ingest.pipeline import Hints, parse_release
from reports.ingest.text import clean_stored_text, fold_width, normal_view
from tests.conftest import GUIYANG_SEED, SHENYANG_SEED, seed_path

FULL_WIDTH = str.maketrans(
    {**{c: chr(ord(c) + 0xFEE0) for c in ",:;()"}, **{d: chr(ord(d) + 0xFEE0) for d in "0123456789"}}
)

# Our own release in the shape of a mirror copy: traditional script, full-width forms, pinyin glosses after
# some characters, a symbol run splitting a word, a zero-width space inside a number. Figures are invented.
MIRROR = (
    "許昌市召開平安建設新聞發布會\r\n"
    "\r\n"
    "\u3000\u3000記者從許昌市委政法委獲悉，今年以來，全市政法機關(guān)紮實推進平安建設。\r\n"
    "\r\n"
    "市中級人民法院：今年以來，全市兩級法院受理各類案件３２１５件，審結(jié)２９８７件，"
    "結案率同比提高11個(gè)百分點(diǎn)。\r\n"
    "\r\n"
    "市公安局：刑事警情同比下降１２．５％，破獲電信★★網絡詐騙案件１\u200b８６起，挽回群眾損失４６０萬元。\r\n"
)


def fig(figures, text):
    found = [f for f in figures if f.text == text]
    assert found, (text, [f.text for f in figures])
    return found[0]


# --- the view ---------------------------------------------------------------------------------------------


def test_view_folds_widths_and_maps_every_index_back():
    text = "审结案件２１２件，同比下降１１．６％。"
    view = normal_view(text)
    assert view.text == "审结案件212件,同比下降11.6%。"
    assert view.offsets is None  # nothing dropped: the identity map
    assert view.cut(4, 8) == "２１２件"


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("機關(guān)", "機關"),
        ("審結(jié)案件", "審結案件"),
        ("11個(gè)百分點(diǎn)", "11個百分點"),
        ("機關（guān）", "機關"),  # full-width parentheses
        ("百分點(bǎi fēn diǎn)", "百分點"),
        ("審\u200b結\u00ad案\ufeff件", "審結案件"),
        ("電信★☆網絡■詐騙◆案件●", "電信網絡詐騙案件"),
    ],
)
def test_view_drops_mirror_noise(written, reads):
    view = normal_view(written)
    assert view.text == reads
    # every view character maps to the same character (folded) of the original
    for i, ch in enumerate(view.text):
        assert fold_width(written[view.at(i)]) == ch


@pytest.mark.parametrize(
    "kept",
    [
        "(一)加强源头治理",
        "报告(2025)显示",
        "推进AI(人工智能)应用",
        "人工智能(AI)赋能",
        "的(de)",
        "二○二五年",
        "“2·24”专案",
    ],
)
def test_view_keeps_real_parenthesised_content_and_year_digits(kept):
    assert normal_view(kept).text == fold_width(kept)


def test_view_span_keeps_a_gloss_inside_and_leaves_one_after_the_end_out():
    view = normal_view("下降1.9萬(wàn)名(míng)，")
    start = view.text.index("1.9")
    end = view.text.index("名") + 1
    assert view.cut(start, end) == "1.9萬(wàn)名"


def test_stored_text_normalises_only_line_layout():
    stored = clean_stored_text(MIRROR)
    assert "\r" not in stored and "\n\n\n" not in stored
    assert (
        stored.startswith("許昌市召開") and "\n記者從" in stored
    )  # the ideographic indent is line edge space
    # everything else is the original, character for character
    assert stored.replace("\n", "") == MIRROR.replace("\r\n", "").replace("\u3000\u3000", "")


# --- a release as a mirror publishes it ---------------------------------------------------------------------


def test_mirror_release_keeps_its_text_and_reads_its_figures():
    release = parse_release(MIRROR.encode("utf-8"), "mirror.txt")
    assert release.text == clean_stored_text(MIRROR)
    court = next(s for s in release.sections if s.agency == "court")
    police = next(s for s in release.sections if s.agency == "police")
    assert court.heading == "市中級人民法院" or court.heading.startswith("市中級人民法院")
    assert court.agency_name == "市中級人民法院"
    for section in release.sections:
        for line in section.text.split("\n"):
            assert line in release.text
        for f in section.figures:
            assert section.text[f.start : f.end] == f.text
    assert fig(court.figures, "３２１５件").value == Decimal(3215)
    closed = fig(court.figures, "２９８７件")
    assert closed.value == Decimal(2987) and closed.subject.startswith("审结")
    points = fig(court.figures, "11個(gè)百分點")
    assert points.value == Decimal(11) and points.unit == "个百分点" and points.is_change
    assert fig(police.figures, "１２．５％").value == Decimal("12.5")
    cases = fig(police.figures, "１\u200b８６起")
    assert cases.value == Decimal(186) and cases.subject == "破获电信网络诈骗案件"
    assert fig(police.figures, "４６０萬元").value == Decimal(4600000)


def test_figures_on_a_gloss_split_unit_read_percentage_points_not_ge():
    text = "结案率同比提高11個(gè)百分點(diǎn)。"
    (only,) = extract_figures(text)
    assert (only.value, only.unit, only.text) == (Decimal(11), "个百分点", "11個(gè)百分點")


# --- the seeds rewritten with full-width punctuation and digits ----------------------------------------------


@pytest.mark.parametrize("name", [GUIYANG_SEED, SHENYANG_SEED])
def test_full_width_seed_keeps_its_text_and_reads_the_same_figures(name):
    data = seed_path(name).read_bytes()
    decoded = data.decode("utf-8").translate(FULL_WIDTH)
    assert decoded != data.decode("utf-8")
    wide = parse_release(decoded.encode("utf-8"), name)
    narrow = parse_release(data, name)

    assert wide.text == clean_stored_text(decoded)
    assert "２０２５" in wide.text and "，" in wide.text  # full-width digits and punctuation kept
    for section in wide.sections:
        for line in section.text.split("\n"):
            assert line in decoded, line  # a verbatim piece of the decoded original
        for f in section.figures:
            assert section.text[f.start : f.end] == f.text

    # The same reading as the ASCII original: sections, agencies, and every figure's value and unit.
    assert [(s.agency, s.agency_name) for s in wide.sections] == [
        (s.agency, s.agency_name) for s in narrow.sections
    ]
    for w, n in zip(wide.sections, narrow.sections, strict=True):
        assert fold_width(w.text) == fold_width(n.text)
        assert [(fold_width(f.text), f.value, f.unit, f.is_change, f.direction) for f in w.figures] == [
            (fold_width(f.text), f.value, f.unit, f.is_change, f.direction) for f in n.figures
        ]
    wide_digits = [f for s in wide.sections for f in s.figures if any("０" <= c <= "９" for c in f.text)]
    assert len(wide_digits) > 20


def test_a_title_given_in_folded_form_gives_way_to_the_title_as_published():
    # Archives imported before issue 8 hold folded titles; re-parsing passes them as hints.
    text = MIRROR.replace("許昌市召開平安建設新聞發布會", "許昌：平安建設新聞發布會（第２期）")
    release = parse_release(text.encode("utf-8"), "m.txt", Hints(title="許昌:平安建設新聞發布會(第2期)"))
    assert release.title == "許昌：平安建設新聞發布會（第２期）"
    edited = parse_release(text.encode("utf-8"), "m.txt", Hints(title="許昌平安建設發布會"))
    assert edited.title == "許昌平安建設發布會"  # an editor's own title stays


FULL_WIDTH_LAYOUT = (
    "許昌：平安建設發布會\n"
    "來源：許昌日報　2025年３月２日\n"
    "　　３月１日上午，許昌市召開平安建設新聞發布會。全市政法機關(guān)紮實推進平安建設，受理案件３２１件。\n"
    "市中級人民法院：今年以來，審結(jié)案件２９８件，同比上升１２．５％。\n"
    "（許昌日報、許昌全媒體記者張三）\n"
)


def test_title_header_dates_and_lead_ins_are_read_on_the_view_and_kept_as_published():
    release = parse_release(FULL_WIDTH_LAYOUT.encode("utf-8"), "x.txt")
    assert release.title == "許昌：平安建設發布會"
    assert release.outlet == "許昌日報"
    assert release.published_on.iso() == "2025-03-02"  # from full-width digits in the header
    assert release.held_on.iso() == "2025-03-01"
    assert release.city.name == "许昌市"
    court = release.sections[-1]
    assert (court.agency, court.heading, court.agency_name) == ("court", "市中級人民法院", "市中級人民法院")
    assert [f.text for f in court.figures] == ["２９８件", "１２．５％"]


def test_closing_byline_in_full_width_parentheses_names_the_outlet():
    text = FULL_WIDTH_LAYOUT.replace("來源：許昌日報　2025年３月２日\n", "")
    assert parse_release(text.encode("utf-8"), "x.txt").outlet == "許昌日報"
