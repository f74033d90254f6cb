"""Search over the personnel files: one interface, the back ends behind it.

- `search.services`: writes — `document_index(document_id)` (the archive's `index_document`
  task calls it after commit), `employee_documents_index`, `issued_documents_index`,
  `reindex_all` (and `manage.py reindex`).
- `search.selectors.search_documents(user, SearchQuery) -> SearchResult`: reads, with the
  caller's scope inside the back end's query.
- `search.backends.get_backend()`: the one place `settings.SEARCH_BACKEND` is read —
  PostgreSQL full text, SQLite FTS5 or Elasticsearch.
- `search.text`: Indonesian analysis (Sastrawi stems, stopwords), query parsing, snippets.
"""
