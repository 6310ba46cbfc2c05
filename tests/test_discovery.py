"""Discovery: .gitignore, default excludes, --extend-exclude, dotfiles, explicit files, odd file types."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FLASH
from gemini_lint.cli import main
from gemini_lint.discovery import discover


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'M = "{FLASH}"\n' if name.endswith(".py") else FLASH + "\n")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    touch(
        tmp_path,
        "a.py",
        "docs/guide.md",
        ".env.example",
        ".env",
        "deploy/values.yaml",
        "ignored.py",
        "logs/app.py",
        "pkg/keep.py",
        "pkg/gen/out.py",
        "pkg/gen/keep_me.py",
        "node_modules/dep/x.py",
        ".venv/lib/x.py",
        "venv/x.py",
        "build/x.py",
        "dist/x.py",
        "pkg/__pycache__/x.py",
        "nb/.ipynb_checkpoints/demo-checkpoint.ipynb",
        ".tox/py311/lib/x.py",
        ".mypy_cache/x.json",
        "env/pyvenv.cfg",
        "env/lib/x.py",
        "conda/conda-meta/history",
        "conda/lib/x.py",
        "script.sh",
        "image.png",
    )
    (tmp_path / ".gitignore").write_text("ignored.py\nlogs/\n")
    (tmp_path / "pkg" / ".gitignore").write_text("gen/*\n!gen/keep_me.py\n")
    return tmp_path


def rel(files: list[str]) -> list[str]:
    return sorted(os.path.relpath(f) for f in files)


def test_walk_honours_gitignore_and_default_excludes(tree: Path) -> None:
    found = discover(["."])
    assert rel(found.files) == [
        ".env",
        ".env.example",
        "a.py",
        "deploy/values.yaml",
        "docs/guide.md",
        "pkg/gen/keep_me.py",
        "pkg/keep.py",
    ]


def test_gitignore_of_parent_applies_below(tree: Path) -> None:
    assert rel(discover(["pkg"]).files) == ["pkg/gen/keep_me.py", "pkg/keep.py"]
    os.chdir(tree / "pkg")
    assert rel(discover(["."]).files) == ["gen/keep_me.py", "keep.py"]


@pytest.mark.parametrize("spelling", ["pkg", "pkg/", "pkg//", "./pkg", "pkg/gen/..", "ABS", "ABS/"])
def test_walked_paths_are_normal_however_the_folder_is_spelt(tree: Path, spelling: str) -> None:
    given = spelling.replace("ABS", str(tree / "pkg"))
    top = os.path.normpath(given)
    assert discover([given]).files == [os.path.join(top, "gen", "keep_me.py"), os.path.join(top, "keep.py")]


def test_the_current_folder_walks_to_bare_names(tree: Path) -> None:
    files = discover(["."]).files
    assert "a.py" in files and "pkg/keep.py" in files and not any(f.startswith("./") for f in files)
    assert discover(["./"]).files == files == discover(["pkg/.."]).files


def test_no_gitignore(tree: Path) -> None:
    files = rel(discover(["."], respect_gitignore=False).files)
    assert "ignored.py" in files and "logs/app.py" in files and "node_modules/dep/x.py" not in files


def test_extend_exclude(tree: Path) -> None:
    files = rel(discover(["."], extend_exclude=["docs/", "*.yaml"], root=str(tree)).files)
    assert "docs/guide.md" not in files and "deploy/values.yaml" not in files and "a.py" in files


def test_an_anchored_glob_for_one_file_matches_that_file_only(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The file's name was tried alone too, so "/a.py" also excluded sub/a.py (and per-file-ignores
    # silenced it) without a word.
    touch(tree, "sub/a.py", "sub/b.py", "b.py")
    files = rel(discover(["."], extend_exclude=["/a.py"], root=str(tree)).files)
    assert "a.py" not in files and "sub/a.py" in files
    (tree / "gemini-lint.toml").write_text('extend-exclude = ["./a.py"]\n[per-file-ignores]\n"./b.py" = ["GL001"]\n')
    main(["--today", "2026-11-25", "-q", "--select", "GL001", "."])
    shown = {line.split(":")[0] for line in capsys.readouterr().out.splitlines()}
    assert {"sub/a.py", "sub/b.py"} <= shown and not {"a.py", "b.py"} & shown
    assert "pkg/keep.py" not in rel(discover(["."], extend_exclude=["keep.py"], root=str(tree)).files)


def test_a_per_file_ignore_glob_with_a_slash_is_anchored(tree: Path) -> None:
    from gemini_lint.linter import enabled_codes
    from conftest import make_settings
    import dataclasses

    settings = dataclasses.replace(make_settings(), per_file_ignores=(("/a.py", frozenset({"GL001"})),), root=str(tree))
    assert "GL001" not in enabled_codes(settings, "a.py")
    assert "GL001" in enabled_codes(settings, "sub/a.py")


def test_explicit_files_are_always_checked(tree: Path) -> None:
    assert rel(discover(["ignored.py", "build/x.py", "script.sh"]).files) == ["build/x.py", "ignored.py", "script.sh"]


def test_force_exclude_applies_to_explicit_files(tree: Path) -> None:
    found = discover(["ignored.py", "build/x.py", "docs/guide.md", "a.py"], force_exclude=True, extend_exclude=["docs/"])
    # .gitignore does not count for a named file: pre-commit names the files git tracks, and a
    # tracked file (git add -f) is committed whatever .gitignore says.
    assert rel(found.files) == ["a.py", "ignored.py"]


def test_a_folder_named_or_run_in_is_walked_though_a_glob_excludes_it(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As in ruff: an excluded folder named on the command line, or the folder a run starts in, is
    # checked; a glob without a slash still skips a folder of that name further down.
    touch(tree, "third_party/d.py", "third_party/lib/a.py", "third_party/lib/third_party/b.py", "third_party/gen/g.py")
    globs = ["third_party", "third_party/gen/"]
    assert not [f for f in rel(discover(["."], extend_exclude=globs, root=str(tree)).files) if "third_party" in f]
    assert rel(discover(["third_party"], extend_exclude=globs, root=str(tree)).files) == [
        "third_party/d.py", "third_party/lib/a.py"]
    monkeypatch.chdir(tree / "third_party" / "lib")
    assert discover(["."], extend_exclude=globs, root=str(tree)).files == ["a.py"]
    # An anchored glob that matches the named folder is spent there; the others still apply.
    monkeypatch.chdir(tree)
    assert rel(discover(["third_party"], extend_exclude=["/third_party", "*.md"], root=str(tree)).files) == [
        "third_party/d.py", "third_party/gen/g.py", "third_party/lib/a.py", "third_party/lib/third_party/b.py"]
    # Below the named folder each path is tested itself, as git and ruff test it: "**/x" skips a
    # nested x as "x" does, and "docs/**" (what is in docs, not docs) still skips what is in docs/sub.
    assert rel(discover(["third_party"], extend_exclude=["**/third_party"], root=str(tree)).files) == [
        "third_party/d.py", "third_party/gen/g.py", "third_party/lib/a.py"]
    touch(tree, "docs/sub/e.md")
    assert discover(["docs"], extend_exclude=["docs/**"], root=str(tree)).files == []
    assert discover(["docs/sub"], extend_exclude=["docs/**"], root=str(tree)).files == []
    assert rel(discover(["docs"], extend_exclude=["docs/sub"], root=str(tree)).files) == ["docs/guide.md"]
    # Outside the root, or through a symlink to the project, a named folder is walked the same way;
    # non-ASCII globs match below it; an allow-list reads as git reads it, from any folder.
    outside = tree.parent / (tree.name + "-vendor")
    touch(outside, "third_party/v.py")
    assert [os.path.basename(f) for f in discover([str(outside / "third_party")], extend_exclude=["third_party"],
                                                  root=str(tree)).files] == ["v.py"]
    (tree.parent / (tree.name + "-link")).symlink_to(tree)
    linked = discover([str(tree.parent / (tree.name + "-link") / "third_party")], extend_exclude=["third_party"],
                      root=str(tree)).files
    assert [os.path.relpath(f, tree.parent / (tree.name + "-link")) for f in linked] == [
        "third_party/d.py", "third_party/gen/g.py", "third_party/lib/a.py"]
    touch(tree, "third_party/café/c.py")
    assert "third_party/café/c.py" not in rel(discover(["third_party"], extend_exclude=["third_party", "café"],
                                                       root=str(tree)).files)
    allow = ["*", "!*/", "!*.py"]
    assert rel(discover(["third_party/lib"], extend_exclude=allow, root=str(tree)).files) == [
        f for f in rel(discover(["."], extend_exclude=allow, root=str(tree)).files) if f.startswith("third_party/lib/")]
    # --force-exclude never drops the root or a folder above it: ".*" matches the name "." (git never
    # tests the top folder against its patterns).
    assert "a.py" in rel(discover(["."], extend_exclude=[".*", "?"], root=str(tree), force_exclude=True).files)
    assert "a.py" in rel(discover([str(tree)], extend_exclude=[".*"], root=str(tree), force_exclude=True).files)
    monkeypatch.chdir(tree / "docs")
    assert "../a.py" in discover([".."], extend_exclude=[".*"], root=str(tree), force_exclude=True).files
    link = tree.parent / (tree.name + "-root-link")
    link.symlink_to(tree)  # the root named through a symlink is the root
    assert discover([str(link)], extend_exclude=[".*"], root=str(tree), force_exclude=True).files
    # Outside the root, a file counts its folders below the one it shares with the root, as a walk
    # from there does: a hidden folder above the project drops nothing.
    hidden = tree.parent / ".hidden-parent" / "proj"
    touch(hidden, "a.py", "docs/x.md")
    monkeypatch.chdir(hidden / "docs")
    assert discover(["../a.py"], extend_exclude=[".*"], root=str(hidden / "docs"), force_exclude=True).files == ["../a.py"]
    assert discover(["../a.py"], extend_exclude=["proj"], root=str(hidden / "docs"), force_exclude=True).files == ["../a.py"]
    # A glob with a slash is the root's own: outside the root it matches nothing (as before today).
    touch(hidden.parent, "docs/y.py")
    assert discover(["../../docs/y.py"], extend_exclude=["docs/*"], root=str(hidden / "docs"), force_exclude=True).files
    monkeypatch.chdir(tree)
    # --force-exclude holds for a folder named too, as ruff's does.
    assert discover(["third_party", "node_modules"], extend_exclude=globs, root=str(tree), force_exclude=True).files == []


def test_force_exclude_counts_only_the_folders_below_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A project checked out under a folder named build (or dist, venv...) named by absolute path,
    # as editors pass --stdin-filename: its files were all excluded.
    project = tmp_path / "build" / "proj"
    touch(project, "app.py", "build/out.py", "docs/x.md")
    monkeypatch.chdir(project)
    named = [str(project / "app.py"), str(project / "build" / "out.py"), "build/out.py", str(project / "docs/x.md")]
    found = discover(named, force_exclude=True, extend_exclude=["docs/"], root=str(project))
    assert found.files == [str(project / "app.py")]
    # Outside the root, every folder of the path counts.
    monkeypatch.chdir(tmp_path)
    assert discover([str(project / "app.py")], force_exclude=True, root=str(tmp_path / "elsewhere")).files == []


def test_console_script_checks_an_excluded_folder_named_and_honours_the_root(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "build" / "proj"
    touch(project, "third_party/lib/a.py", "src/c.py")
    (project / "pyproject.toml").write_text('[tool.gemini-lint]\nextend-exclude = ["third_party"]\n')
    base = ["--today", "2026-11-25", "-q"]
    assert run_cli(*base, ".", cwd=project).stdout.splitlines()[0].startswith("src/c.py:1:6: GL001")
    named = run_cli(*base, "third_party", cwd=project)
    assert named.returncode == 1 and named.stdout.startswith("third_party/lib/a.py:1:6: GL001")
    inside = run_cli(*base, cwd=project / "third_party" / "lib")
    assert inside.returncode == 1 and inside.stdout.startswith("a.py:1:6: GL001")
    source = (project / "src" / "c.py").read_text()
    editor = run_cli(*base, "--force-exclude", "--stdin-filename", str(project / "src" / "c.py"), "-", cwd=project,
                     input=source)
    assert editor.returncode == 1 and "GL001" in editor.stdout
    assert run_cli(*base, "--force-exclude", "third_party/lib/a.py", cwd=project).returncode == 0


#: .gitignore files (folder -> lines) and the files of a tree: what git keeps is what the walk finds.
GIT_CASES = {
    "allow-list": ({"": ["*", "!*/", "!*.py"]}, ["top.py", "x.md", "src/a.py", "src/deep/b.py", "src/deep/c.md"]),
    "allow-list-of-a-folder": ({"": ["/*", "!/src/"]}, ["top.py", "src/a.py", "src/deep/b.py", "docs/c.md"]),
    "folder-pattern": ({"": ["build*/", "logs"]}, ["a.py", "builder.py", "build2/x.py", "logs/x.py", "src/logs"]),
    "anchored-and-not": ({"": ["/gen.py", "tmp.py", "a/b/"]}, ["gen.py", "src/gen.py", "tmp.py", "src/tmp.py",
                                                              "a/b/x.py", "c/a/b/y.py"]),
    "double-star": ({"": ["**/cache/**", "doc/**/*.md", "x/**"]}, ["cache/a.py", "p/cache/b.py", "doc/a.md",
                                                                   "doc/p/q/b.md", "doc/c.py", "x/y/z.py", "x.py"]),
    "negation-in-a-subfolder": ({"": ["*.md"], "pkg": ["!keep.md"]}, ["a.md", "pkg/keep.md", "pkg/other.md"]),
    "re-include-under-an-ignored-folder": ({"": ["gen/", "!gen/keep.py"]}, ["gen/keep.py", "gen/x.py", "a.py"]),
    "contents-then-one-back": ({"": ["gen/*", "!gen/keep.py"]}, ["gen/keep.py", "gen/x.py", "a.py"]),
    "brackets-and-escapes": ({"": ["[abc].py", "[!x]y.py", "\\#lit.py", "q?.md", "sp\\ ", "[[:digit:]]*.md"]},
                             ["a.py", "d.py", "zy.py", "xy.py", "#lit.py", "q1.md", "qq1.md", "sp ", "9.md"]),
    "dir-only-on-a-file": ({"": ["data/"]}, ["data", "sub/data/x.py"]),
    "last-line-wins": ({"": ["*.py", "!a.py", "a.py"]}, ["a.py", "b.py", "c.md"]),
    # Found by a differential fuzzer against git ls-files (~190,000 random trees):
    "backwards-range": ({"": ["[z-a].py", "[!y-b].md"]}, ["z.py", "m.py", "a.py", "y.md", "q.md"]),
    "letters-before-double-star": ({"": ["a**/b"]}, ["ab/x.py", "a/x/b/y.py", "a b.md"]),
    "non-ascii-names": ({"": ["?.py", "??.md", "[\u00e9].txt"]}, ["\u00e9.py", "\u00e9.md", "x.py", "\u00e9.txt"]),
    "colon-bracket-that-is-no-class": ({"": ["[[:]a:].py"]}, ["[a:].py", ":a:].py", "a.py"]),
}


@pytest.mark.skipif(shutil.which("git") is None, reason="git decides what it ignores")
@pytest.mark.parametrize("case", sorted(GIT_CASES))
def test_the_walk_keeps_what_git_keeps(tmp_path: Path, case: str) -> None:
    ignores, files = GIT_CASES[case]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
    for folder, lines in ignores.items():
        (tmp_path / folder / ".gitignore").write_text("\n".join(lines) + "\n")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.split("\0")
    # git lists every file it keeps; the walk lists the kinds it reads, whatever their name.
    from gemini_lint.sources import kind_of_name

    kept = sorted(name for name in listed if name and kind_of_name(name.rsplit("/", 1)[-1]) is not None)
    walked = sorted(os.path.relpath(f, tmp_path).replace(os.sep, "/") for f in discover([str(tmp_path)]).files)
    assert walked == kept


@pytest.mark.skipif(shutil.which("git") is None, reason="git decides what it ignores")
def test_a_linked_gitignore_and_odd_bytes_are_read_as_git_reads_them(tmp_path: Path) -> None:
    """git (2.32+) does not follow a symlinked .gitignore; it skips a UTF-8 byte order mark, splits
    lines at \\n only and cuts a line at a NUL byte."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name in ("a.py", "b.py", "c.py", "d.py", "sub/a.py", "sub/e.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    (tmp_path / ".gitignore").write_bytes(b"\xef\xbb\xbfa.py\nb.py\rc.py\nd.py\x00junk\n")
    (tmp_path / "rules").write_text("e.py\n")
    (tmp_path / "sub" / ".gitignore").symlink_to(tmp_path / "rules")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.split()
    walked = sorted(os.path.relpath(f, tmp_path).replace(os.sep, "/") for f in discover([str(tmp_path)]).files)
    assert walked == sorted(name for name in listed if name.endswith(".py")) == ["b.py", "c.py", "sub/e.py"]


def test_git_info_exclude_counts_below_the_gitignore_files(tree: Path) -> None:
    (tree / ".git" / "info").mkdir()
    (tree / ".git" / "info" / "exclude").write_text("*.md\ndeploy/\n")
    (tree / ".gitignore").write_text("ignored.py\nlogs/\n!docs/guide.md\n")
    files = rel(discover(["."]).files)
    assert "deploy/values.yaml" not in files and "docs/guide.md" in files and "a.py" in files


def test_a_missing_path_is_an_error_and_the_others_are_still_found(tree: Path) -> None:
    found = discover(["nope", "a.py", "gone/x.py", "docs"])
    assert found.missing == ["nope: no such file or directory", "gone/x.py: no such file or directory"]
    assert rel(found.files) == ["a.py", "docs/guide.md"]
    assert discover(["a.py/x"]).missing == ["a.py/x: no such file or directory"]
    assert discover(["x" * 300]).missing == ["x" * 300 + ": file name too long"]


def test_symlink_loop_dangling_and_fifo_give_notes(tree: Path) -> None:
    (tree / "loop").symlink_to(tree / "loop")
    os.symlink(tree / "missing.py", tree / "dangling.py")
    os.symlink(tree, tree / "pkg" / "up")  # a folder link: not followed
    os.symlink(tree / "pkg", tree / "folder.py")  # a folder link named like a module: not followed, no note
    os.mkfifo(tree / "pipe.py")
    found = discover(["."])
    notes = dict((os.path.relpath(p), n) for p, n in found.notes)
    assert notes["dangling.py"].startswith("dangling or looping symlink")
    assert notes["pipe.py"].startswith("not a regular file")
    assert "pkg/up/a.py" not in rel(found.files)
    assert "folder.py" not in notes and not any(f.startswith("folder.py") for f in rel(found.files))


def test_a_folder_that_cannot_be_listed_fails_the_run(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert any(f.startswith("pkg/") for f in rel(discover(["."]).files))
    real = os.scandir

    def refuse(path: str) -> object:  # as chmod 000 would, for a user other than root
        if os.path.basename(path) == "pkg":
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found = discover(["."])
    assert found.unreadable == [("pkg", "cannot read folder: Permission denied")]
    assert "a.py" in rel(found.files) and not any(f.startswith("pkg/") for f in rel(found.files))
    # Its files went unchecked: exit 1, as for a file that cannot be read, and the summary says so.
    assert main(["--today", "2026-11-25", "--isolated", "--select", "GL001", "--no-gitignore", "pkg"]) == 1
    out, err = capsys.readouterr()
    assert err == "gemini-lint: pkg: cannot read folder: Permission denied\n"
    assert out == "No findings; 1 file failed (see the notes above).\n"


def test_fifo_named_explicitly_does_not_hang(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tree / "pipe.py")
    assert main(["--today", "2026-11-25", "--select", "GL001", "pipe.py"]) == 1
    assert "pipe.py: cannot read: not a regular file" in capsys.readouterr().err


def test_output_order_does_not_depend_on_listing_order(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--today", "2026-11-25", "--select", "GL001", "--format", "json", "pkg", "a.py", "docs"])
    first = capsys.readouterr().out
    main(["--today", "2026-11-25", "--select", "GL001", "--format", "json", "docs", "a.py", "pkg"])
    assert capsys.readouterr().out == first


def test_stale_temp_files_are_skipped_and_removed_by_fix(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tree / ".a.py.0123456789ab.gemini-lint.tmp"
    stale.write_text(f'M = "{FLASH}"\n')
    other = tree / ".a.py.tmp"
    other.write_text("x")
    found = discover(["."])
    assert [os.path.relpath(p) for p in found.stale_temp_files] == [".a.py.0123456789ab.gemini-lint.tmp"]
    main(["--today", "2026-11-25", "--select", "GL001", "."])
    assert stale.exists() and "gemini-lint.tmp" not in capsys.readouterr().out
    main(["--today", "2026-11-25", "--select", "GL001", "--fix", "."])
    assert not stale.exists() and other.exists()
    # Named as findings are, without the "./" of listing ".".
    assert "gemini-lint: .a.py.0123456789ab.gemini-lint.tmp: removed a temp file left by an interrupted run" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("bad", ["!", "foo\\", "[z-a]", "[[:alpha:]]"])
def test_a_gitignore_line_git_would_not_take_is_left_out_and_the_rest_applies(
    tmp_path: Path, run_cli, bad: str  # type: ignore[no-untyped-def]
) -> None:
    touch(tmp_path, "a.py", "skipped.py")
    for name in ("a.py", "skipped.py"):
        (tmp_path / name).write_text(f'm = "{FLASH}"\n')
    (tmp_path / ".gitignore").write_text(f"{bad}\nskipped.py\n")
    result = run_cli("--isolated", "--today", "2026-11-25", ".", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == "", result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["a.py"]


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ("", ["--extend-exclude", "[z-a]"], "error: --extend-exclude: invalid glob '[z-a]' (bad character range z-a)"),
        ('extend-exclude = ["!"]\n', [], "tool.gemini-lint.extend-exclude: invalid glob '!'"),
        ('[tool.gemini-lint.per-file-ignores]\n"[z-a]" = ["GL001"]\n', [], "per-file-ignores.[z-a]: invalid glob"),
    ],
)
def test_an_invalid_glob_of_the_user_is_an_error(
    tmp_path: Path, run_cli, config: str, args: list[str], message: str  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "a.py").write_text(f'm = "{FLASH}"\n')
    (tmp_path / "pyproject.toml").write_text("[tool.gemini-lint]\n" + config)
    result = run_cli("--today", "2026-11-25", *args, ".", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert message in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (".env", "env"), (".env.local", "env"), (".env-example", "env"), (".env_sample", "env"), (".envrc", "env"),
        (".flaskenv", "env"), ("env.example", "env"), ("prod.env", "env"),
        ("config.yaml.example", "yaml"), ("settings.py.dist", "python"), ("values.yml.tpl", "yaml"),
        ("app.toml.sample", "toml"), ("compose.yaml.j2", "yaml"), ("README.md.template", "markdown"),
        ("run.sh", None), ("app.js", None), ("Dockerfile", None), ("notes.example", None), (".example", None),
        ("environment.py", "python"), (".envoy", None),
    ],
)
def test_kinds_by_name(name: str, kind: str | None) -> None:
    from gemini_lint.sources import kind_of_name

    found = kind_of_name(name)
    assert (found.value if found is not None else None) == kind


def test_copies_and_env_variants_are_walked(tmp_path: Path) -> None:
    for name in (".env-example", ".envrc", "config.yaml.example", "run.sh", "env.sample"):
        (tmp_path / name).write_text("x\n")
    found = discover([str(tmp_path)])
    assert sorted(os.path.basename(f) for f in found.files) == [".env-example", ".envrc", "config.yaml.example", "env.sample"]


# --- a ".." after a symlinked folder, and one file named by two paths ------------------------------------


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``x/b.py`` (an ID) and an unrelated ``b.py``; ``deep`` -> ``x/y``, so ``deep/..`` is ``x`` to the kernel."""
    monkeypatch.chdir(tmp_path)
    touch(tmp_path, "x/b.py", "x/y/keep.md", "b.py", "real/a.py")
    (tmp_path / "deep").symlink_to("x/y")
    (tmp_path / "linkdir").symlink_to("real")
    return tmp_path


def test_dot_dot_after_a_symlinked_folder_names_the_kernel_s_file(linked: Path) -> None:
    # normpath made "deep/../b.py" into "b.py": another file was read and fixed.
    assert discover(["deep/../b.py"]).files == ["x/b.py"]
    assert discover(["deep/.."]).files == ["x/b.py", "x/y/keep.md"]
    assert discover([str(linked / "deep/../b.py")]).files == [str(linked / "x/b.py")]
    assert discover(["x/y/../b.py", "./b.py"]).files == ["b.py", "x/b.py"]  # no symlink: tidied by the letters


def test_one_file_named_by_two_paths_is_listed_once(linked: Path) -> None:
    assert discover(["linkdir/a.py", "real/a.py"]).files == ["linkdir/a.py"]
    assert discover(["linkdir", "real"]).files == ["linkdir/a.py"]
    assert discover(["b.py", str(linked / "b.py")]).files == [str(linked / "b.py")]
    assert discover(["real", "b.py"]).files == ["b.py", "real/a.py"]


def test_a_dot_dot_path_resolved_to_this_folder_is_shown_without_dot_slash(linked: Path) -> None:
    (linked / "x" / "y" / "z").mkdir()
    (linked / "zlink").symlink_to("x/y/z")
    assert discover(["deep/../../b.py"]).files == ["b.py"]  # deep -> x/y: x/y/../../b.py is ./b.py
    assert discover(["zlink/../../../b.py"]).files == ["b.py"]


def test_force_exclude_reads_a_dot_dot_path_as_the_kernel_does(linked: Path) -> None:
    assert discover(["deep/../b.py"], force_exclude=True, extend_exclude=["x/b.py"]).files == []
    assert discover(["deep/../b.py"], force_exclude=True, extend_exclude=["/b.py"]).files == ["x/b.py"]


def test_a_python_environment_is_walked_only_when_named(tree: Path) -> None:
    # A venv under any name (env/, with its pyvenv.cfg) holds installed packages: a walk skips it, as
    # ruff skips site-packages; named, it is checked (found by a review).
    assert not any(f.startswith(("env/", "conda/")) for f in rel(discover(["."]).files))
    assert rel(discover(["env"]).files) == ["env/lib/x.py", "env/pyvenv.cfg"]
