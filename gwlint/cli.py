"""The command line: gwlint PATH... (see `gwlint --help`)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from gwlint import __version__
from gwlint.api import FileResult, Linter, is_known_selector
from gwlint.errors import ConfigError
from gwlint.finding import SEVERITIES, severity_rank
from gwlint.report import FORMATS, ReportContext, get_reporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves
PROGRESS_MIN_FILES = 20
STDIN = "-"


class UsageError(Exception):
    """Bad command-line input found after parsing (exit 2, like argparse's own errors)."""


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for raw in values or () for v in raw.split(",") if v.strip()]


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gwlint",
        description="检查公文草稿(工作总结、情况汇报、自查报告、活动方案……)中的未填占位符、网站残留、重复段落、数字矛盾、缺失部分和编号问题。",
        epilog="退出码:0 无达到失败级别的问题;1 有问题;2 用法错误、配置错误或有文件无法读取。",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="文件或目录(.txt .md .docx .doc .wps);- 表示标准输入")
    p.add_argument("--format", choices=list(FORMATS), default="text", help="输出格式(默认 text)")
    p.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="只启用这些规则(编号或类别前缀,逗号分隔,可重复;取代配置中的 select)",
    )
    p.add_argument("--ignore", action="append", metavar="RULES", help="停用这些规则(编号或类别前缀,逗号分隔,可重复)")
    p.add_argument("--fail-on", choices=SEVERITIES, default=None, help="达到该级别的问题使退出码为 1(默认 warning)")
    p.add_argument("--config", type=Path, metavar="PATH", help="使用此配置文件,不再逐级查找 gwlint.yaml")
    p.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取时使用的文件名(决定格式与配置)")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="并行进程数(默认 CPU 核数)")
    p.add_argument("--force-exclude", action="store_true", help="对命令行直接给出的文件也应用 exclude 配置")
    p.add_argument(
        "--fix", action="store_true", help="自动修复安全的问题(只改 .txt/.md,保留原编码与换行),再报告其余问题"
    )
    p.add_argument("--diff", action="store_true", help="只显示 --fix 会做的修改(统一差异格式),不写文件")
    p.add_argument("--no-progress", action="store_true", help="不显示进度条")
    p.add_argument("--list-rules", action="store_true", help="列出启用的规则")
    p.add_argument("--explain", metavar="RULE_ID", help="说明一条规则并给出正反示例")
    p.add_argument("--version", action="version", version=f"gwlint {__version__}")
    return p


# -- linting, in this process or in worker processes ------------------------------------------
# A worker forked from this process inherits the parent's Linter, rules already compiled; a
# spawned worker (macOS, Windows) builds its own once.
_worker_linter: Linter | None = None


def _init_worker(args: tuple) -> None:
    global _worker_linter
    # Ctrl-C is the main process's to handle; workers printing tracebacks of it would be noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _worker_linter is None:
        _worker_linter = Linter(*args)


def _lint_in_worker(path: Path) -> FileResult:
    assert _worker_linter is not None
    result = _worker_linter.lint_file(path)
    if not result.findings:
        result.document = None  # reporters need a document only to place findings: don't ship it back
    return result


def lint_all(linter: Linter, files: list[Path], jobs: int, linter_args: tuple) -> Iterator[FileResult]:
    """Results in the order of `files`, whatever the number of processes."""
    if jobs <= 1 or len(files) < PARALLEL_MIN_FILES:
        for path in files:
            yield linter.lint_file(path)
        return
    from concurrent.futures import ProcessPoolExecutor  # not on the start-up path of a one-file run

    global _worker_linter
    _worker_linter = linter
    chunksize = max(1, min(32, len(files) // (jobs * 8)))
    pool = ProcessPoolExecutor(min(jobs, len(files)), initializer=_init_worker, initargs=(linter_args,))
    try:
        yield from pool.map(_lint_in_worker, files, chunksize=chunksize)
    except BaseException:  # Ctrl-C or a consumer that stopped: don't wait for thousands of queued files
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


# -- helpers ------------------------------------------------------------------------------
def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _tolerant_streams() -> None:
    """A console that cannot show a character gets an escape, not a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _check_selectors(linter: Linter, select: list[str], ignore: list[str]) -> None:
    for option, selectors in (("--select", select), ("--ignore", ignore)):
        unknown = [s for s in selectors if not is_known_selector(s, linter.known_rule_ids)]
        if unknown:
            raise UsageError(f"{option}:未知的规则或类别:{'、'.join(unknown)}(gwlint --list-rules 查看全部规则)")


def _rules_command(linter: Linter, args: argparse.Namespace, select: list[str], ignore: list[str]) -> int:
    from gwlint.report.rules import explain, list_rules

    config = linter.config_for(Path.cwd() / "_")
    engine = linter.engine_for(config)
    _check_selectors(linter, select, ignore)
    if args.explain:
        # Any rule can be explained, enabled or not: people look up ids they saw elsewhere.
        return explain({r.id: r for r in linter.all_rules(config)}, args.explain, sys.stdout)
    return list_rules({r.id: r for r in engine.rules}, sys.stdout)


# -- main ---------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _tolerant_streams()
    try:
        return _main(parser, args)
    except ConfigError as err:
        print(f"gwlint: 配置错误:{err}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as err:
        print(f"gwlint: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, and keep Python from failing at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR


def _main(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    select, ignore = _split(args.select), _split(args.ignore)
    jobs = args.jobs if args.jobs is not None else _cpu_count()
    if jobs < 1:
        parser.error("--jobs 必须 ≥ 1")
    linter = Linter(args.config, select, ignore)
    if args.list_rules or args.explain:
        return _rules_command(linter, args, select, ignore)
    if not args.paths:
        parser.error("请给出要检查的文件或目录(- 表示标准输入)")
    if (args.fix or args.diff) and STDIN in args.paths:
        parser.error("--fix/--diff 不能用于标准输入")

    files = list(linter.collect([Path(p) for p in args.paths if p != STDIN], args.force_exclude))
    # Every config and rule pack is loaded here, before any output: an invalid one is exit 2
    # with its file, line and key, not an error inside a worker process.
    for path in files:
        linter.engine_for(linter.config_for(path))
    stdin_name = args.stdin_filename or "stdin.txt"
    if STDIN in args.paths:
        linter.engine_for(linter.config_for(Path.cwd() / stdin_name))
    _check_selectors(linter, select, ignore)
    if not files and STDIN not in args.paths:
        print("gwlint: 没有找到要检查的文件(.txt .md .docx .doc .wps)", file=sys.stderr)

    results: list[FileResult] = []
    if STDIN in args.paths:
        results.append(linter.lint_bytes(sys.stdin.buffer.read(), stdin_name))
    linted = lint_all(linter, files, jobs, (args.config, select, ignore))
    if args.format == "text" and not args.no_progress and len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        from gwlint.report.text import progress

        linted = progress(linted, len(files))
    results.extend(linted)

    write_failed = False
    if args.fix or args.diff:
        from gwlint.autofix import fix_results

        outcome = fix_results(linter, results, write=not args.diff)
        for note in outcome.notes:
            print(f"gwlint: {note}", file=sys.stderr)
        write_failed = outcome.failed
        if args.diff:
            sys.stdout.write(outcome.diff)
            sys.stdout.flush()
            if outcome.fixes:
                print(f"gwlint: 可自动修复 {outcome.fixes} 处问题({outcome.files} 个文件)", file=sys.stderr)
            if any(r.error is not None for r in results) or write_failed:
                return EXIT_ERROR
            return EXIT_FINDINGS if outcome.fixes else EXIT_CLEAN
        results = outcome.results
        if outcome.fixes:
            print(f"gwlint: 已修复 {outcome.fixes} 处问题({outcome.files} 个文件)", file=sys.stderr)

    code = _report(linter, args, results)
    return EXIT_ERROR if write_failed else code


def _fail_level(linter: Linter, args: argparse.Namespace, path: str) -> str:
    if args.fail_on:
        return args.fail_on
    return linter.config_for(Path(path)).fail_on or "warning"


def _report(linter: Linter, args: argparse.Namespace, results: list[FileResult]) -> int:
    levels = {c.fail_on or "warning" for c in linter.configs} or {"warning"}
    fail_on = args.fail_on or (levels.pop() if len(levels) == 1 else "warning")
    rules = {r.id: r for engine in linter.engines for r in engine.rules}
    ctx = ReportContext(rules=rules, color=_use_color(sys.stdout), fail_on=fail_on)
    get_reporter(args.format)(results, sys.stdout, ctx)
    sys.stdout.flush()
    if any(r.error is not None for r in results):
        if args.format != "text":  # text output shows the errors already, on stdout with the findings
            for r in results:
                if r.error is not None:
                    print(f"gwlint: {r.path}: {r.error}", file=sys.stderr)
        return EXIT_ERROR
    for r in results:
        threshold = severity_rank(_fail_level(linter, args, r.path))
        if any(severity_rank(f.severity) >= threshold for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_CLEAN


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
