"""The README is followed as written: every fenced block marked `<!-- runnable -->` runs,
in order, in one fresh folder, against the demo site served by `newscrawl demo --serve`
(the README's `127.0.0.1:8765` becomes the port this test got)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"<!-- runnable -->\n```(?P<lang>\w*)\n(?P<code>.*?)\n```", re.S)


def runnable_blocks(text: str) -> list[tuple[str, str]]:
    """(language, code) of every block marked runnable, in README order."""
    return [(m["lang"] or "sh", m["code"]) for m in _BLOCK.finditer(text)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_readme_marks_what_a_user_runs() -> None:
    blocks = runnable_blocks(README.read_text("utf-8"))
    languages = [lang for lang, _code in blocks]
    assert "sh" in languages and "python" in languages
    text = "\n".join(code for _lang, code in blocks)
    for command in ("newscrawl demo", "newscrawl crawl", "newscrawl reextract",
                    "newscrawl extract", "read_pandas", "read_duckdb"):
        assert command in text


@pytest.fixture
def demo_server(tmp_path: Path):
    port = _free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "newscrawl"), "demo", "--serve",
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert f"127.0.0.1:{port}" in proc.stdout.readline()
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_every_runnable_block_runs_on_the_demo_site(demo_server: int, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                                 f"{os.environ.get('PATH', '')}"}
    for lang, code in runnable_blocks(README.read_text("utf-8")):
        code = code.replace("127.0.0.1:8765", f"127.0.0.1:{demo_server}").replace(
            "127.0.0.1_8765", f"127.0.0.1_{demo_server}")
        if lang == "python":
            cmd = [sys.executable, "-c", code]
        else:
            cmd = ["bash", "-e", "-o", "pipefail", "-c", code]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=work,
                              env=env)
        assert proc.returncode == 0, f"README block failed:\n{code}\n{proc.stderr[-3000:]}"
    assert list(work.glob("output/*/*.jsonl")) and list(work.glob("rebuilt/*/*.jsonl"))


def test_links_to_the_reference_resolve() -> None:
    text = README.read_text("utf-8")
    links = re.findall(r"\]\((docs/[^)#]+)\)", text)
    assert links and all((README.parent / link).is_file() for link in links), links
    for doc in (README.parent / "docs").glob("*.md"):
        for link in re.findall(r"\]\((\.\./[^)#]+)\)", doc.read_text("utf-8")):
            assert (doc.parent / link).resolve().exists(), (doc.name, link)
