"""Configuration files: discovery, keys, precedence, custom models, and errors that name the file and key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import FLASH, FLASH_GA
from gemini_lint.cli import main
from gemini_lint.config import (
    ConfigError,
    FileConfig,
    Overrides,
    find_config,
    load_config,
    resolve,
)
from gemini_lint.diagnostic import Severity

PYPROJECT = """\
[project]
name = "demo"

[tool.gemini-lint]
select = ["GL001"]
fail-on = "error"
today = 2026-06-01
extend-exclude = ["generated/"]
per-file-ignores = { "tests/*" = ["GL001"] }

[tool.gemini-lint.models."acme-vision-beta"]
replacement = "acme-vision-1"
deprecated = "2026-01-10"
shutdown = "2026-03-01"
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text(f'A = "{FLASH}"\nB = "acme-vision-beta"\n# acme-vision-beta\n')
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_app.py").write_text(f'A = "{FLASH}"\n')
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "gen.py").write_text(f'A = "{FLASH}"\n')
    monkeypatch.chdir(tmp_path / "src")
    return tmp_path


def test_found_by_walking_up(repo: Path) -> None:
    assert find_config(str(repo / "src")) == str(repo / "pyproject.toml")
    config = load_config(str(repo / "pyproject.toml"))
    assert config.select == ("GL001",) and config.fail_on is Severity.ERROR
    assert config.today == dt.date(2026, 6, 1)
    assert [m.id for m in config.models] == ["acme-vision-beta"]


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    (tmp_path / "sub").mkdir()
    assert find_config(str(tmp_path / "sub")) != str(tmp_path / "pyproject.toml")


def test_a_pyproject_that_names_gemini_lint_elsewhere_does_not_hide_the_real_config(tmp_path: Path) -> None:
    """A package that lists gemini-lint as a dev dependency and configures other tools is not configured."""
    (tmp_path / "gemini-lint.toml").write_text("ignore = ['GL002']\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "pyproject.toml").write_text(
        "[project]\nname = 'p'\n[project.optional-dependencies]\ndev = ['gemini-lint>=0.1']\n[tool.ruff]\nline-length = 100\n"
    )
    assert find_config(str(tmp_path / "pkg")) == str(tmp_path / "gemini-lint.toml")
    (tmp_path / "pkg" / "pyproject.toml").write_text("[tool.gemini-lint]\nignore = ['GL003']\n")
    assert find_config(str(tmp_path / "pkg")) == str(tmp_path / "pkg" / "pyproject.toml")


@pytest.mark.parametrize("text", ["tool = 1  # gemini-lint\n", 'tool = "gemini-lint"\n', "# gemini-lint\n[[tool]]\nx = 1\n"])
def test_a_pyproject_whose_tool_is_not_a_table_is_an_error_not_a_crash(tmp_path: Path, text: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "x.py").write_text("x = 1\n")
    assert find_config(str(tmp_path)) is None  # not a gemini-lint configuration
    with pytest.raises(ConfigError, match="tool must be a table"):
        load_config(str(tmp_path / "pyproject.toml"))
    result = run_cli("--config", "pyproject.toml", "x.py", cwd=tmp_path)
    assert result.returncode == 2 and "tool must be a table" in result.stderr and "Traceback" not in result.stderr
    assert run_cli("x.py", cwd=tmp_path).returncode == 0


def test_dedicated_file_wins_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.gemini-lint]\nselect=['GL001']\n")
    (tmp_path / "gemini-lint.toml").write_text("select=['GL002']\n")
    assert find_config(str(tmp_path)) == str(tmp_path / "gemini-lint.toml")
    (tmp_path / ".gemini-lint.toml").write_text("select=['GL003']\n")
    assert find_config(str(tmp_path)) == str(tmp_path / ".gemini-lint.toml")
    assert load_config(str(tmp_path / ".gemini-lint.toml")).select == ("GL003",)


def test_config_applies_through_the_cli(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # today = 2026-06-01 from config: the preview is only a warning; the custom model is past shutdown.
    assert main([".."]) == 1
    out = capsys.readouterr().out
    assert f"app.py:1:6: GL001 [warning] '{FLASH}' is deprecated" in out
    assert "app.py:2:6: GL001 [error] 'acme-vision-beta' was shut down on 2026-03-01; use 'acme-vision-1'" in out
    assert "acme-vision-beta" in out and "GL002" not in out
    assert "tests/test_app.py" not in out  # per-file-ignores
    assert "generated" not in out  # extend-exclude


def test_command_line_beats_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--select", "GL002", "--today", "2026-11-25", "--fail-on", "warning", "app.py"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("app.py:3:3: GL002 [warning] 'acme-vision-beta'")


def test_isolated_ignores_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--isolated", "--today", "2026-11-25", "--ignore", "GL003", "app.py"]) == 1
    out = capsys.readouterr().out
    assert "acme-vision-beta" not in out and f"'{FLASH}' was shut down" in out


def test_explicit_config(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = repo / "ci.toml"
    other.write_text("select = ['GL002']\ntoday = '2026-11-25'\n")
    assert main(["--config", str(other), "app.py"]) == 0  # GL002 only, and the models of pyproject are not loaded
    assert capsys.readouterr().out == "All checks passed!\n"


def test_fix_custom_model(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--fix", "app.py"]) == 0
    assert (repo / "src" / "app.py").read_text() == f'A = "{FLASH_GA}"\nB = "acme-vision-1"\n# acme-vision-beta\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.gemini-lint]\nselekt = ['GL001']\n", "tool.gemini-lint.selekt: unknown key"),
        ("[tool.gemini-lint]\nselect = 'GL001'\n", "tool.gemini-lint.select: must be a list of strings"),
        ("[tool.gemini-lint]\nselect = ['GL9']\n", "unknown rule code 'GL9'"),
        ("[tool.gemini-lint]\nfail-on = 'fatal'\n", "tool.gemini-lint.fail-on: must be one of info, warning, error"),
        ("[tool.gemini-lint]\ntoday = '2026-02-30'\n", "tool.gemini-lint.today: expected a date"),
        ("[tool.gemini-lint]\nunsafe-fixes = 'yes'\n", "tool.gemini-lint.unsafe-fixes: must be true or false"),
        ("[tool.gemini-lint]\nselect = []\n", "tool.gemini-lint.select: no rule code given"),  # as --select ''
        ("[tool.gemini-lint]\nselect = [' ']\n", "tool.gemini-lint.select: no rule code given"),
        ("[tool.gemini-lint]\ntoday = 2026-01-01T10:00:00\n", "today: expected a date as YYYY-MM-DD, got a datetime"),
        ("[tool.gemini-lint]\ntoday = 10:00:00\n", "today: expected a date as YYYY-MM-DD, got a time"),
        ("[tool.gemini-lint]\nsurface = 'aws'\n", "tool.gemini-lint.surface: must be one of"),
        ("[tool.gemini-lint\nselect = []\n", "not valid TOML"),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m2'\ndeprecated='2026-01-01'\nshutdown='2025-01-01'\n",
            "'deprecated' (2026-01-01) is after 'shutdown' (2025-01-01)",
        ),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m2'\ndeprecated='2026-01-01'\nshutdown='soon'\n",
            "'shutdown' must be a date",
        ),
        ("[tool.gemini-lint.models.m1]\nreplacement='m2'\nshutdown='2026-01-01'\n", "missing key 'deprecated'"),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m2'\ndeprecated='2026-01-01'\nshutdown='2026-02-01'\ncolour='red'\n",
            "models.\"m1\".colour: unknown key",
        ),
        (
            f"[tool.gemini-lint.models.m1]\nreplacement='{FLASH}'\ndeprecated='2026-01-01'\nshutdown='2026-02-01'\n",
            f"'{FLASH}' is itself a legacy model ID",
        ),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m2'\ndeprecated='20260101'\nshutdown='2026-02-01'\n",
            "'deprecated' must be a date (YYYY-MM-DD), got '20260101'",  # Python 3.11 would take it
        ),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m2'\ndeprecated='2026-01-01'\nshutdown='2026-W10-1'\n",
            "'shutdown' must be a date (YYYY-MM-DD), got '2026-W10-1'",
        ),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='has space'\ndeprecated='2026-01-01'\nshutdown='2026-02-01'\n",
            "'replacement' must be a model ID",  # --fix would write it into strings as it is
        ),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m\\\\nx'\ndeprecated='2026-01-01'\nshutdown='2026-02-01'\n",
            "'replacement' must be a model ID",
        ),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m\"2'\ndeprecated='2026-01-01'\nshutdown='2026-02-01'\n",
            "'replacement' must be a model ID",
        ),
        (
            "[tool.gemini-lint.models.\"m 1\"]\nreplacement='m2'\ndeprecated='2026-01-01'\nshutdown='2026-02-01'\n",
            "'id' must be a model ID",
        ),
        (
            "[tool.gemini-lint.models.m1]\nreplacement='m1:v2'\ndeprecated='2026-01-01'\nshutdown='2026-02-01'\n",
            "'m1:v2' holds the legacy model ID 'm1', so every --fix would rewrite it again",
        ),
        # A key holding a control character is written as TOML escapes it: the error stays one line.
        ('[tool.gemini-lint.models."x\\ny"]\ndeprecated=2026-01-01\nshutdown=2026-02-01\n', 'models."x\\ny": \'id\' must be'),
        ('[tool.gemini-lint]\n"a\\tb" = 1\n', 'tool.gemini-lint."a\\tb": unknown key'),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["a.py"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "pyproject.toml" in err


def test_resolve_precedence() -> None:
    file_config = FileConfig(select=("GL001",), ignore=("GL002",), fail_on=Severity.ERROR, today=dt.date(2026, 1, 1))
    settings = resolve(file_config, Overrides(), environ={})
    assert settings.enabled == frozenset({"GL001"}) and settings.fail_on is Severity.ERROR
    assert settings.today == dt.date(2026, 1, 1)
    settings = resolve(file_config, Overrides(select=("GL002",)), environ={"GEMINI_LINT_TODAY": "2026-02-02"})
    assert settings.enabled == frozenset({"GL002"})  # --select beats ignore = ["GL002"]
    assert settings.today == dt.date(2026, 2, 2)  # the environment beats the file
    settings = resolve(file_config, Overrides(today=dt.date(2026, 3, 3)), environ={"GEMINI_LINT_TODAY": "2026-02-02"})
    assert settings.today == dt.date(2026, 3, 3)
    assert resolve(FileConfig(), Overrides(select=("GL",)), environ={}).enabled == frozenset({"GL001", "GL002", "GL003"})


def test_expand_codes_rejects_unknown() -> None:
    from gemini_lint.config import expand_codes

    with pytest.raises(ConfigError, match="unknown rule code 'XX1'"):
        expand_codes(("XX1",), "--select")
    assert expand_codes(("gl00", " ", "ALL"), "x") == frozenset({"GL001", "GL002", "GL003"})


def test_own_config_files_are_never_scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gemini-lint.toml").write_text(
        f"[models.\"{FLASH}-x\"]\nreplacement = 'a'\ndeprecated = '2026-01-01'\nshutdown = '2026-02-01'\n# {FLASH}\n"
    )
    (tmp_path / ".gemini-lint.toml").write_text(f"# {FLASH}\nselect = ['GL001', 'GL002']\n")
    monkeypatch.chdir(tmp_path)
    assert main(["--today", "2026-11-25", "."]) == 0
    assert main(["--today", "2026-11-25", "gemini-lint.toml"]) == 0
    assert "gemini-lint.toml" not in capsys.readouterr().out


def test_a_config_file_named_with_config_is_never_scanned_or_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "ci" / "lint.toml"
    config.parent.mkdir()
    text = f"[models.'acme-x']\nreplacement = 'acme-y'\ndeprecated = '2026-01-10'\nshutdown = '2026-03-01'\n# {FLASH}\n"
    config.write_text(text)
    (tmp_path / "app.py").write_text("M = 'acme-x'\n")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "lint.toml").write_text("m = 'acme-x'\n")  # same name, another file: linted
    monkeypatch.chdir(tmp_path)
    assert main(["--today", "2026-11-25", "--config", "ci/lint.toml", "--fix", ".", "ci/lint.toml"]) == 0
    assert config.read_text() == text
    assert (tmp_path / "app.py").read_text() == "M = 'acme-y'\n"
    assert (tmp_path / "other" / "lint.toml").read_text() == "m = 'acme-y'\n"
    assert capsys.readouterr().out == "Fixed 2 findings in 2 files.\n"


@pytest.mark.parametrize("name", ["gemini_lint", "geminilint"])
def test_a_misspelt_table_name_is_an_error_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.{name}]\nignore = ['GL002']\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["a.py"]) == 2
    assert capsys.readouterr().err == (
        f"gemini-lint: error: {tmp_path / 'pyproject.toml'}: [tool.{name}] is not read; the table is [tool.gemini-lint]\n"
    )
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'gemini_lint_plugin'\n[tool.other]\nx = 1\n")
    assert main(["a.py"]) == 0  # the name elsewhere is fine


@pytest.mark.parametrize(("names_us", "code"), [(True, 2), (False, 0)])
def test_a_pyproject_that_is_not_utf8_is_an_error_only_when_it_names_gemini_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], names_us: bool, code: int
) -> None:
    table = b"[tool.gemini-lint]\nselect = ['GL001']\n" if names_us else b"[tool.other]\n"
    (tmp_path / "pyproject.toml").write_bytes(table + b"# caf\xe9\n")  # latin-1
    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["a.py"]) == code
    err = capsys.readouterr().err
    if names_us:
        assert "pyproject.toml: cannot read configuration: 'utf-8' codec can't decode" in err
        assert len(err.splitlines()) == 1
    else:
        assert err == ""


def test_globs_lose_a_leading_dot_slash_and_empty_or_negated_keys_are_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    """"./tests/**" is "tests/**" from the configuration's folder (it matched nothing before)."""
    from gemini_lint.config import ConfigError, load_config

    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.gemini-lint]\nextend-exclude = ["./build2", "././gen/"]\n'
                    '[tool.gemini-lint.per-file-ignores]\n"./tests/**" = ["GL001"]\n')
    config = load_config(str(path))
    assert config.extend_exclude == ("/build2", "/gen/")
    assert config.per_file_ignores == (("/tests/**", ("GL001",)),)
    for name in ("tests/a.py", "b.py", "gen/c.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f'M = "{FLASH}"\n')
    import json

    assert main(["--today", "2026-11-25", "--format", "json", "-q", "."]) == 1
    found = [d["path"] for d in json.loads(capsys.readouterr().out)]
    assert found == ["b.py"]
    for table, message in [
        ('[tool.gemini-lint.per-file-ignores]\n"!src/**" = ["GL001"]\n', "a negated glob is not supported here"),
        ('[tool.gemini-lint.per-file-ignores]\n"" = ["GL001"]\n', "an empty glob matches nothing"),
        ('[tool.gemini-lint]\nextend-exclude = [" "]\n', "an empty glob matches nothing"),
    ]:
        path.write_text(table)
        with pytest.raises(ConfigError, match=message):
            load_config(str(path))


def test_an_unreadable_pyproject_is_an_error_not_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # It may configure gemini-lint: running with every default instead said nothing (found by a review).
    import gemini_lint.config as config_module

    (tmp_path / "pyproject.toml").write_text("[tool.gemini-lint]\nignore = ['GL001']\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    real = config_module._read_text

    def refuse(path: str) -> str:
        if path.endswith("pyproject.toml"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(config_module, "_read_text", refuse)
    monkeypatch.chdir(tmp_path)
    assert main(["a.py"]) == 2
    assert capsys.readouterr().err == f"gemini-lint: error: {tmp_path / 'pyproject.toml'}: cannot read configuration: Permission denied\n"
    assert main(["--isolated", "a.py"]) == 0


def test_a_tool_table_outside_pyproject_says_where_the_settings_go(tmp_path: Path) -> None:
    (tmp_path / "ci.toml").write_text("[tool.gemini-lint]\nignore = ['GL001']\n")
    with pytest.raises(ConfigError, match=r"\[tool.gemini-lint\] is read only in pyproject.toml; in this file the settings are top-level keys"):
        load_config(str(tmp_path / "ci.toml"))
