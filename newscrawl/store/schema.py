"""Seen-store files written by earlier versions, brought to the current schema once.

Schema 0 kept LSH bands in a rowid table with an index on band; schema 1 kept a second
URL index on articles (`key`), the content hash as 40 hex characters, full 128-byte
signatures and 64-bit band keys. Schema 2 (newscrawl.store.seen) drops the duplicate
index and stores 8-byte body keys, 64-byte fingerprints and 32-bit band keys: about two
thirds of the bytes per article. Each step runs in one transaction; a failure leaves the file as
it was.
"""

from __future__ import annotations

import sqlite3

from newscrawl.dedup import fingerprint, key64, unpack

_ARTICLES = """CREATE TABLE articles_v2 (
    id INTEGER PRIMARY KEY, canonical_url TEXT NOT NULL, body INTEGER NOT NULL,
    signature BLOB, listed TEXT, revision INTEGER NOT NULL)"""
_BANDS = """CREATE TABLE lsh_bands_v2 (band INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (band, article)) WITHOUT ROWID"""


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _outdated(db: sqlite3.Connection) -> tuple[set[str], bool]:
    tables = _tables(db)
    return tables, "articles" in tables and "key" in _columns(db, "articles")


def migrate(db: sqlite3.Connection) -> bool:
    """Bring an older store to schema 2; False when there was nothing to do."""
    tables, old_articles = _outdated(db)
    if not old_articles and "bands" not in tables:
        return False
    db.create_function("nc_key64", 1, lambda text: key64(text or ""), deterministic=True)
    db.create_function("nc_fingerprint", 1, lambda blob: fingerprint(unpack(blob)) or None,
                       deterministic=True)
    db.execute("BEGIN IMMEDIATE")
    # Another process may have migrated the file while this one waited for the lock.
    tables, old_articles = _outdated(db)
    if not old_articles and "bands" not in tables:
        db.execute("COMMIT")
        return False
    try:
        if old_articles:
            db.execute(_ARTICLES)
            db.execute("INSERT INTO articles_v2 (id, canonical_url, body, signature, listed, "
                       "revision) SELECT id, canonical_url, nc_key64(content_hash), "
                       "nc_fingerprint(signature), listed, revision FROM articles")
            # The canonical URL keys lived in articles.key: the URL table holds them now.
            db.execute("CREATE TABLE IF NOT EXISTS urls (key INTEGER PRIMARY KEY, "
                       "article INTEGER NOT NULL)")
            db.execute("INSERT INTO urls (key, article) SELECT key, id FROM articles WHERE 1 "
                       "ON CONFLICT(key) DO UPDATE SET article = excluded.article")
            db.execute("DROP TABLE articles")
            db.execute("ALTER TABLE articles_v2 RENAME TO articles")
        db.execute(_BANDS)
        # Bands of the current schema are 32-bit already; only older tables are cut.
        old_bands = ["bands", *(["lsh_bands"] if old_articles else [])]
        if "lsh_bands" in tables and not old_articles:
            db.execute("INSERT INTO lsh_bands_v2 SELECT band, article FROM lsh_bands")
            db.execute("DROP TABLE lsh_bands")
        for source in old_bands:
            if source in tables:
                # 64-bit band keys of schemas 0 and 1 keep their high 32 bits.
                db.execute(f"INSERT OR IGNORE INTO lsh_bands_v2 (band, article) "
                           f"SELECT band >> 32, article FROM {source}")
                db.execute(f"DROP TABLE {source}")
        db.execute("ALTER TABLE lsh_bands_v2 RENAME TO lsh_bands")
        db.execute("COMMIT")
    except sqlite3.Error:
        db.execute("ROLLBACK")
        raise
    return True
