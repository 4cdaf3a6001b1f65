"""scrapyd for real: deploy the project to a scrapyd on 127.0.0.1, schedule `news` against
a local site through schedule.json, wait for the job, read the records on disk."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import assert_valid, read_records

from newscrawl.demosite.build import SiteOptions

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.loads(answer.read())


def _post(url: str, fields: list[tuple[str, str]]) -> dict:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=10) as answer:
        return json.loads(answer.read())


@pytest.fixture
def scrapyd(tmp_path: Path):
    """A real scrapyd on a free port, its state in tmp; stopped afterwards."""
    if not (BIN / "scrapyd").exists() or not (BIN / "scrapyd-deploy").exists():
        pytest.fail('scrapyd is part of the test extra: pip install -e ".[test]"')
    port = _free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {home}/eggs\nlogs_dir = {home}/logs\nitems_dir =\n"
        f"dbs_dir = {home}/dbs\npoll_interval = 0.5\n")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get(url + "daemonstatus.json")["status"] == "ok":
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("scrapyd did not start")
    yield url, home
    proc.terminate()
    proc.wait(timeout=20)


def test_deploy_and_schedule_on_scrapyd(scrapyd, make_site, tmp_path: Path) -> None:
    url, home = scrapyd
    site = make_site(SiteOptions(include_seed=False))
    # A copy of the project, as a user's checkout, with a deploy target for this scrapyd.
    project = tmp_path / "project"
    project.mkdir()
    for name in ("scrapy.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "newscrawl", project / "newscrawl",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with (project / "scrapy.cfg").open("a") as cfg:
        cfg.write(f"\n[deploy:test]\nurl = {url}\nproject = newscrawl\n")
    deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "test"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert deploy.returncode == 0 and '"status": "ok"' in deploy.stdout, \
        deploy.stdout + deploy.stderr
    spiders = _get(url + "listspiders.json?project=newscrawl")["spiders"]
    assert "news" in spiders
    out = tmp_path / "out"
    job = _post(url + "schedule.json", [
        ("project", "newscrawl"), ("spider", "news"), ("url", site.base),
        ("setting", f"NEWSCRAWL_OUTPUT_DIR={out}"), ("setting", "AUTOTHROTTLE_ENABLED=False"),
        ("setting", "NEWSCRAWL_PROGRESS_INTERVAL=0")])
    assert job["status"] == "ok", job
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        jobs = _get(url + "listjobs.json?project=newscrawl")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"job did not finish: {jobs}")
    log = next((home / "logs").rglob(f"{job['jobid']}.log")).read_text()
    assert "Traceback" not in log, log[-3000:]
    records = read_records(out)
    assert_valid(records)
    stories = [p for p in site.articles if not p.startswith("/mirror/")]
    assert len(records) == len(stories), log[-3000:]
    assert (out / "state" / "seen.sqlite").exists()  # the same archive as `newscrawl crawl`
