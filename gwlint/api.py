"""Lint files and text: the one entry point the command line, the language server and tests share."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gwlint.config import Config, find_config_file, load_config
from gwlint.document import Document
from gwlint.engine import Engine, select_rules
from gwlint.errors import ConfigError, UnreadableFile
from gwlint.finding import CATEGORIES, Finding
from gwlint.readers import SUFFIXES, read_bytes, read_path
from gwlint.rulepack import Rule, builtin_rules_dir, load_rules

SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__"}


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None  # the one-line reason a file could not be read


def is_known_selector(selector: str, rule_ids: Iterable[str]) -> bool:
    """A selector is a prefix of some rule id or of a category (a category may ship no rule yet)."""
    return any(r.startswith(selector) for r in rule_ids) or any(c.startswith(selector) for c in CATEGORIES)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a link loop …: reading it as a file will say why
        return False


def _skipped(entry: os.DirEntry) -> bool:
    """Hidden entries (.git, macOS ._x.docx), tool folders and Word's ~$x.docx lock files."""
    return entry.name.startswith((".", "~$")) or entry.name in SKIPPED_DIRS


class Linter:
    """Finds the config for each file and keeps one engine per config.

    `select` given here (the command line) replaces the config's `select`; `ignore` adds to the
    config's, as in Ruff: the command line is the user's choice for this run.
    """

    def __init__(self, config_path: Path | None = None, select: Iterable[str] = (), ignore: Iterable[str] = ()):
        self.fixed_config = load_config(config_path) if config_path else None
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self._configs: dict[Path | None, Config] = {}
        self._engines: dict[Path | None, Engine] = {}
        self._builtin: list[Rule] | None = None
        self.known_rule_ids: set[str] = set()  # every rule of every pack loaded so far, selected or not

    # -- configuration ---------------------------------------------------------------------
    def config_for(self, path: Path) -> Config:
        if self.fixed_config is not None:
            return self.fixed_config
        file = find_config_file(path)
        if file not in self._configs:
            self._configs[file] = load_config(file) if file else Config()
        return self._configs[file]

    @property
    def configs(self) -> list[Config]:
        """The configs used so far (the --config one included)."""
        return [self.fixed_config] if self.fixed_config is not None else list(self._configs.values())

    @property
    def engines(self) -> list[Engine]:
        return list(self._engines.values())

    def all_rules(self, config: Config) -> list[Rule]:
        """Built-in rules (parsed once) plus the config's folders, ids unique across all."""
        if self._builtin is None:
            self._builtin = load_rules([builtin_rules_dir()])
        if not config.rule_folders:
            return self._builtin
        extra = load_rules(config.rule_folders)
        first = {r.id: r for r in self._builtin}
        for rule in extra:
            if rule.id in first:
                where = f"{first[rule.id].source}:{first[rule.id].line}"
                raise ConfigError(rule.source, f"规则编号与内置规则重复(见 {where})", rule.line, "id")
        return self._builtin + extra

    def engine_for(self, config: Config) -> Engine:
        if config.path not in self._engines:
            rules = self.all_rules(config)
            ids = [r.id for r in rules]
            self.known_rule_ids.update(ids)
            for key, selectors in (
                ("select", config.select),
                ("ignore", config.ignore),
                *((f"severity.{s}", (s,)) for s, _ in config.severity),
            ):
                unknown = [s for s in selectors if not is_known_selector(s, ids)]
                if unknown:
                    raise config.error(f"未知的规则或类别:{'、'.join(unknown)}", key)
            rules = select_rules(rules, self.select or config.select, config.ignore + self.ignore)
            try:
                engine = Engine(rules, config.severity, config.document_types)
            except ConfigError as err:  # the kinds check `document_types`; name the file and its line
                raise config.error(err.message, "document_types") from None
            self._engines[config.path] = engine
        return self._engines[config.path]

    # -- linting ---------------------------------------------------------------------------
    def lint_document(self, doc: Document, config: Config | None = None) -> list[Finding]:
        return self.engine_for(config or self.config_for(Path(doc.path))).lint(doc)

    def lint_file(self, path: Path | str) -> FileResult:
        try:
            doc = read_path(path)
        except UnreadableFile as err:
            return FileResult(str(path), error=err.reason)
        return FileResult(str(path), self.lint_document(doc), doc)

    def lint_bytes(self, data: bytes, name: str) -> FileResult:
        try:
            doc = read_bytes(data, name)
        except UnreadableFile as err:
            return FileResult(name, error=err.reason)
        return FileResult(name, self.lint_document(doc, self.config_for(Path.cwd() / name)), doc)

    # -- finding files ---------------------------------------------------------------------
    def collect(self, paths: Iterable[Path], force_exclude: bool = False) -> Iterator[Path]:
        """Files to lint, each once: named files as given (excluded only with `force_exclude`),
        folders recursed in sorted order with the excludes of the config nearest each file.

        A folder that cannot be listed is yielded itself, so that reading it reports why.
        """
        seen: set[Path] = set()
        for path in paths:
            path = Path(path)
            if _is_dir(path):
                if force_exclude and self.config_for(path / "_").is_excluded(path):
                    continue
                found: Iterable[Path] = self._walk(path, set())
            elif force_exclude and self.config_for(path).is_excluded(path):
                continue
            else:
                found = (path,)
            for file in found:
                key = Path(os.path.abspath(file))
                if key not in seen:
                    seen.add(key)
                    yield file

    def _walk(self, folder: Path, visiting: set[Path]) -> Iterator[Path]:
        real = Path(os.path.realpath(folder))
        if real in visiting:  # a symbolic link back to a folder being walked
            return
        visiting = visiting | {real}
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            yield folder
            return
        for entry in entries:
            if _skipped(entry):
                continue
            path = folder / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link loop: reading it as a file reports it
                is_dir = False
            if is_dir:
                if not self.config_for(path / "_").is_excluded(path):
                    yield from self._walk(path, visiting)
            elif Path(entry.name).suffix.lower() in SUFFIXES and not self.config_for(path).is_excluded(path):
                yield path


@lru_cache(maxsize=8)
def _default_linter(select: tuple[str, ...], ignore: tuple[str, ...]) -> Linter:
    return Linter(None, select, ignore)


def lint_text(
    text: str,
    format: str = "txt",
    path: str = "<text>",
    config_path: Path | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Findings for a text held in memory, under the built-in defaults or the given config file."""
    if config_path is not None:
        linter = Linter(config_path, select, ignore)
        config = linter.config_for(Path(config_path))
    else:
        linter = _default_linter(tuple(select), tuple(ignore))
        config = Config()
    return linter.lint_document(Document.from_text(text, path, format), config)
