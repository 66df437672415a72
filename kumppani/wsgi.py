"""WSGI entry point: ``gunicorn kumppani.wsgi`` (with ``--preload`` in production).

The search analyzer's lemmatizer dictionaries take seconds to load and hundreds of MB of
memory. They are loaded here, once, at start-up: with ``gunicorn --preload`` the master
loads them before forking, so every worker shares those pages (copy-on-write) and no
worker's first search waits for them. KUMPPANI_SEARCH_WARM_UP=0 skips it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppani.settings")
application = get_wsgi_application()

if os.environ.get("KUMPPANI_SEARCH_WARM_UP", "1") != "0":
    from kumppani.catalogue.search.analyzer import warm_up

    warm_up()
