"""Source readers, one file kind a module; :func:`kind_of` maps a path to its kind."""

from __future__ import annotations

import enum
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
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


#: Env files by name: ``.env``, ``.env.local``, ``.env-example``, ``.env_sample``, direnv's ``.envrc``...
_ENV_NAMES = frozenset((".env", ".envrc", ".flaskenv", "env.example", "env.sample", "env.template", "env.dist"))
#: A copy or template of a file, named by a last suffix: ``config.yaml.example``, ``settings.py.dist``.
_COPY_SUFFIXES = frozenset((".example", ".sample", ".dist", ".template", ".tmpl", ".tpl", ".j2"))


def kind_of_name(name: str) -> Optional[Kind]:
    """:func:`kind_of` for a file name (no folder part)."""
    if name in _ENV_NAMES or name.startswith((".env.", ".env-", ".env_")):
        return Kind.ENV
    dot = name.rfind(".")
    if dot <= 0:
        return None
    suffix = name[dot:].lower()
    if suffix in _COPY_SUFFIXES:
        return kind_of_name(name[:dot])
    return _SUFFIXES.get(suffix)
