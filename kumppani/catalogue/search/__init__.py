"""Search analysis, indexing and ranking for the service catalogue.

The query functions are in ``kumppani.catalogue.search.query``
(``from kumppani.catalogue.search.query import rank_service_ids``); the analyzer modules
import without Django (``bench/search_devset_eval.py`` uses them alone).
"""
