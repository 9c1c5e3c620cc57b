"""Project configuration: gwlint.yaml or [tool.gwlint] in pyproject.toml, nearest to each file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gwlint.errors import ConfigError
from gwlint.finding import SEVERITIES
from gwlint.yamlio import LineDict, load_yaml

CONFIG_NAMES = ("gwlint.yaml", "gwlint.yml", ".gwlint.yaml")
KEYS = {
    "select": "启用的规则(编号或类别前缀)",
    "ignore": "停用的规则(编号或类别前缀)",
    "severity": "改变级别:{规则或前缀: error|warning|info}",
    "rule_folders": "额外的规则包目录(相对于配置文件)",
    "exclude": "不检查的路径(glob,相对于配置文件)",
    "fail_on": "达到该级别即返回 1:error|warning|info",
    "document_types": "文种设置(必备部分等)",
}


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file this came from; None for defaults
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rule_folders: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    document_types: Any = None

    def is_excluded(self, path: Path) -> bool:
        try:
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return False
        return any(_glob_regex(p).match(rel) for p in self.exclude)


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-like globs: `**` spans folders, `*` stays in one; a bare name matches anywhere."""
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    body = "".join(out).rstrip("/")
    return re.compile(("" if anchored else "(?:.*/)?") + body + "(?:/.*)?$")


def _strings(data: dict, key: str, file: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(file, "应为字符串列表", _line(data, key), key)
    return tuple(value)


def _line(data: dict, key: str) -> int | None:
    return data.line_of(key) if isinstance(data, LineDict) else None


def parse_config(data: Any, file: Path, key_prefix: str = "") -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(file, "配置应为映射", 1)
    for key in data:
        if key not in KEYS:
            raise ConfigError(file, f"未知的配置项(可用:{'、'.join(KEYS)})", _line(data, key), key_prefix + str(key))
    severity = data.get("severity") or {}
    if not isinstance(severity, dict):
        raise ConfigError(file, "应为 {规则: 级别} 映射", _line(data, "severity"), key_prefix + "severity")
    for rule, level in severity.items():
        if level not in SEVERITIES:
            line = severity.line_of(rule) if isinstance(severity, LineDict) else None
            raise ConfigError(file, f"未知级别 {level!r}(可用:{'、'.join(SEVERITIES)})", line, f"severity.{rule}")
    fail_on = data.get("fail_on")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(file, f"未知级别(可用:{'、'.join(SEVERITIES)})", _line(data, "fail_on"), "fail_on")
    root = file.parent
    folders = tuple((root / p).resolve() for p in _strings(data, "rule_folders", file))
    for folder, raw in zip(folders, _strings(data, "rule_folders", file), strict=True):
        if not folder.is_dir():
            raise ConfigError(file, f"规则目录不存在:{raw}", _line(data, "rule_folders"), "rule_folders")
    return Config(
        path=file,
        root=root,
        select=_strings(data, "select", file),
        ignore=_strings(data, "ignore", file),
        severity=tuple(severity.items()),
        rule_folders=folders,
        exclude=_strings(data, "exclude", file),
        fail_on=fail_on,
        document_types=data.get("document_types"),
    )


def load_config(file: Path) -> Config:
    file = Path(file)
    if file.name == "pyproject.toml":
        try:
            table = tomllib.loads(file.read_text(encoding="utf-8")).get("tool", {}).get("gwlint", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(file, f"无法读取:{err}") from None
        return parse_config(table, file, "tool.gwlint.")
    if not file.is_file():
        raise ConfigError(file, "配置文件不存在")
    return parse_config(load_yaml(file), file)


@lru_cache(maxsize=1024)
def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and b"[tool.gwlint" in pyproject.read_bytes():
        return pyproject
    return None


def find_config_file(start: Path) -> Path | None:
    """The nearest config walking up from a file's folder."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    return None
