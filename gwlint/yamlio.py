"""YAML loading that remembers where each key was written, for errors that name file, line and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from gwlint.errors import ConfigError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there: faster start-up


class LineDict(dict):
    """A mapping from YAML that knows the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise ConfigError(_Loader.current_file, "重复的键", key_node.start_mark.line + 1, str(key))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.current_file = "<yaml>"


def load_yaml(path: Path | str, text: str | None = None) -> Any:
    """Parse a YAML file; a syntax error becomes a ConfigError with the file and line."""
    path = Path(path)
    try:
        if text is None:
            text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(path, f"无法读取:{err}") from None
    _Loader.current_file = str(path)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise ConfigError(path, f"YAML 语法错误:{err.problem}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as err:
        raise ConfigError(path, f"YAML 语法错误:{err}") from None
