"""The two error types gwlint raises on purpose; any other exception is a bug."""

from __future__ import annotations

from pathlib import Path


class UnreadableFile(Exception):
    """A draft that cannot be read: reported by name with a one-line reason, exit code 2."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class ConfigError(Exception):
    """An invalid configuration file or rule pack, located by file, line and key."""

    def __init__(self, file: str | Path, message: str, line: int | None = None, key: str | None = None) -> None:
        where = f"{file}:{line}" if line else str(file)
        what = f"{key}: {message}" if key else message
        super().__init__(f"{where}: {what}")
        self.file = str(file)
        self.line = line
        self.key = key
        self.message = message
