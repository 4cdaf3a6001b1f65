"""Crawl speed and memory, measured the way users meet them: a whole site over HTTP.

    python benchmarks/crawl.py [--pages 2000] [--soak 20000] [--concurrency 32]
                               [--server nginx|python]

Generates an Arabic news site (benchmarks/crawlsite.py: article pages of 60-120 KB with
heavy boilerplate, robots.txt, a sitemap index, urlsets and a news sitemap), serves it on
127.0.0.1 with nginx (Debian's package; a Twisted static server when nginx is missing) in
its own process, and runs one after another:

  (a) a bare Scrapy SitemapSpider that only yields URLs: the download ceiling;
  (b) `newscrawl crawl` with the full pipeline (extract, clean, dates, dedup, store);
  (c) the same crawl with trafilatura doing the extraction (NEWSCRAWL_EXTRACTOR): the peer.

Each run is a child process: peak RSS and whole-process CPU come from wait4; the crawl's
own CPU (engine start to stop, without interpreter start-up) from benchmarks/crawlmeter.py.
Then a soak run: `--soak` articles through (b) with RSS sampled every second; the growth
after warm-up (the first 10% of records) is printed. Every crawl runs with politeness off
(no AutoThrottle, all 32 requests to the one host) and the same concurrency.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from crawlsite import build  # noqa: E402

from newscrawl import settings as defaults  # noqa: E402

# Issue 17: at most 1.8x the bare spider, on nginx and on http.server.
GOAL_CPU_VS_BARE = 1.8
GOAL_PEER_VS_OURS = 3.0
GOAL_RSS_MB = 300
GOAL_SOAK_GROWTH_MB = 50


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_listening(port: int, proc: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"crawl benchmark: {what} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"crawl benchmark: {what} did not listen on port {port}")


def start_server(root: Path, port: int, work: Path, kind: str = "nginx"
                 ) -> tuple[subprocess.Popen[bytes], str]:
    """nginx on 127.0.0.1:port serving root (Twisted static when nginx is not installed),
    or Python's threaded http.server with `kind` "python"."""
    if kind == "python":
        proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                                 "127.0.0.1", "--directory", str(root)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_listening(port, proc, "http.server")
        return proc, f"Python {sys.version.split()[0]} http.server"
    nginx = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.path.exists(p)), None)
    if nginx:
        prefix = work / f"nginx-{port}"
        prefix.mkdir()
        conf = prefix / "nginx.conf"
        # One process running as us (no root needed), no logs: the server must not be
        # the bottleneck or compete with the crawler for the disk.
        conf.write_text(f"""
daemon off; master_process off; worker_processes 1;
pid {prefix}/nginx.pid; error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  types {{ text/html html; application/xml xml; text/plain txt; }}
  charset utf-8; charset_types text/html text/plain application/xml;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
        proc = subprocess.Popen([nginx, "-p", str(prefix), "-e", str(prefix / "error.log"),
                                 "-c", str(conf)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        _wait_listening(port, proc, "nginx")
        version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip()
        return proc, version.replace("nginx version: ", "")
    proc = subprocess.Popen([sys.executable, "-m", "twisted", "web", "--listen",
                             f"tcp:{port}:interface=127.0.0.1", "--path", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_listening(port, proc, "twisted web")
    return proc, "twisted.web static (nginx not installed)"


def run_child(name: str, cmd: list[str], work: Path, meter: Path) -> dict[str, Any]:
    """Run one crawl as a child process; its wait4 rusage plus the meter's figures."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])])}
    log = work / f"{name}.log"
    print(f"  running {name} …", end="", flush=True, file=sys.stderr)
    started = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=work)
        _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    print(f" {wall:.1f}s", file=sys.stderr)
    if code != 0 or not meter.exists():
        tail = log.read_text("utf-8", "replace").splitlines()[-15:]
        raise SystemExit(f"crawl benchmark: {name} failed (exit {code}); log {log}:\n"
                         + "\n".join(tail))
    figures = json.loads(meter.read_text())
    figures.update(process_cpu_s=usage.ru_utime + usage.ru_stime, process_wall_s=wall,
                   peak_rss_mb=usage.ru_maxrss / 1024, log=str(log))
    return figures


def newscrawl_cmd(site: str, out: Path, meter: Path, concurrency: int,
                  extra: tuple[str, ...] = ()) -> list[str]:
    """`newscrawl crawl` with politeness off and the meter added to our extensions."""
    extensions = {**defaults.EXTENSIONS, "crawlmeter.Meter": 0}
    sets = {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "AUTOTHROTTLE_ENABLED": False, "NEWSCRAWL_PROGRESS_INTERVAL": 5,
            "EXTENSIONS": json.dumps(extensions), "BENCH_METER_FILE": str(meter)}
    script = Path(sys.executable).with_name("newscrawl")
    cmd = [*([str(script)] if script.exists() else [sys.executable, "-m", "newscrawl.cli"]),
           "crawl", site, "-o", str(out),
           "--log-level", "WARNING"]
    for key, value in sets.items():
        cmd += ["-s", f"{key}={value}"]
    for setting in extra:
        cmd += ["-s", setting]
    return cmd


def _row(name: str, r: dict[str, Any]) -> str:
    per_page = r["cpu_s"] / max(r["pages"], 1) * 1000
    return (f"{name:<32}{r['pages']:>7}{r['records']:>8}{r['pages'] / r['wall_s']:>9.0f}"
            f"{per_page:>9.2f}{r['process_cpu_s']:>9.1f}{r['peak_rss_mb']:>9.0f}")


def _median_run(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The repeat with the median CPU per page; peak RSS is the highest of all repeats."""
    ranked = sorted(results, key=lambda r: r["cpu_s"] / max(r["pages"], 1))
    chosen = dict(ranked[len(ranked) // 2])
    chosen["peak_rss_mb"] = max(r["peak_rss_mb"] for r in results)
    chosen["spread"] = [round(r["cpu_s"] / max(r["pages"], 1) * 1000, 2) for r in ranked]
    return chosen


RUNS = {"a": "(a) bare Scrapy sitemap spider", "a4": "(a) with CONCURRENT_ITEMS=4",
        "b": "(b) newscrawl crawl", "c": "(c) newscrawl + trafilatura"}


def speed(args: argparse.Namespace, work: Path) -> bool:
    """Runs (a), (b), (c) on a site of --pages articles; print the table. True if goals met."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = work / "site"
    print(f"generating {args.pages} article pages …", file=sys.stderr)
    sizes = build(site, args.pages, base)
    server, server_name = start_server(site, port, work, args.server)
    keys = ["a", "a4", "b", *([] if args.no_peer else ["c"])]
    results: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    try:
        # Interleaved repeats: a busy moment of the machine hits every run alike.
        for rep in range(args.repeat):
            for key in keys:
                meter = work / f"{key}-{rep}.json"
                if key in ("a", "a4"):
                    cmd = [sys.executable, str(HERE / "bare_spider.py"), base, str(meter),
                           str(args.concurrency), "4" if key == "a4" else "100"]
                else:
                    extra = ("NEWSCRAWL_EXTRACTOR=peer.trafilatura_extract",) if key == "c" \
                        else ()
                    cmd = newscrawl_cmd(base + "/", work / f"out-{key}-{rep}", meter,
                                        args.concurrency, extra)
                results[key].append(run_child(f"{RUNS[key]} #{rep + 1}", cmd, work, meter))
    finally:
        server.terminate()
        server.wait()
    runs = {key: _median_run(found) for key, found in results.items()}
    import scrapy

    print(f"site: {sizes['pages']} article pages, {sizes['min_kb']:.0f}-{sizes['max_kb']:.0f} KB"
          f" (median {sizes['median_kb']:.0f} KB, {sizes['total_mb']:.0f} MB), served by "
          f"{server_name} on 127.0.0.1")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, Scrapy "
          f"{scrapy.__version__}, concurrency {args.concurrency}, median of {args.repeat} "
          f"runs each\n")
    print(f"{'run':<32}{'pages':>7}{'records':>8}{'pages/s':>9}{'ms CPU':>9}{'proc s':>9}"
          f"{'RSS MB':>9}   ms CPU of each repeat")
    for key, figures in runs.items():
        print(_row(RUNS[key], figures) + f"   {figures['spread']}")
    print("  ms CPU = crawl CPU per page, engine start to stop; proc s = whole-process CPU;"
          "\n  RSS MB = peak resident memory of the crawl process. (a) is Scrapy as installed"
          "\n  (CONCURRENT_ITEMS=100: 100 asyncio tasks per response); newscrawl's settings.py"
          "\n  sets 4, and the (a) with CONCURRENT_ITEMS=4 row shows that ceiling too.")
    cost = {k: r["cpu_s"] / max(r["pages"], 1) for k, r in runs.items()}
    ok = True
    b_vs_a = cost["b"] / cost["a"]
    ok &= b_vs_a <= GOAL_CPU_VS_BARE
    print(f"\n(b)/(a) CPU per page   {b_vs_a:5.2f}x   goal <= {GOAL_CPU_VS_BARE:.1f}x  "
          f"{'ok' if b_vs_a <= GOAL_CPU_VS_BARE else 'MISSED'}")
    print(f"(b)/(a, items 4)       {cost['b'] / cost['a4']:5.2f}x   (for information)")
    if "c" in cost:
        c_vs_b = cost["c"] / cost["b"]
        ok &= c_vs_b >= GOAL_PEER_VS_OURS
        print(f"(c)/(b) CPU per page   {c_vs_b:5.2f}x   goal >= {GOAL_PEER_VS_OURS:.1f}x  "
              f"{'ok' if c_vs_b >= GOAL_PEER_VS_OURS else 'MISSED'}")
    rss = runs["b"]["peak_rss_mb"]
    ok &= rss < GOAL_RSS_MB
    print(f"(b) peak RSS          {rss:5.0f} MB  goal < {GOAL_RSS_MB} MB  "
          f"{'ok' if rss < GOAL_RSS_MB else 'MISSED'}")
    if any(r["records"] != args.pages for r in results["b"]):
        ok = False
        print(f"(b) wrote {[r['records'] for r in results['b']]} records for {args.pages} "
              "articles: MISSED")
    return ok


def soak(args: argparse.Namespace, work: Path) -> bool:
    """--soak articles through the full pipeline; RSS growth after warm-up."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = work / "soak-site"
    print(f"generating {args.soak} article pages for the soak run …", file=sys.stderr)
    build(site, args.soak, base, seed=20)
    server, _name = start_server(site, port, work, args.server)
    try:
        meter = work / "soak.json"
        result = run_child("soak: newscrawl crawl", newscrawl_cmd(
            base + "/", work / "out-soak", meter, args.concurrency), work, meter)
    finally:
        server.terminate()
        server.wait()
    samples = result["samples"]
    warm = args.soak // 10
    after = [s for s in samples if s[2] >= warm]
    if not after:
        print("soak: no sample after warm-up")
        return False
    base_rss = after[0][3]
    peak_after = max(s[3] for s in after)
    growth = peak_after - base_rss
    print(f"\nsoak: {result['records']} records from {result['pages']} pages in "
          f"{result['wall_s']:.0f}s ({result['pages'] / result['wall_s']:.0f} pages/s), "
          f"peak RSS {result['peak_rss_mb']:.0f} MB")
    print(f"{'records':>9}{'pages':>8}{'RSS MB':>8}")
    step = max(args.soak // 10, 1)
    shown = -step
    for s in samples:
        if s[2] - shown >= step or s is samples[-1]:
            print(f"{s[2]:>9}{s[1]:>8}{s[3]:>8.1f}")
            shown = s[2]
    ok = growth < GOAL_SOAK_GROWTH_MB and result["records"] == args.soak
    print(f"growth after warm-up ({warm} records, {base_rss:.0f} MB) to peak {peak_after:.0f} "
          f"MB: {growth:+.1f} MB   goal < {GOAL_SOAK_GROWTH_MB} MB  {'ok' if ok else 'MISSED'}")
    return ok


def main() -> int:
    """Generate, serve, crawl, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--soak", type=int, default=20000, help="0 skips the soak run")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each crawl (median)")
    parser.add_argument("--no-peer", action="store_true", help="skip run (c)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--server", choices=["nginx", "python"], default="nginx",
                        help="serve the site with nginx or Python's http.server")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newscrawl-bench-"))
    try:
        ok = speed(args, work)
        if args.soak:
            ok &= soak(args, work)
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
