import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
application = get_wsgi_application()

# Load jieba's dictionary and OpenCC now: with gunicorn's preload_app the master pays the second and the
# ~60 MB once, and the workers share them instead of each loading them on its first search.
from search.analysis import warm_up  # noqa: E402

warm_up()
