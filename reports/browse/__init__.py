"""Presentation helpers for the public pages: filters, marked-up text, charts, citations, exports.

Plain functions the views call; nothing here renders a template or parses a release.
"""
