"""The interface language: `/en/…` links to the English interface; unprefixed URLs stay what they were.

Django's LocaleMiddleware, once i18n_patterns are in use with prefix_default_language=False, serves every
unprefixed URL in the default language and ignores the reader's cookie and Accept-Language. We keep those
for the unprefixed URLs (what DESIGN.md promises and readers' links already point to) and let the prefix
decide where there is one, so `/en/releases/7/` is English for whoever follows the link, and pages reached
in English link on within `/en/` (reverse() adds the prefix while English is active).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, URLResolver
from django.utils import translation


class ArchiveLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        if not language:
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class InterfacePrefixPattern(LocalePrefixPattern):
    """The `/en/` prefix, matched whatever language is active.

    Django's pattern matches only the active language's prefix, so an unprefixed URL would be a 404 for a
    reader whose cookie or browser asks for English. Here a path with another interface's prefix is served
    in that interface, any other path as it is; reverse() still adds the active language's prefix.
    """

    def match(self, path):
        for code, _name in settings.LANGUAGES:
            prefix = f"{code}/"
            if code != settings.LANGUAGE_CODE and path.startswith(prefix):
                return path.removeprefix(prefix), (), {}
        return path, (), {}


def interface_patterns(*urls):
    """Like i18n_patterns(*urls, prefix_default_language=False), with the matching described above."""
    return [URLResolver(InterfacePrefixPattern(prefix_default_language=False), list(urls))]
