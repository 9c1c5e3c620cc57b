"""Print gwlint's speed and memory figures (a script, not a test: timings belong here, not in tests/).

    .venv/bin/python benchmarks/bench.py            # everything (a few minutes on 2 cores)
    .venv/bin/python benchmarks/bench.py --quick    # fewer runs and smaller inputs
    .venv/bin/python benchmarks/bench.py --only cold,throughput --json

Sections and the targets they check:
  cold        cold start of `gwlint --format json` on a 10,000-character .txt draft, median ≤ 0.3 s,
              also as a ratio to `python -c pass` measured in the same run
  throughput  MB/s of text through the full rule set on one core, in-process, ≥ 1 MB/s
  jobs        `--jobs 2` against `--jobs 1` on 500 drafts, ≥ 1.7× faster
  scaling     time and peak memory at 1×, 4×, 16× document size (should grow linearly)
  memory      peak RSS of the CLI on a 5 MB .txt draft and on a .docx of 50,000 paragraphs, ≤ 200 MB

Inputs are built from ../shared/corpus/seeds at run time (see drafts.py). Peak memory is the
VmHWM of the gwlint process itself; CPU time comes from os.wait4 and is printed beside wall time,
since the cores may be shared with other work while the benchmark runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import drafts

SECTIONS = ("cold", "throughput", "jobs", "scaling", "memory")
MB = 1024 * 1024
# Children run as on a user's machine: Python writes and reuses bytecode there, while this
# workplace's environment may set PYTHONDONTWRITEBYTECODE, which recompiles gwlint on every start.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def gwlint_command() -> list[str]:
    """The installed console script beside this interpreter, else `python -m gwlint`."""
    script = Path(sys.executable).parent / "gwlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gwlint"]


# Runs gwlint in the measured process itself and reports that process's VmHWM when it exits.
# (ru_maxrss from wait4 is no good here: Linux carries the parent's peak across fork and exec,
# so every child would report at least this benchmark's own size.)
_PEAK_WRAPPER = """
import atexit, runpy, sys
def _peak():
    with open("/proc/self/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    sys.stderr.write(f"\\nBENCH-VMHWM-KB {kb}\\n")
atexit.register(_peak)
sys.argv = ["gwlint", *sys.argv[1:]]
runpy.run_module("gwlint", run_name="__main__", alter_sys=True)
"""


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the workers it waited for
    rss: float | None  # peak resident memory in MB, when asked for
    code: int


def run_child(args: list[str], cwd: Path, peak: bool = False) -> Run:
    """One gwlint run, its output discarded.

    Without `peak` the real console script runs (the cold-start figure); with it, `python -c` runs
    the same CLI through a wrapper that reports the process's peak memory. CPU time is printed
    beside wall time because it hardly changes when other processes share the cores.
    """
    cmd = [sys.executable, "-c", _PEAK_WRAPPER, *args] if peak else [*gwlint_command(), *args]
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: nothing to drain while waiting
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=CHILD_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if code not in (0, 1):
        raise RuntimeError(f"gwlint {' '.join(args)} exited {code}: {stderr.strip()[-2000:]}")
    rss = None
    if peak:
        kb = [line.split()[1] for line in stderr.splitlines() if line.startswith("BENCH-VMHWM-KB ")]
        rss = int(kb[-1]) / 1024
    return Run(wall, usage.ru_utime + usage.ru_stime, rss, code)


class OtherLoad:
    """Cores kept busy by processes other than this benchmark and its children during a block.

    The machine may be shared: a parallel speed-up measured while something else holds a core
    means little, so the figure is printed beside it (from /proc/stat, Linux only).
    """

    def __enter__(self) -> OtherLoad:
        self._start = (_busy_seconds(), _own_seconds(), time.perf_counter())
        self.cores = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        busy, own, wall = (_busy_seconds(), _own_seconds(), time.perf_counter())
        elapsed = wall - self._start[2]
        self.cores = max(0.0, (busy - self._start[0]) - (own - self._start[1])) / elapsed if elapsed else 0.0


def _busy_seconds() -> float:
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_python_pass(cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], cwd=cwd, check=True, env=CHILD_ENV)
    return time.perf_counter() - start


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# -- sections ------------------------------------------------------------------------------------


def bench_cold(work: Path, quick: bool) -> dict:
    draft = work / "draft-10k.txt"
    draft.write_text(drafts.text_of_length(10_000), encoding="utf-8")
    runs = 5 if quick else 21
    args = ["--format", "json", draft.name]
    run_child(args, work)  # warm the file cache, as on a machine in use
    run_python_pass(work)
    gw_runs, py_times = [], []
    with OtherLoad() as load:
        for _ in range(runs):  # interleaved, so load from other processes hits both alike
            gw_runs.append(run_child(args, work))
            py_times.append(run_python_pass(work))
    gw_times = [r.wall for r in gw_runs]
    peak = run_child(args, work, peak=True)
    median = statistics.median(gw_times)
    return {
        "runs": runs,
        "draft_chars": 10_000,
        "gwlint_median_s": median,
        "gwlint_min_s": min(gw_times),
        "gwlint_max_s": max(gw_times),
        "python_pass_median_s": statistics.median(py_times),
        "ratio_to_python_pass": median / statistics.median(py_times),
        "gwlint_median_cpu_s": statistics.median(r.cpu for r in gw_runs),
        "gwlint_peak_rss_mb": peak.rss,
        "exit_code": peak.code,
        "other_load_cores": load.cores,
        "target_s": 0.3,
        "ok": median <= 0.3,
    }


def _engine():
    from gwlint.api import Linter
    from gwlint.config import Config

    return Linter().engine_for(Config())


def bench_throughput(work: Path, quick: bool) -> dict:
    from gwlint.readers import read_bytes

    engine = _engine()
    # Whole seed pages as documents, as many as make the target size: real drafts, no text repeated
    # inside one document (that would make every later copy a duplicate finding).
    pages = [p.encode("utf-8") for p in drafts.seed_texts()]
    target = (1 if quick else 4) * MB
    docs = [pages[i % len(pages)] for i in range(target // (sum(map(len, pages)) // len(pages)) + 1)]
    engine.lint(read_bytes(pages[0], "warm-up.txt"))  # lazy loads (e.g. jieba) are start-up, not throughput
    per_rule = {rule.id: 0.0 for rule in engine.rules}
    findings = 0
    start = time.perf_counter()
    for i, data in enumerate(docs):
        findings += len(engine.lint(read_bytes(data, f"draft-{i}.txt")))
    elapsed = time.perf_counter() - start
    # Where the time goes, rule by rule (a second pass, each rule alone on the same documents).
    for i, data in enumerate(docs[: max(1, len(docs) // 4)]):
        doc = read_bytes(data, f"draft-{i}.txt")
        for rule in engine.rules:
            per_rule[rule.id] += timed(lambda rule=rule, doc=doc: list(rule.checker.run(doc)))
    total_bytes = sum(map(len, docs))
    total_chars = sum(len(d.decode("utf-8")) for d in docs)
    slowest = sorted(per_rule.items(), key=lambda kv: -kv[1])[:8]
    share = sum(per_rule.values()) or 1.0
    return {
        "documents": len(docs),
        "rules": len(engine.rules),
        "utf8_mb": total_bytes / MB,
        "chars": total_chars,
        "seconds": elapsed,
        "mb_per_s": total_bytes / MB / elapsed,
        "kchars_per_s": total_chars / 1000 / elapsed,
        "findings": findings,
        "slowest_rules": [{"rule": rid, "share": t / share} for rid, t in slowest],
        "target_mb_per_s": 1.0,
        "ok": total_bytes / MB / elapsed >= 1.0,
    }


def bench_jobs(work: Path, quick: bool) -> dict:
    folder = work / "drafts"
    folder.mkdir()
    texts = drafts.many_drafts(500)
    for i, text in enumerate(texts):
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    repeats = 1 if quick else 3
    results, cpu = {}, {}
    with OtherLoad() as load:
        for jobs in (1, 2):
            args = ["--format", "json", "--jobs", str(jobs), folder.name]
            runs = [run_child(args, work) for _ in range(repeats)]
            results[jobs] = statistics.median(r.wall for r in runs)
            cpu[jobs] = statistics.median(r.cpu for r in runs)
    speedup = results[1] / results[2]
    return {
        "drafts": len(texts),
        "chars": sum(map(len, texts)),
        "repeats": repeats,
        "jobs1_s": results[1],
        "jobs2_s": results[2],
        "jobs1_cpu_s": cpu[1],
        "jobs2_cpu_s": cpu[2],
        "speedup": speedup,
        "cores": os.cpu_count(),
        "other_load_cores": load.cores,
        "target_speedup": 1.7,
        "ok": speedup >= 1.7,
    }


def bench_scaling(work: Path, quick: bool) -> dict:
    from gwlint.readers import read_bytes

    engine = _engine()
    base = drafts.seed_corpus()
    if quick:
        base = base[:10_000]
    rows = []
    for factor in (1, 4, 16):
        text = base * factor  # later copies are duplicates of the first: the duplicate kind's worst case
        data = text.encode("utf-8")
        path = work / f"scaled-{factor}x.txt"
        path.write_bytes(data)
        findings = len(engine.lint(read_bytes(data, path.name)))  # also warms up
        seconds = min(timed(lambda data=data, name=path.name: engine.lint(read_bytes(data, name))) for _ in range(3))
        rss = run_child(["--format", "json", path.name], work, peak=True).rss
        rows.append(
            {"factor": factor, "chars": len(text), "seconds": seconds, "peak_rss_mb": rss, "findings": findings}
        )
    first = rows[0]
    for row in rows:
        row["time_per_char_vs_1x"] = (row["seconds"] / row["chars"]) / (first["seconds"] / first["chars"])
    # Linear: time per character at 16× within 1.5× of that at 1× (memory is read off the table).
    return {"rows": rows, "ok": rows[-1]["time_per_char_vs_1x"] <= 1.5}


def bench_memory(work: Path, quick: bool) -> dict:
    rows = []
    tiny = work / "tiny.txt"
    tiny.write_text("关于2023年上半年工作情况的报告\n", encoding="utf-8")
    baseline = run_child(["--format", "json", tiny.name], work, peak=True).rss
    size = (1 if quick else 5) * MB
    big = work / "big.txt"
    big.write_text(drafts.text_of_utf8_size(size), encoding="utf-8")
    run = run_child(["--format", "json", big.name], work, peak=True)
    label = f"{big.stat().st_size / MB:.1f} MB .txt"
    rows.append({"input": label, "seconds": run.wall, "cpu_s": run.cpu, "peak_rss_mb": run.rss, "exit": run.code})
    count = 10_000 if quick else 50_000
    texts = drafts.paragraphs(count)
    path = work / "big.docx"
    path.write_bytes(drafts.docx_bytes(texts))
    run = run_child(["--format", "json", path.name], work, peak=True)
    text_mb = sum(len(t.encode("utf-8")) for t in texts) / MB
    label = f"{count:,} paragraphs .docx ({path.stat().st_size / MB:.1f} MB zip, {text_mb:.1f} MB text)"
    rows.append({"input": label, "seconds": run.wall, "cpu_s": run.cpu, "peak_rss_mb": run.rss, "exit": run.code})
    peak = max(r["peak_rss_mb"] for r in rows)
    return {"baseline_rss_mb": baseline, "rows": rows, "target_mb": 200, "ok": peak <= 200}


BENCHES = {
    "cold": bench_cold,
    "throughput": bench_throughput,
    "jobs": bench_jobs,
    "scaling": bench_scaling,
    "memory": bench_memory,
}


# -- report --------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_table(results: dict) -> None:
    if "cold" in results:
        r = results["cold"]
        print(f"\nCold start: gwlint --format json on a {r['draft_chars']:,}-character .txt draft ({r['runs']} runs)")
        print(
            f"  gwlint median    {r['gwlint_median_s'] * 1000:7.1f} ms   (min {r['gwlint_min_s'] * 1000:.1f}, ", end=""
        )
        print(f"max {r['gwlint_max_s'] * 1000:.1f})   target ≤ 300 ms: {_verdict(r['ok'])}")
        print(f"  gwlint CPU       {r['gwlint_median_cpu_s'] * 1000:7.1f} ms   (user + system, median)")
        print(f"  python -c pass   {r['python_pass_median_s'] * 1000:7.1f} ms   ratio {r['ratio_to_python_pass']:.1f}×")
        print(f"  peak RSS         {r['gwlint_peak_rss_mb']:7.1f} MB   exit code {r['exit_code']}")
        print(f"  other processes kept {r['other_load_cores']:.2f} cores busy meanwhile")
    if "throughput" in results:
        r = results["throughput"]
        print(f"\nThroughput: {r['rules']} rules, one core, in-process, {r['documents']} seed pages")
        print(f"  {r['utf8_mb']:.2f} MB UTF-8 ({r['chars']:,} chars) in {r['seconds']:.2f} s")
        print(
            f"  {r['mb_per_s']:7.2f} MB/s   {r['kchars_per_s']:7.0f} k chars/s   target ≥ 1 MB/s: {_verdict(r['ok'])}"
        )
        print(f"  findings: {r['findings']:,}; share of rule time, slowest first:")
        for item in r["slowest_rules"]:
            print(f"    {item['share'] * 100:5.1f}%  {item['rule']}")
    if "jobs" in results:
        r = results["jobs"]
        print(f"\nParallel: {r['drafts']} drafts ({r['chars']:,} chars), median of {r['repeats']}, {r['cores']} cores")
        print(f"  --jobs 1 {r['jobs1_s']:7.2f} s   (CPU {r['jobs1_cpu_s']:.2f} s)")
        print(f"  --jobs 2 {r['jobs2_s']:7.2f} s   (CPU {r['jobs2_cpu_s']:.2f} s)")
        print(f"  speed-up {r['speedup']:.2f}×   target ≥ 1.7×: {_verdict(r['ok'])}")
        print(f"  other processes kept {r['other_load_cores']:.2f} of {r['cores']} cores busy meanwhile")
    if "scaling" in results:
        r = results["scaling"]
        print("\nScaling with document size (in-process lint time, best of 3; CLI peak RSS)")
        print(f"  {'size':>5} {'chars':>10} {'seconds':>9} {'time/char vs 1×':>16} {'peak RSS':>10} {'findings':>9}")
        for row in r["rows"]:
            print(
                f"  {row['factor']:>4}× {row['chars']:>10,} {row['seconds']:>9.3f} {row['time_per_char_vs_1x']:>15.2f}×"
                f" {row['peak_rss_mb']:>7.1f} MB {row['findings']:>9,}"
            )
        print(f"  linear (time per char at 16× ≤ 1.5× that at 1×): {_verdict(r['ok'])}")
    if "memory" in results:
        r = results["memory"]
        print(f"\nPeak memory of the CLI (baseline on a one-line draft: {r['baseline_rss_mb']:.1f} MB)")
        for row in r["rows"]:
            print(
                f"  {row['input']:<58} {row['peak_rss_mb']:7.1f} MB  {row['seconds']:6.2f} s"
                f" (CPU {row['cpu_s']:.2f} s)  exit {row['exit']}"
            )
        print(f"  target ≤ 200 MB: {_verdict(r['ok'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller inputs (a smoke run)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    from gwlint import __version__

    results: dict = {"gwlint": __version__, "python": sys.version.split()[0], "quick": args.quick}
    if not args.json:
        print(f"gwlint {results['gwlint']} on Python {results['python']}{' (quick)' if args.quick else ''}")
    with tempfile.TemporaryDirectory(prefix="gwlint-bench-") as tmp:
        for name in sections:
            work = Path(tmp) / name
            work.mkdir()
            results[name] = BENCHES[name](work, args.quick)
            if not args.json:
                print_table({name: results[name]})  # section by section: a long run shows progress
                sys.stdout.flush()
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
