"""Shared fixtures: settings pinned to a date, the packaged matcher, a CLI runner."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from gemini_lint.config import FileConfig, Overrides, Settings, resolve
from gemini_lint.matching import settings_matcher
from gemini_lint.matching import Matcher

TODAY = dt.date(2026, 11, 25)
FLASH = "gemini-3.1-flash-image-preview"
FLASH_GA = "gemini-3.1-flash-image"
PRO = "gemini-3-pro-image-preview"
PRO_GA = "gemini-3-pro-image"


def make_settings(**overrides: object) -> Settings:
    """Settings as the CLI would build them with no config file, pinned to TODAY."""
    values: dict[str, object] = {"today": TODAY}
    values.update(overrides)
    return resolve(FileConfig(), Overrides(**values), environ={})  # type: ignore[arg-type]


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def matcher(settings: Settings) -> Matcher:
    return settings_matcher(settings)


@pytest.fixture(autouse=True)
def _no_env_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GEMINI_LINT_TODAY", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("CLICOLOR_FORCE", raising=False)


def console_script() -> list[str]:
    """The installed ``gemini-lint`` (next to this interpreter), else ``python -m gemini_lint``."""
    candidate = Path(sys.executable).parent / "gemini-lint"
    if candidate.exists():
        return [str(candidate)]
    found = shutil.which("gemini-lint")
    return [found] if found else [sys.executable, "-m", "gemini_lint"]


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*console_script(), *args],
            cwd=cwd,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
            env={**__import__("os").environ, "NO_COLOR": "1"},
        )

    return run
