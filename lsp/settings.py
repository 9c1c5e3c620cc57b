"""Client settings (workspace/configuration section "gwlint") merged onto a file's gwlint.yaml."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gwlint.config import Config
from gwlint.finding import SEVERITIES


@dataclass(frozen=True)
class ClientSettings:
    enable: bool = True
    severity: tuple[tuple[str, str], ...] = ()  # {rule id or prefix: level}
    extra_rule_folders: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, raw: Any) -> ClientSettings:
        """Lenient: a client sends what its user typed; bad entries are dropped, not fatal."""
        if not isinstance(raw, dict):
            return cls()
        severity = raw.get("severity") or {}
        folders = raw.get("extraRuleFolders") or []
        return cls(
            enable=raw.get("enable", True) is not False,
            severity=tuple((k, v) for k, v in severity.items() if isinstance(k, str) and v in SEVERITIES)
            if isinstance(severity, dict)
            else (),
            extra_rule_folders=tuple(
                Path(f).expanduser() for f in folders if isinstance(f, str) and Path(f).expanduser().is_dir()
            )
            if isinstance(folders, list)
            else (),
            select=_strings(raw.get("select")),
            ignore=_strings(raw.get("ignore")),
        )

    def apply(self, config: Config) -> Config:
        """The editor's settings win over the project file: they are the user's choice right now."""
        return dataclasses.replace(
            config,
            severity=config.severity + self.severity,
            rule_folders=config.rule_folders
            + tuple(f for f in self.extra_rule_folders if f not in config.rule_folders),
        )


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(v for v in value or () if isinstance(v, str))
