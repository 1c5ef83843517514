"""Worker for ``test_concurrency.py``: one process saving documents into a shared database.

Usage: ``python _concurrent_writer.py DB_URL SEED N_DOCS N_URLS``. Saves every document
``0..N_DOCS-1`` in a seed-dependent order (so workers overlap and race on the same bytes and on
the same URLs) and prints one JSON line per save: ``[key, status, document_id, article_id]``.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

from rightswatch.store import Store

_spec = importlib.util.spec_from_file_location("rw_store_conftest", Path(__file__).with_name("conftest.py"))
assert _spec is not None and _spec.loader is not None
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)


def main() -> None:
    db_url, seed, n_docs, n_urls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    keys = list(range(n_docs))
    random.Random(seed).shuffle(keys)
    with Store.open(db_url) as store:
        for key in keys:
            url = f"https://news.example/race/{key % n_urls}"
            doc = helpers.make_document(f"<p>race {key}</p>".encode(), url=url)
            result = store.save(doc, helpers.make_report(doc, url=url, title=f"Race {key}"))
            print(json.dumps([key, result.status, result.document_id, result.article_id]), flush=True)


if __name__ == "__main__":
    main()
