"""The real pre-commit client drives this checkout's hooks in a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FLASH, FLASH_GA

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_manifest_covers_every_kind() -> None:
    import re

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"gemini-lint", "gemini-lint-fix"}
    assert "--fix" in hooks["gemini-lint-fix"]["entry"] and "--fix" not in hooks["gemini-lint"]["entry"]
    pattern = re.compile(hooks["gemini-lint"]["files"])
    for name in ["a.py", "b.pyi", "README.md", "x.mdx", "d.rst", "n.txt", "nb.ipynb", "p.json", "v.yaml",
                 "v.yml", "pyproject.toml", "setup.cfg", "tox.ini", ".env", "deploy/.env.example", "prod.env",
                 ".env-example", "a/.env_sample", ".envrc", ".flaskenv", "env.example", "config.yaml.example",
                 "settings.py.dist", "values.yml.tpl"]:
        assert pattern.search(name), name
    for name in ["a.js", "env.py.bak", "image.png", "run.sh", "Dockerfile", "notes.example", "a/xenv.example"]:
        assert not pattern.search(name), name
    # The pattern and the folder walk agree on every name above.
    from gemini_lint.sources import kind_of_name

    # Every name built from the kinds' suffixes, the env names and the copy suffixes, in any case and
    # nesting (".envrc.example" was walked but never passed by pre-commit).
    import itertools

    bases = ["a", "", ".", "a.b", ".env", ".envrc", ".flaskenv", "env", "notes", ".env.local", ".env-x", ".ENV", "x.ENV"]
    suffixes = [".py", ".pyi", ".md", ".mdx", ".markdown", ".rst", ".txt", ".ipynb", ".json", ".yaml", ".yml",
                ".toml", ".ini", ".cfg", ".env", ".js", ".sh", ".example", ".sample", ".dist", ".template", ".tmpl",
                ".tpl", ".j2", ".bak", ""]
    names = set()
    for base, first, second in itertools.product(bases, suffixes, suffixes):
        for name in (base + first + second, (base + first + second).upper(), base + first.upper() + second):
            if name and "/" not in name:
                names.update((name, "deep/dir/" + name))
    for name in sorted(names):
        assert bool(pattern.search(name)) == (kind_of_name(name.rsplit("/", 1)[-1]) is not None), name


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")
def test_try_repo_check_then_fix(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs this checkout to be a git repository")
    repo = tmp_path / "user-repo"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    bad = repo / "app.py"
    bad.write_text(f'MODEL = "{FLASH}"\n')
    for number in range(7):  # more files than CPUs: pre-commit would split them into batches, one summary each
        (repo / f"clean{number}.py").write_text("x = 1\n")
    # A file git tracks though .gitignore names it (git add -f): pre-commit passes it, and it is checked.
    (repo / ".gitignore").write_text("settings/\n")
    (repo / "settings").mkdir()
    forced = repo / "settings" / "prod.yaml"
    forced.write_text(f"model: {FLASH}\n")
    _git("add", ".", cwd=repo)
    _git("add", "-f", "settings/prod.yaml", cwd=repo)
    home = tmp_path / "pre-commit-home"

    check = _pre_commit("try-repo", str(ROOT), "gemini-lint", "--all-files", cwd=repo, home=home)
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"app.py:1:10: GL001 [error] '{FLASH}' was shut down on 2026-06-25; use '{FLASH_GA}'" in check.stdout
    assert f"settings/prod.yaml:1:8: GL001 [error] '{FLASH}'" in check.stdout
    # require_serial: one run over all the files, so one summary (not "All checks passed!" from a clean batch).
    assert "Found 2 findings (2 fixable with --fix)." in check.stdout
    assert "All checks passed!" not in check.stdout
    assert bad.read_text() == f'MODEL = "{FLASH}"\n'

    fix = _pre_commit("try-repo", str(ROOT), "gemini-lint-fix", "--all-files", cwd=repo, home=home)
    assert fix.returncode == 1, fix.stdout + fix.stderr  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fix.stdout
    assert bad.read_text() == f'MODEL = "{FLASH_GA}"\n'
    assert forced.read_text() == f"model: {FLASH_GA}\n"

    _git("add", "-f", "app.py", "settings/prod.yaml", cwd=repo)
    again = _pre_commit("try-repo", str(ROOT), "gemini-lint", "--all-files", cwd=repo, home=home)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Passed" in again.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")
def test_this_repository_passes_its_own_hook(tmp_path: Path) -> None:
    """`.pre-commit-config.yaml` runs gemini-lint on this repository: it must pass, as the README says."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs this checkout to be a git repository (for its list of files)")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    repo = tmp_path / "copy"
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    _git("init", "-q", cwd=repo)
    _git("add", ".", cwd=repo)
    # The hook runs `python -m gemini_lint` (language: system): this interpreter, with this checkout installed.
    # The date is pinned so that a model shut down later does not fail an old commit's tests.
    env_path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env={**os.environ, "PATH": env_path, "PRE_COMMIT_HOME": str(tmp_path / "home"), "GEMINI_LINT_TODAY": "2026-12-06"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gemini-lint" in result.stdout and "Passed" in result.stdout
