"""One targeted speed-up of whoosh-reloaded 2.7.5 (pinned in pyproject.toml), applied on import.

While writing a segment, Whoosh looks up the field length of the document of every posting it adds, each
time through a column reader that seeks and reads two bytes from the segment's file (a third of a
rebuild's writing time in our profiles). The lengths of a segment are fixed once written, so we read
each length column into memory once and answer from there. Same values, same files; only faster.
"""

from whoosh.codec import whoosh3

_original = whoosh3.W3PerDocReader.doc_field_length


def _doc_field_length(self, docnum, fieldname, default=0):
    cache = self.__dict__.setdefault("_archive_lengths", {})
    lengths = cache.get(fieldname)
    if lengths is None:
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        lengths = cache[fieldname] = bytes(reader[i] for i in range(self._doccount)) if reader else b""
    if not lengths:
        return default
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    lbyte = lengths[docnum] if docnum < len(lengths) else 0
    return whoosh3.byte_to_length(lbyte) if lbyte else None


def apply() -> None:
    if whoosh3.W3PerDocReader.doc_field_length is _original:
        whoosh3.W3PerDocReader.doc_field_length = _doc_field_length
