"""A release split into one section per reporting agency, the outlet's lead first.

A new section starts at
- a standalone heading line whose subject is an agency (贵阳市检察机关惩治网络犯罪…工作情况) or that reads as
  a report title (社会治安重点工作推进情况);
- a lead-in naming an agency before a colon (市法院:案件质效…), standalone or opening a paragraph;
- a numbered heading (一、市人民检察院…) naming an agency;
- a paragraph that opens with an official of another agency speaking (市公安局副局长某某介绍…).
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
_ENDS_SENTENCE = re.compile(r"[。!?;…]$|[。!?;](?!$)")
_CLAUSE_COMMA = re.compile(r"[,,]")


@dataclass
class RawSection:
    heading: str = ""
    agency: str | None = None
    lines: list[Line] = field(default_factory=list)
    heading_is_line: bool = False


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
        return None
    return line.cut(0, offset + len(head)), agency


def _speaker(line: Line) -> str | None:
    match = agencies.SPEAKER.match(line.simp)
    if not match:
        return None
    found = agencies.find_organs(match["organ"])
    return found[-1].agency if found else None


def split_sections(lines: list[Line]) -> list[RawSection]:
    body = [line for line in lines if line.kind == "body"]
    sections = [RawSection()]  # the lead
    for line in body:
        current = sections[-1]
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
        speaker = _speaker(line)
        if speaker and current.lines and speaker != _current_agency(current):
            sections.append(RawSection("", speaker, [line]))
            continue
        current.lines.append(line)
    return [s for s in sections if s.lines]


def _current_agency(section: RawSection) -> str | None:
    """The agency a section speaks for so far (the lead's is only known from what it has said)."""
    if section.agency:
        return section.agency
    return agencies.dominant_agency("\n".join(line.simp for line in section.lines))


def resolve_agencies(sections: list[RawSection], reports_figures) -> None:
    """Fill in each section's agency: its heading's, else the one its text speaks for.

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
        else:
            section.agency = dominant or agencies.OTHER
