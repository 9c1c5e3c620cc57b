"""Project configuration: gwlint.yaml or [tool.gwlint] in pyproject.toml, nearest to each file.

select: [placeholder, boilerplate]      # rule ids or prefixes; default: every rule
ignore: [boilerplate.editor-note]
severity: {placeholder: warning, placeholder.masked-year: error}   # longest prefix wins
rule_folders: [office-rules]            # extra YAML rule packs, relative to this file
exclude: [archive, "drafts/old/**"]     # gitignore-like globs, relative to this file
fail_on: error                          # exit 1 from this level up (default warning)
document_types: {...}                   # per-project document-type settings
"""

from __future__ import annotations

import os
import re
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
    key_lines: tuple[tuple[str, int], ...] = ()  # ("select", 3), ("severity.placeholder", 5) …
    key_prefix: str = ""  # "tool.gwlint." for pyproject.toml, so errors name the key as written

    def is_excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        try:
            rel = Path(os.path.realpath(path)).relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            return False
        return any(_glob_regex(p).match(rel) for p in self.exclude)

    def error(self, message: str, key: str) -> ConfigError:
        """An error about one of this file's keys, located at the line the key is written on."""
        lines = dict(self.key_lines)
        line = lines.get(key) or lines.get(key.split(".")[0])
        return ConfigError(self.path or "<config>", message, line, self.key_prefix + key)


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-like globs: `**` spans folders, `*` stays in one; a bare name matches anywhere.

    A pattern with a slash before its end ("drafts/old", "/archive") is anchored at the
    config's folder; a trailing slash is allowed; `[abc]` classes work as in a shell.
    """
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
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
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            close = pattern.index("]", i + 2)
            body = pattern[i + 1 : close]
            negate = body[:1] in ("!", "^")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile(("" if anchored else "(?:.*/)?") + "".join(out) + "(?:/.*)?$")


class _Reader:
    """Checks one config mapping, reporting the file, line and key of the first problem."""

    def __init__(self, data: Any, file: Path, key_prefix: str) -> None:
        self.data = data
        self.file = file
        self.prefix = key_prefix

    def line(self, mapping: Any, key: str) -> int | None:
        return mapping.line_of(key) if isinstance(mapping, LineDict) else None

    def fail(self, message: str, key: str, line: int | None = None) -> ConfigError:
        return ConfigError(self.file, message, line or self.line(self.data, key.split(".")[0]), self.prefix + key)

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail("应为字符串或字符串列表", key)
        # "placeholder, boilerplate" in one string is accepted as on the command line.
        return tuple(part.strip() for v in value for part in v.split(",") if part.strip())

    def level(self, key: str, value: Any, line: int | None = None) -> str:
        if value not in SEVERITIES:
            raise self.fail(f"未知级别 {value!r}(可用:{'、'.join(SEVERITIES)})", key, line)
        return value


def parse_config(data: Any, file: Path, key_prefix: str = "") -> Config:
    file = Path(file)
    if data is None:
        data = {}
    reader = _Reader(data, file, key_prefix)
    if not isinstance(data, dict):
        raise ConfigError(file, "配置应为映射(键: 值)", 1)
    for key in data:
        if key not in KEYS:
            raise reader.fail(f"未知的配置项(可用:{'、'.join(KEYS)})", str(key))
    key_lines = [(str(k), line) for k in data if (line := reader.line(data, str(k)))]

    severity = data.get("severity")
    if severity is None:
        severity = {}
    if not isinstance(severity, dict):
        raise reader.fail("应为 {规则或前缀: 级别} 映射", "severity")
    levels = []
    for rule, level in severity.items():
        key, line = f"severity.{rule}", reader.line(severity, str(rule))
        if not isinstance(rule, str) or not rule.strip():
            raise reader.fail("规则编号或前缀应为字符串", key, line)
        levels.append((rule.strip(), reader.level(key, level, line)))
        if line:
            key_lines.append((key, line))

    fail_on = data.get("fail_on")
    if fail_on is not None:
        reader.level("fail_on", fail_on)

    document_types = data.get("document_types")
    if document_types is not None and not isinstance(document_types, dict):
        raise reader.fail("应为映射", "document_types")

    root = file.parent
    folders = []
    for raw in reader.strings("rule_folders"):
        folder = (root / Path(raw).expanduser()).resolve()
        if not folder.is_dir():
            raise reader.fail(f"规则目录不存在:{raw}", "rule_folders")
        folders.append(folder)

    return Config(
        path=file,
        root=root,
        select=reader.strings("select"),
        ignore=reader.strings("ignore"),
        severity=tuple(levels),
        rule_folders=tuple(folders),
        exclude=reader.strings("exclude"),
        fail_on=fail_on,
        document_types=document_types,
        key_lines=tuple(key_lines),
        key_prefix=key_prefix,
    )


_TOML_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*=""")
_TOML_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def _toml_lines(text: str, table: Any) -> Any:
    """[tool.gwlint] as LineDicts, so errors in pyproject.toml name a line too.

    tomllib keeps no positions; a line scan finds `key =` under [tool.gwlint] and
    [tool.gwlint.<sub>] headers, which is how people write this table.
    """
    if not isinstance(table, dict):
        return table
    root = LineDict(table)
    root.key_lines = {}
    subs: dict[str, LineDict] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            sub = LineDict(value)
            sub.key_lines = {}
            root[key] = subs[key] = sub
    current: LineDict | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _TOML_TABLE.match(line)
        if header:
            name = header.group(1).replace(" ", "")
            current = None
            if name == "tool.gwlint":
                current, root.line = root, number
            elif name.startswith("tool.gwlint.") and name[12:] in subs:
                current = subs[name[12:]]
                current.line = number
                root.key_lines.setdefault(name[12:], number)
            continue
        key = _TOML_KEY.match(line)
        if current is not None and key:
            name = next(g for g in key.groups() if g)
            current.key_lines.setdefault(name, number)
    return root


def load_config(file: Path | str) -> Config:
    file = Path(file)
    if file.is_dir():
        raise ConfigError(file, "是目录,应为 gwlint.yaml 或 pyproject.toml 文件")
    if not file.is_file():
        raise ConfigError(file, "配置文件不存在")
    if file.suffix == ".toml":
        import tomllib  # only for pyproject.toml: keep it off the start-up path

        try:
            text = file.read_text(encoding="utf-8-sig")
            table = tomllib.loads(text).get("tool", {}).get("gwlint", {})
        except tomllib.TOMLDecodeError as err:
            found = re.search(r"line (\d+)", str(err))
            # "(at end of document)": the error is on the last line.
            line = int(found.group(1)) if found else len(text.splitlines()) or 1
            raise ConfigError(file, f"TOML 语法错误:{err}", line) from None
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(file, f"无法读取:{err}") from None
        return parse_config(_toml_lines(text, table), file, "tool.gwlint.")
    return parse_config(load_yaml(file), file)


@lru_cache(maxsize=1024)
def _config_in(folder: Path) -> Path | None:
    """The config file in one folder. Cached: call `_config_in.cache_clear()` when files change."""
    try:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.gwlint" in pyproject.read_bytes():
            return pyproject
    except OSError:
        pass
    return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a permission problem: not a folder we can use
        return False


def find_config_file(start: Path) -> Path | None:
    """The nearest config walking up from a file's folder (or from a folder itself)."""
    folder = Path(os.path.realpath(start))  # unlike Path.resolve(), never raises on a link loop
    if not _is_dir(folder):
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    return None
