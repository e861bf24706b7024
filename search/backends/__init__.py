"""The search backends: Whoosh (embedded default) and PostgreSQL (several web hosts, one database)."""

from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=4)
def _backend(name: str, index_dir: str):
    if name == "postgres":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.whoosh import WhooshBackend

    return WhooshBackend(index_dir)


def get_backend(name: str | None = None):
    return _backend(name or settings.SEARCH_BACKEND, str(settings.SEARCH_INDEX_DIR))
