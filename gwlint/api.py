"""Lint files and text: the one entry point the command line, the language server and tests share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gwlint.config import Config, find_config_file, load_config
from gwlint.document import Document
from gwlint.engine import Engine
from gwlint.errors import UnreadableFile
from gwlint.finding import Finding
from gwlint.readers import SUFFIXES, read_bytes, read_path

SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__"}


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None  # the one-line reason a file could not be read


class Linter:
    """Finds the config for each file and keeps one engine per config."""

    def __init__(self, config_path: Path | None = None, select: Iterable[str] = (), ignore: Iterable[str] = ()):
        self.fixed_config = load_config(config_path) if config_path else None
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self._configs: dict[Path | None, Config] = {}
        self._engines: dict[Path | None, Engine] = {}

    def config_for(self, path: Path) -> Config:
        if self.fixed_config is not None:
            return self.fixed_config
        file = find_config_file(path)
        if file not in self._configs:
            self._configs[file] = load_config(file) if file else Config()
        return self._configs[file]

    def engine_for(self, config: Config) -> Engine:
        if config.path not in self._engines:
            self._engines[config.path] = Engine.from_config(config, self.select, self.ignore)
        return self._engines[config.path]

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

    def collect(self, paths: Iterable[Path], force_exclude: bool = False) -> Iterator[Path]:
        """Files to lint: named files as given, folders recursed in sorted order, excludes honoured."""
        for path in paths:
            if path.is_dir():
                yield from self._walk(path)
            elif not force_exclude or not self.config_for(path).is_excluded(path):
                yield path

    def _walk(self, folder: Path) -> Iterator[Path]:
        config = self.config_for(folder / "_")
        if config.is_excluded(folder):
            return
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
        for entry in entries:
            if entry.is_dir():
                if entry.name not in SKIPPED_DIRS and not entry.name.startswith("."):
                    yield from self._walk(entry)
            elif (
                entry.suffix.lower() in SUFFIXES
                and not entry.name.startswith("~$")  # Word's lock files beside an open document
                and not self.config_for(entry).is_excluded(entry)
            ):
                yield entry


def lint_text(text: str, format: str = "txt", path: str = "<text>", **linter_args) -> list[Finding]:
    """Findings for a text held in memory (used by tests and the language server)."""
    linter = Linter(**linter_args)
    return linter.lint_document(Document.from_text(text, path, format), Config())
