"""The committed English catalogue is complete and compiled: every message translated, the .mo matching the .po."""

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def po_entries(path: Path) -> list[dict]:
    entries, current, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip() or line.startswith("#"):
            if not line.strip() and current:
                entries.append(current)
                current = None
            if line.startswith("#, fuzzy") and current is None:
                entries.append({"fuzzy": True})
            continue
        current = current or {"msgctxt": None, "msgid_plural": None, "msgstr": {}}
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d)\])?) (".*")$', line)
        if match:
            key = (
                match.group(1)
                if not match.group(1).startswith("msgstr")
                else ("msgstr", match.group(2) or "0")
            )
            value = ast.literal_eval(match.group(3))
        else:
            value = ast.literal_eval(line)
        if isinstance(key, tuple):
            current["msgstr"][key[1]] = current["msgstr"].get(key[1], "") + value
        else:
            current[key] = (current.get(key) or "") + value
    return [e for e in entries if e.get("fuzzy") or e.get("msgid")]


def test_every_message_is_translated_and_compiled():
    entries = po_entries(LOCALE / "django.po")
    assert len(entries) > 200
    assert not [e for e in entries if e.get("fuzzy")]
    catalogue = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    for entry in entries:
        assert all(entry["msgstr"].values()) and entry["msgstr"], entry["msgid"]
        if entry["msgid_plural"]:
            assert catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr"]["0"]
        elif entry["msgctxt"]:
            assert catalogue.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"]["0"]
        else:
            # A stale .mo (compilemessages not run after editing the .po) fails here.
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"]["0"], entry["msgid"]
