"""Typed loading of record files for analysts: one column type per field in every run.

Type inference from the data alone cannot be stable: a column that is null in every
record of one run (``warc`` without ``--archive``, ``modified_utc`` on a site without
updates) is read as float or NULL, and ``published_at``, printed at the page's own
precision, is a timestamp in one run and text in the next. These loaders give every
field of the schema its one type:

    df = newscrawl.loading.read_pandas("articles.jsonl")
    rel = newscrawl.loading.read_duckdb("articles.jsonl")   # or, in SQL:
    SELECT * FROM read_json_auto('articles.jsonl', columns = {...duckdb_columns()...})
"""

from __future__ import annotations

import glob as globmod
from pathlib import Path
from typing import Any

from newscrawl.items import RECORD_FIELDS

# Field -> kind. Dates come in three forms: `_at` as printed (text: a day, or a time with
# its offset), `_date` the local day, `_utc` the instant when a time is known.
KINDS: dict[str, str] = {
    **dict.fromkeys(RECORD_FIELDS, "text"),
    "published_date": "day", "modified_date": "day",
    "published_utc": "instant", "modified_utc": "instant", "fetched_at": "instant",
    "revision": "integer", "authors": "texts", "tags": "texts",
    "related": "related", "warc": "warc",
}
DUCKDB_TYPES = {
    "text": "VARCHAR", "day": "DATE", "instant": "TIMESTAMPTZ", "integer": "BIGINT",
    "texts": "VARCHAR[]", "related": "STRUCT(title VARCHAR, url VARCHAR)[]",
    "warc": "STRUCT(file VARCHAR, record_id VARCHAR)",
}
PANDAS_TYPES = {"text": "string", "day": "string", "instant": "string", "integer": "Int64",
                "texts": "object", "related": "object", "warc": "object"}


def duckdb_columns() -> dict[str, str]:
    """The `columns` argument of DuckDB's read_json / read_json_auto, in schema order."""
    return {name: DUCKDB_TYPES[KINDS[name]] for name in RECORD_FIELDS}


def pandas_dtypes() -> dict[str, str]:
    """The pandas dtype of each field as read (days and instants are converted after)."""
    return {name: PANDAS_TYPES[KINDS[name]] for name in RECORD_FIELDS}


def read_pandas(path: str | Path) -> Any:
    """A DataFrame with one dtype per field: days as datetime64 (naive), instants as
    datetime64 UTC, `_at` dates as strings, lists and objects as Python objects. `path`
    may be a glob ("output/site/*.jsonl"): the files are read in name order."""
    import pandas as pd

    if any(c in str(path) for c in "*?["):
        files = sorted(globmod.glob(str(path)))
        if not files:
            raise FileNotFoundError(f"no file matches {path}")
        return pd.concat([_read_one(pd, f) for f in files], ignore_index=True)
    return _read_one(pd, path)


def _read_one(pd: Any, path: str | Path) -> Any:
    """One JSONL file with the schema's dtypes."""

    # No inference at all (pandas 2 also needs date conversion turned off by name; pandas 3
    # deprecates that keyword): every type below is set from the schema.
    legacy = {"convert_dates": False} if int(pd.__version__.split(".")[0]) < 3 else {}
    frame = pd.read_json(path, lines=True, dtype=False, **legacy)
    for name in RECORD_FIELDS:
        if name not in frame.columns:
            frame[name] = None
        frame[name] = frame[name].astype(PANDAS_TYPES[KINDS[name]])
        if KINDS[name] == "day":
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").astype("datetime64[s]")
        elif KINDS[name] == "instant":
            frame[name] = pd.to_datetime(frame[name], utc=True, format="ISO8601").astype(
                "datetime64[s, UTC]")
    return frame[list(RECORD_FIELDS)]


def read_duckdb(path: str | Path, connection: Any = None) -> Any:
    """A DuckDB relation over the file (or glob) with the schema's column types."""
    import duckdb

    con = connection or duckdb.connect()
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in duckdb_columns().items())
    return con.sql(f"SELECT * FROM read_json_auto(?, format = 'newline_delimited', "
                   f"columns = {{{columns}}})", params=[str(path)])
