"""Records an analyst can load: the date forms, and one column type per field across runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from conftest import FAST, assert_valid

from newscrawl.datechoice import date_fields
from newscrawl.items import RECORD_FIELDS, record_schema
from newscrawl.loading import KINDS, duckdb_columns, read_duckdb, read_pandas


def test_date_forms_of_each_precision() -> None:
    riyadh = timezone(timedelta(hours=3))
    assert date_fields("published", datetime(2025, 4, 5, 1, 30, tzinfo=riyadh)) == {
        "published_at": "2025-04-05T01:30:00+03:00", "published_date": "2025-04-05",
        "published_utc": "2025-04-04T22:30:00Z"}  # the local day, and the instant before it
    assert date_fields("modified", date(2025, 4, 5)) == {
        "modified_at": "2025-04-05", "modified_date": "2025-04-05", "modified_utc": None}
    naive = date_fields("published", datetime(2025, 4, 5, 10, 0), tz="Africa/Cairo")
    assert naive["published_at"] == "2025-04-05T10:00:00+02:00"
    assert naive["published_utc"] == "2025-04-05T08:00:00Z"


def test_every_field_has_one_type() -> None:
    assert set(KINDS) == set(RECORD_FIELDS) == set(record_schema()["required"])
    assert list(duckdb_columns()) == list(RECORD_FIELDS)


def _check_dates(records: list[dict]) -> None:
    for record in records:
        at = record["published_at"]
        assert record["published_date"] == (at[:10] if at else None)
        if at and "T" in at:
            instant = datetime.fromisoformat(at).astimezone(UTC)
            assert record["published_utc"] == instant.strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            assert record["published_utc"] is None


def test_two_runs_load_with_the_same_types(make_site, run_newscrawl, tmp_path: Path) -> None:
    site = make_site()
    archived = run_newscrawl("crawl", site.base, "--archive", *FAST, out=tmp_path / "a")
    plain = run_newscrawl("crawl", site.base, "--since", "2025-04-15", *FAST,
                          out=tmp_path / "b")
    assert archived.code == 0 and plain.code == 0
    assert len(plain.records) < len(archived.records)
    for run in (archived, plain):
        assert_valid(run.records)
        _check_dates(run.records)
        assert all(set(r) == set(RECORD_FIELDS) for r in run.records)  # null, never absent
    assert any(r["warc"] for r in archived.records)
    assert not any(r["warc"] for r in plain.records)  # a column null in every record

    files = [next((tmp_path / name).rglob("*.jsonl")) for name in ("a", "b")]
    frames = [read_pandas(path) for path in files]
    assert dict(frames[0].dtypes) == dict(frames[1].dtypes)
    assert str(frames[0]["published_utc"].dtype) == "datetime64[s, UTC]"
    assert str(frames[1]["warc"].dtype) == "object"
    assert frames[0]["published_date"].notna().all()

    both = read_pandas(tmp_path / "*" / "*" / "*.jsonl")  # a glob reads every file
    assert len(both) == len(archived.records) + len(plain.records)
    assert dict(both.dtypes) == dict(frames[0].dtypes)

    relations = [read_duckdb(path) for path in files]
    assert [str(t) for t in relations[0].types] == [str(t) for t in relations[1].types]
    assert relations[0].columns == list(RECORD_FIELDS)
    assert dict(zip(relations[1].columns, map(str, relations[1].types), strict=True))[
        "warc"].startswith("STRUCT")
    assert len(relations[1].fetchall()) == len(plain.records)
