"""Fetching pages from the web politely and keeping the exchange as WARC. Pure Python: no Django here."""
