"""A very long release is shown in parts of SECTIONS_PER_PART sections (`/releases/<id>/?part=2`).

Releases are bounded (reports/ingest/limits.py: 300 sections, 1,000,000 characters), but the largest
accepted one still took seconds to render whole. Real releases have a few dozen sections at most and stay on
one page; links to a section (search results, agency pages) name its part, so they land on it.
"""

SECTIONS_PER_PART = 40


def part_of(order: int) -> int:
    return order // SECTIONS_PER_PART + 1


def section_url(release, order: int) -> str:
    part = part_of(order)
    return release.get_absolute_url() + (f"?part={part}" if part > 1 else "") + f"#section-{order}"


def chosen_part(raw, count: int) -> tuple[int, int]:
    """(part, number of parts) for `count` sections; a bad or too-large part gives the nearest one."""
    parts = max(1, -(-count // SECTIONS_PER_PART))
    try:
        part = int(raw)
    except (TypeError, ValueError):
        part = 1
    return min(max(1, part), parts), parts
