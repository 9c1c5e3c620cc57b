"""The command line: gwlint PATH... (see `gwlint --help`)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gwlint import __version__
from gwlint.api import FileResult, Linter
from gwlint.errors import ConfigError
from gwlint.finding import SEVERITIES, severity_rank
from gwlint.report import FORMATS, ReportContext, get_reporter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for raw in values or () for v in raw.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gwlint",
        description="检查公文草稿(工作总结、情况汇报、自查报告、活动方案……)中的未填占位符、网站残留、重复段落、数字矛盾、缺失部分和编号问题。",
        epilog="退出码:0 无达到失败级别的问题;1 有问题;2 用法错误或有文件无法读取。",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="文件或目录(.txt .md .docx .doc .wps);- 表示标准输入")
    p.add_argument("--format", choices=list(FORMATS), default="text", help="输出格式(默认 text)")
    p.add_argument("--select", action="append", metavar="RULES", help="只启用这些规则(编号或类别前缀,逗号分隔)")
    p.add_argument("--ignore", action="append", metavar="RULES", help="停用这些规则(编号或类别前缀,逗号分隔)")
    p.add_argument("--fail-on", choices=SEVERITIES, default=None, help="达到该级别的问题使退出码为 1(默认 warning)")
    p.add_argument("--config", type=Path, metavar="PATH", help="使用此配置文件,不再逐级查找 gwlint.yaml")
    p.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取时使用的文件名(决定格式与配置)")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N", help="并行进程数(默认 CPU 核数)")
    p.add_argument("--force-exclude", action="store_true", help="对命令行直接给出的文件也应用 exclude 配置")
    p.add_argument("--no-progress", action="store_true", help="不显示进度条")
    p.add_argument("--list-rules", action="store_true", help="列出所有规则")
    p.add_argument("--explain", metavar="RULE_ID", help="说明一条规则并给出正反示例")
    p.add_argument("--version", action="version", version=f"gwlint {__version__}")
    return p


# Worker processes build their own Linter once (rules compiled once per process).
_worker_linter: Linter | None = None


def _init_worker(args: tuple) -> None:
    global _worker_linter
    _worker_linter = Linter(*args)


def _lint_in_worker(path: Path) -> FileResult:
    assert _worker_linter is not None
    return _worker_linter.lint_file(path)


def lint_all(linter: Linter, files: list[Path], jobs: int, linter_args: tuple) -> Iterator[FileResult]:
    """Results in the order of `files`, whatever the number of processes."""
    if jobs <= 1 or len(files) < PARALLEL_MIN_FILES:
        for path in files:
            yield linter.lint_file(path)
        return
    chunksize = max(1, min(32, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(linter_args,)) as pool:
        yield from pool.map(_lint_in_worker, files, chunksize=chunksize)


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    select, ignore = _split(args.select), _split(args.ignore)
    if args.jobs < 1:
        parser.error("--jobs 必须 ≥ 1")
    try:
        linter = Linter(args.config, select, ignore)
        if args.list_rules or args.explain:
            from gwlint.report.rules import explain, list_rules

            engine = linter.engine_for(linter.config_for(Path.cwd() / "_"))
            rules = {r.id: r for r in engine.rules}
            if args.explain:
                return explain(rules, args.explain, sys.stdout)
            return list_rules(rules, sys.stdout)
        if not args.paths:
            parser.error("请给出要检查的文件或目录(- 表示标准输入)")
        results = list(_run(linter, args, select, ignore))
        engine_rules = {r.id: r for e in linter._engines.values() for r in e.rules}
    except ConfigError as err:
        print(f"gwlint: 配置错误:{err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    fail_on = args.fail_on or next((c.fail_on for c in linter._configs.values() if c.fail_on), None) or "warning"
    ctx = ReportContext(rules=engine_rules, color=_use_color(sys.stdout), fail_on=fail_on)
    get_reporter(args.format)(results, sys.stdout, ctx)
    sys.stdout.flush()
    if any(r.error is not None for r in results):
        if args.format != "text":  # text output shows the errors already, on stdout with the findings
            for r in results:
                if r.error is not None:
                    print(f"gwlint: {r.path}: {r.error}", file=sys.stderr)
        return EXIT_ERROR
    threshold = severity_rank(fail_on)
    if any(severity_rank(f.severity) >= threshold for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _run(linter: Linter, args: argparse.Namespace, select: list[str], ignore: list[str]) -> Iterator[FileResult]:
    paths = [Path(p) for p in args.paths if p != "-"]
    if "-" in args.paths:
        name = args.stdin_filename or "stdin.txt"
        yield linter.lint_bytes(sys.stdin.buffer.read(), name)
    files = []
    for path in paths:
        if not path.exists():
            yield FileResult(str(path), error="文件不存在")
        else:
            files.extend(linter.collect([path], args.force_exclude))
    linter_args = (args.config, select, ignore)
    results = lint_all(linter, files, args.jobs, linter_args)
    show_progress = args.format == "text" and not args.no_progress and len(files) >= 20 and sys.stderr.isatty()
    if show_progress:
        from gwlint.report.text import progress

        results = progress(results, len(files))
    yield from results


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
