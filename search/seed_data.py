"""The shipped synonym table, copied into the database where editors maintain it."""

from search.synonyms import SYNONYMS_PATH


def shipped_groups() -> list[tuple[str, str]]:
    """(line, note) for each group of search/data/synonyms.txt: the note is the comment after ``#``."""
    groups: dict[str, str] = {}
    for raw in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        line, _, note = raw.partition("#")
        line = line.strip()
        if line and line not in groups:
            groups[line] = note.strip()
    return list(groups.items())


def load_synonyms(SynonymGroup) -> int:
    """Add the shipped groups the table lacks; a group an editor already has (or changed) keeps its text,
    and gains the shipped reason only where its note is empty."""
    created = 0
    for line, note in shipped_groups():
        group, made = SynonymGroup.objects.get_or_create(line=line[:500], defaults={"note": note[:200]})
        created += made
        if not made and note and not group.note:
            SynonymGroup.objects.filter(pk=group.pk).update(note=note[:200])
    return created
