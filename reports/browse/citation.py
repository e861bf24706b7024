"""How to cite a release: GB/T 7714-2015 (the form Chinese journals ask for) and a plain English form.

Both name the source as published (outlet, title, date, URL) and the archived copy (permalink, archive date,
sha256), so a reader can check that what they cite is what was published, even after the page is gone.
Plain text: the template escapes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Citation:
    gbt7714: str
    english: str
    permalink: str


def _web_url(url: str) -> str:
    return url if url.lower().startswith(("http://", "https://")) else ""


def cite(release, permalink: str, today: dt.date) -> Citation:
    # The publication date only: a press conference's date is another date, and is named as such.
    date = release.published.iso() if release.published else ""
    held = release.held.iso() if release.held and not date else ""
    outlet = release.outlet or (release.city.name if release.city else "")
    source = _web_url(release.source_url)
    archived = release.created_at.date().isoformat() if release.created_at else ""

    # GB/T 7714-2015, electronic resource: 责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取路径.
    parts = [f"{outlet}. " if outlet else "", f"{release.title}[EB/OL]. "]
    parts.append(f"({date})" if date else "")
    parts.append(f"[{today.isoformat()}]. ")
    parts.append(f"{source or permalink}.")
    if source:
        parts.append(f" 存档: {permalink}.")
    gbt = "".join(parts)

    english = [f"{outlet}. " if outlet else "", f"“{release.title}” [in Chinese]. "]
    if date:
        english.append(f"Published {date}. ")
    elif held:
        english.append(f"Press conference of {held}; date of publication unknown. ")
    else:
        english.append("Date of publication unknown. ")
    if source:
        english.append(f"{source}. ")
    english.append(f"Archived copy: {permalink} (archived {archived}; SHA-256 {release.sha256}). ")
    english.append(f"Accessed {today.isoformat()}.")
    return Citation(gbt, "".join(english), permalink)
