"""The codec our index writers pass to Whoosh (`ix.writer(codec=CODEC)`: codecs are Whoosh's documented,
pluggable way to change how a segment is written).

It writes exactly what Whoosh's default codec (W3Codec) writes but for one statistic: the shortest and
longest document of each posting block. To record those, Whoosh looks up the field length of the document
of every posting it writes, each time through a column reader that seeks and reads two bytes of the new
segment (about a third of a rebuild's writing time in our profiles). Only Whoosh's own scorer reads the
statistic, to skip blocks while it ranks a top N; we never ask Whoosh to rank (search.backends.whoosh_tables
scores every posting itself, with the lengths Whoosh still stores per document), so `length_stats = False`,
the codec attribute for this, drops the look-ups. Measured with `bench/whoosh_codec.py` (figures in the
README, section "Search").

Segments name a stock W3Codec as theirs, so the files on disk are plain Whoosh 3 segments: any Whoosh can
read them, and nothing of ours is pickled into the index's table of contents.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3Segment


class ArchiveCodec(W3Codec):
    length_stats = False  # see the module's docstring

    def new_segment(self, storage, indexname):
        return W3Segment(W3Codec(), indexname)


def codec() -> ArchiveCodec:
    return ArchiveCodec()
