"""A release split into one section per reporting agency, the outlet's lead first.

A new section starts at
- a standalone heading line whose subject is an agency (贵阳市检察机关惩治网络犯罪…工作情况) or that reads as
  a report title (社会治安重点工作推进情况);
- a lead-in naming an agency before a colon (市法院:案件质效…), standalone or opening a paragraph;
- a numbered heading (一、市人民检察院…) naming an agency;
- a paragraph that opens with an official of another agency speaking (市公安局副局长某某介绍…), or with a
  speaker's label (市公安局新闻发言人某某:…);
- a paragraph whose subject is another agency (市检察院方面,… / 全市法院共受理… / 公安机关破获…);
- a question (记者问:…, 问:…, 某某报记者:…) or the moderator (主持人:…): the question opens a section whose
  agency is that of the official who answers (答(市检察院某某):…, 市公安局新闻发言人某某:…, or what the
  answer speaks for when it is a bare 答:).
Sub-headings (强化专业赋能,助力…; (一)…; 一是…) stay inside their section. The heading line, when there is
one, stays the first line of its section's text, so no figure in it is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reports.ingest import agencies
from reports.ingest.layout import Line

MAX_HEADING = 80
_REPORT_TITLE = re.compile(
    r"(?:工作)?(?:推进|开展|进展|落实|建设|有关|相关|基本|主要|总体)?(?:情况|成效|成果|进展|举措|综述|报告|通报)$"
)
_SUBHEAD_MARK = re.compile(
    r"^(?:[((][一二三四五六七八九十\d]+[))]|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,、]|\d+[.、])"
)
_NUMBERED = re.compile(r"^[一二三四五六七八九十]{1,3}[、.]\s*")
_LEAD_IN = re.compile(r"^(?P<head>[^,。::;!?]{2,20})[::]")
# A speaker's label can be longer than a lead-in: 市中级人民法院党组成员、副院长李某某:
_SPEAKER_LABEL = re.compile(rf"^(?P<head>[^,。::;!?]{{2,30}}?{agencies.OFFICIAL}\s*[\w·]{{0,4}})[::]")
# A question put to the panel, or the moderator handing over; the answer decides the section's agency.
_QUESTION = re.compile(r"^(?:[^,。::;!?\s]{0,12}?记者(?:提问|问)?|提问|问|主持人|主持)[::]")
_ANSWER = re.compile(r"^答\s*(?:\((?P<who>[^()]{1,40})\))?\s*[::]")
# Ahead of the organ that is a paragraph's subject: a level or the place's name, nothing that ends a clause.
# (我市, 该县, or a place's name: 柳州); a function word there (发布会由市检察院承办) makes the organ an object.
_OFFICIAL_NEXT = re.compile(rf"(?:有关)?负责|[\w、]{{0,12}}?{agencies.OFFICIAL}")
_SUBJECT_PREFIX = re.compile(r"^(?:[我该本]|[^由在对向与和会据经将被请为及是了从同\W\d]{2,4})?$")
_ENDS_SENTENCE = re.compile(r"[。!?;…]$|[。!?;](?!$)")
_CLAUSE_COMMA = re.compile(r"[,,]")


@dataclass
class RawSection:
    heading: str = ""
    agency: str | None = None
    lines: list[Line] = field(default_factory=list)
    heading_is_line: bool = False
    # Opened by a question or the moderator: the next agency to take the floor is this section's agency.
    pending: bool = False


def _standalone_heading(line: Line) -> str | None:
    """If this line is a section heading standing alone, the agency it names (or "" for a report title)."""
    simp = line.simp
    if len(simp) > MAX_HEADING or _ENDS_SENTENCE.search(simp) or _SUBHEAD_MARK.match(simp):
        return None
    if simp.endswith((":", ":")) and len(simp) > 20:
        return None
    body = _NUMBERED.sub("", simp)
    lead_in = _LEAD_IN.match(body)
    if lead_in:
        agency = agencies.heading_agency(lead_in["head"])
        if agency:
            return agency
    if _CLAUSE_COMMA.search(body):
        return None  # 聚焦执法司法,全力营造…: a parallel sub-heading inside a section
    agency = agencies.heading_agency(body)
    if agency and agencies.find_organs(body)[0].start <= 12:
        return agency
    if _REPORT_TITLE.search(body) and len(body) >= 6:
        return agency or ""
    return None


def _lead_in(line: Line) -> tuple[str, str] | None:
    """A paragraph opening with `市法院:`: (heading as written, agency)."""
    match = _LEAD_IN.match(_NUMBERED.sub("", line.simp))
    if not match:
        return None
    offset = len(line.simp) - len(_NUMBERED.sub("", line.simp))
    head = match["head"]
    agency = agencies.heading_agency(head)
    found = agencies.find_organs(head)
    if not agency or not found or found[0].start > 6 or len(head) > 16:
        label = _SPEAKER_LABEL.match(_NUMBERED.sub("", line.simp))
        found = agencies.find_organs(label["head"]) if label else []
        if not found or found[0].start > 6:
            return None
        head, agency = label["head"], found[0].agency
    return line.cut(0, offset + len(head)), agency


def _answer(line: Line) -> str | None:
    """The agency of the official named in `答(市检察院某某):`; "" for a bare 答:, None if no answer."""
    match = _ANSWER.match(line.simp)
    if not match:
        return None
    found = agencies.find_organs(match["who"] or "")
    return found[0].agency if found else ""


def _subject(line: Line) -> str | None:
    """The agency that is a paragraph's subject: 市检察院方面,… / 全市法院共受理… / 公安机关破获…"""
    if _SUBHEAD_MARK.match(line.simp):
        return None  # 一是…, (二)…: a point inside the current agency's report
    for mention in agencies.find_organs(line.simp[:30]):
        before = line.simp[: mention.start]
        after = line.simp[mention.end : mention.end + 1]
        if _OFFICIAL_NEXT.match(line.simp, mention.end):
            return None  # 市检察院有关负责同志…: an official speaking, which _speaker decides by its verbs
        if (
            mention.strong
            and mention.start <= 6
            and _SUBJECT_PREFIX.match(before)
            and after not in ("的", "和", "与", "、")
        ):
            return mention.agency
        break
    return None


def _speaker(line: Line) -> str | None:
    match = agencies.SPEAKER.match(line.simp)
    if not match:
        return None
    found = agencies.find_organs(match["organ"])
    return found[-1].agency if found else None


def _pieces(line: Line) -> list[Line]:
    """A paragraph cut before each sentence whose subject is an agency (…。全市检察机关起诉…).

    A semicolon cuts only after a full stop has: an overview's list (法院系统…;检察机关…;司法行政…) is
    one agency's account of the others and stays whole, as an editor keeps it.
    """
    cuts = [0]
    for match in re.finditer(r"[。;]", line.simp):
        rest = Line(line.cut(match.end(), len(line.simp)), line.simp[match.end() :])
        if match.group() == ";" and len(cuts) == 1:
            continue
        if rest.simp and _subject(rest):
            cuts.append(match.end())
    if len(cuts) == 1:
        return [line]
    # The cuts are offsets into the view; the pieces must tile the published line exactly.
    at = line.view.at if line.view is not None else (lambda index: index)
    bounds = [at(cut) for cut in cuts] + [len(line.text)]
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = Line.of(line.text[a:b], cont=bool(a) or line.cont)
        piece.kind = line.kind
        pieces.append(piece)
    return pieces


def split_sections(lines: list[Line]) -> list[RawSection]:
    body = [piece for line in lines if line.kind == "body" for piece in _pieces(line)]
    sections = [RawSection()]  # the lead
    for line in body:
        current = sections[-1]
        if _QUESTION.match(line.simp):
            sections.append(RawSection("", None, [line], pending=True))
            continue
        taker = _floor_taker(line)
        if current.pending and taker is not None:
            # The official answering the question (or introduced by the moderator) speaks for the section.
            current.agency = taker or None
            current.pending = False
            current.lines.append(line)
            continue
        agency = _standalone_heading(line)
        if agency is not None:
            if current.heading_is_line and len(current.lines) == 1:
                # Two heading lines in a row (一、市法院 / 市法院:…): one section, the first line heads it.
                current.lines.append(line)
                current.agency = current.agency or agency or None
                continue
            sections.append(RawSection(line.text, agency or None, [line], True))
            continue
        lead_in = _lead_in(line)
        # In the lead, any lead-in opens the first agency section (县委政法委: after a 政法委-hosted intro).
        if lead_in and (len(sections) == 1 or lead_in[1] != _current_agency(current)):
            sections.append(RawSection(lead_in[0], lead_in[1], [line]))
            continue
        speaker = _speaker(line) or _answer(line) or _subject(line)
        if speaker and current.lines and speaker != _current_agency(current):
            sections.append(RawSection("", speaker, [line]))
            continue
        current.lines.append(line)
    return [s for s in sections if s.lines]


def _floor_taker(line: Line) -> str | None:
    """Who takes the floor on this line: an agency slug, "" for an unnamed answer, None for no one."""
    answer = _answer(line)
    if answer is not None:
        return answer
    lead_in = _lead_in(line)
    if lead_in:
        return lead_in[1]
    return _speaker(line) or _subject(line)


def _current_agency(section: RawSection) -> str | None:
    """The agency a section speaks for so far (the lead's is only known from what it has said)."""
    if section.agency:
        return section.agency
    return agencies.dominant_agency("\n".join(line.simp for line in section.lines))


def resolve_agencies(sections: list[RawSection], reports_figures, release_agency: str | None = None) -> None:
    """Fill in each section's agency: its heading's, else the one its text speaks for.

    `release_agency` is the one agency a release comes from when it names only one (a police bulletin):
    a section that reports figures but names no organ is that agency's, not "other".

    The lead is special: an outlet's intro (who met, where) is "other" even when it names the host, but a
    lead that already reports results (it has figures) belongs to the agency it speaks for, usually the
    political-legal committee giving the overall picture.
    """
    for index, section in enumerate(sections):
        if section.agency:
            continue
        text = "\n".join(line.simp for line in section.lines)
        dominant = agencies.dominant_agency(text)
        is_lead = index == 0 and not section.heading_is_line
        if is_lead and len(sections) > 1 and not reports_figures(index):
            section.agency = agencies.OTHER
        elif is_lead and not dominant and not release_agency and reports_figures(index):
            section.agency = agencies.PLC  # the overall picture, given by whoever hosts: the 政法委
        elif dominant:
            section.agency = dominant
        elif release_agency and (reports_figures(index) or len(sections) == 1):
            section.agency = release_agency
        else:
            section.agency = agencies.OTHER
