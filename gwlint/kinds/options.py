"""Turn a rule's YAML `options:` mapping into a kind's frozen Options dataclass, strictly."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from gwlint.errors import ConfigError
from gwlint.yamlio import LineDict


def _accepts(tp: Any, value: Any) -> bool:
    origin = typing.get_origin(tp)
    if tp is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_accepts(arg, value) for arg in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if origin in (tuple, list):
        args = typing.get_args(tp)
        return isinstance(value, list) and all(_accepts(args[0], v) for v in value)
    if origin is dict:
        key_t, val_t = typing.get_args(tp)
        return isinstance(value, dict) and all(_accepts(key_t, k) and _accepts(val_t, v) for k, v in value.items())
    if tp is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, tp)


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    return value


def build_options(cls: type, raw: dict | None, file: str, line: int) -> Any:
    """Options(**raw) with unknown keys, missing required keys and wrong types reported by line."""
    raw = raw or {}
    if not isinstance(raw, dict):
        raise ConfigError(file, "应为映射", line, "options")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key, value in raw.items():
        key_line = raw.line_of(key) if isinstance(raw, LineDict) else line
        if key not in fields:
            known = "、".join(fields) or "无"
            raise ConfigError(file, f"未知选项(可用:{known})", key_line, f"options.{key}")
        if not _accepts(hints[key], value):
            raise ConfigError(file, f"类型不符,应为 {hints[key]}", key_line, f"options.{key}")
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if required and name not in raw:
            raise ConfigError(file, "缺少必需的选项", line, f"options.{name}")
    return cls(**{k: _freeze(v) for k, v in raw.items()})
