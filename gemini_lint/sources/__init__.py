"""Source readers, one file kind a module; :func:`kind_of` maps a path to its kind."""

from __future__ import annotations

import enum
import os
from typing import Optional


class Kind(enum.Enum):
    """The kinds of file gemini-lint reads."""

    PYTHON = "python"
    MARKDOWN = "markdown"
    RST = "rst"
    TEXT = "text"
    NOTEBOOK = "notebook"
    JSON = "json"
    YAML = "yaml"
    TOML = "toml"
    INI = "ini"
    ENV = "env"


_SUFFIXES = {
    ".py": Kind.PYTHON,
    ".pyi": Kind.PYTHON,
    ".md": Kind.MARKDOWN,
    ".mdx": Kind.MARKDOWN,
    ".markdown": Kind.MARKDOWN,
    ".rst": Kind.RST,
    ".txt": Kind.TEXT,
    ".ipynb": Kind.NOTEBOOK,
    ".json": Kind.JSON,
    ".yaml": Kind.YAML,
    ".yml": Kind.YAML,
    ".toml": Kind.TOML,
    ".ini": Kind.INI,
    ".cfg": Kind.INI,
    ".env": Kind.ENV,  # prod.env, as docker compose's env_file names them
}


def kind_of(path: str) -> Optional[Kind]:
    """The kind of ``path`` by its name, or None when gemini-lint does not read such files."""
    return kind_of_name(os.path.basename(path))


def kind_of_name(name: str) -> Optional[Kind]:
    """:func:`kind_of` for a file name (no folder part)."""
    if name == ".env" or name.startswith(".env."):
        return Kind.ENV
    dot = name.rfind(".")
    if dot <= 0:
        return None
    return _SUFFIXES.get(name[dot:].lower())
