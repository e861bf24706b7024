"""The shipped synonym table, copied into the database where editors maintain it."""

from search.synonyms import SYNONYMS_PATH


def shipped_lines() -> list[str]:
    lines = []
    for raw in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and line not in lines:
            lines.append(line)
    return lines


def load_synonyms(SynonymGroup) -> int:
    created = 0
    for line in shipped_lines():
        _, made = SynonymGroup.objects.get_or_create(line=line[:500])
        created += made
    return created
