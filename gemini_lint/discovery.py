"""Paths -> files to check: walks folders honouring .gitignore (:mod:`gemini_lint.gitignore`), the
default excludes and ``extend-exclude`` globs (via pathspec)."""

from __future__ import annotations

import errno
import operator
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gemini_lint.fixer import TEMP_SUFFIX
from gemini_lint.reporters.text import shown_path
from gemini_lint.sources import kind_of, kind_of_name

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Any, Callable, Optional

#: Folders never walked into (unless named): version control, virtual environments, tool caches and
#: Jupyter's checkpoint copies (as ruff skips them), build output.
DEFAULT_EXCLUDES = frozenset(
    (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", ".ipynb_checkpoints",
     ".tox", ".nox", ".eggs", ".direnv", ".mypy_cache", ".pytest_cache", ".ruff_cache", "__pypackages__")
)
OWN_CONFIG_NAMES = frozenset(("gemini-lint.toml", ".gemini-lint.toml"))
#: ``.<name>.<random>.gemini-lint.tmp``: what the writer creates; never scanned, removed by --fix.
TEMP_FILE = re.compile(r"^\..+\.[0-9a-f]{8,32}" + re.escape(TEMP_SUFFIX) + "$")


@dataclass
class Discovery:
    """Files to check (sorted, unique), notes about what was passed over, folders that could not be
    read (their files went unchecked: a failure, not a note), stale temp files, and the paths named
    that do not exist (an error each: the others are still checked, as ruff does)."""

    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    stale_temp_files: list[str] = field(default_factory=list)


def _spec(lines: Iterable[str]) -> Any:
    """The compiled gitignore patterns of ``lines``; a line git would not take is left out, as git does."""
    import warnings

    import pathspec

    lines = list(lines)
    with warnings.catch_warnings():  # "[[:alpha:]]" makes re warn about a possible nested set
        warnings.simplefilter("ignore", FutureWarning)
        try:
            return pathspec.GitIgnoreSpec.from_lines(lines)
        except (ValueError, re.error):
            return pathspec.GitIgnoreSpec.from_lines([line for line in lines if glob_error(line) is None])


def glob_error(glob: str) -> Optional[str]:
    """Why ``glob`` is not a gitignore-style pattern (an empty negation, a bad range...), or None."""
    import warnings

    import pathspec

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        try:
            pathspec.GitIgnoreSpec.from_lines([glob])
        except (ValueError, re.error) as exc:
            return f"invalid glob {glob!r} ({getattr(exc, 'msg', None) or exc})"
    return None


def matches_glob(glob: str, path: str, root: str) -> bool:
    """Does ``path`` match the gitignore-style ``glob`` (relative to ``root``, or anywhere for bare names)?"""
    return _excluded_by(_spec([glob]), path, root, is_dir=False)


def _relative(path: str, root: str) -> str:
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # pragma: no cover - other drive on Windows
        return absolute
    return rel.replace(os.sep, "/")


def _outside(rel: str) -> bool:
    """Whether a path :func:`_relative` gave is outside the folder it is relative to."""
    return rel.split("/", 1)[0] == ".."


def _excluded_by(spec: Any, path: str, root: str, *, is_dir: bool) -> bool:
    """Whether ``path`` matches ``spec``, its gitignore-style globs read relative to ``root`` (a path
    outside ``root`` by its absolute path). A glob without a slash matches at any depth there, as in
    .gitignore; one with a slash (``/a.py``, ``./a.py``) only where it says, never by the file's name alone."""
    rel = _relative(path, root)
    if _outside(rel):
        rel = os.path.abspath(path).replace(os.sep, "/").lstrip("/")
    return bool(spec.match_file(rel + ("/" if is_dir else "")))


class _Ignores:
    """The ignore files in force for a folder: the repository's ``.git/info/exclude``, then the
    .gitignore files from the repository root down to it (a deeper one wins)."""

    def __init__(self) -> None:
        self._cache: dict[str, list[tuple[str, Any]]] = {}

    def for_dir(self, folder: str, names: Optional[frozenset[str]] = None) -> list[tuple[str, Any]]:
        """The (folder, spec) pairs in force in ``folder`` (an absolute path); ``names``, when the
        caller has listed the folder already, saves looking for ``.git`` and ``.gitignore`` there."""
        cached = self._cache.get(folder)
        if cached is not None:
            return cached
        parent = os.path.dirname(folder)
        inherited: list[tuple[str, Any]] = []
        is_root = ".git" in names if names is not None else os.path.isdir(os.path.join(folder, ".git"))
        if parent != folder and not is_root:
            inherited = self.for_dir(parent)
        elif is_root:
            exclude = self._read(os.path.join(folder, ".git", "info", "exclude"))
            inherited = [(folder, exclude)] if exclude else []
        own = None
        if names is None or ".gitignore" in names:
            path = os.path.join(folder, ".gitignore")
            own = None if os.path.islink(path) else self._read(path)  # git (2.32+) does not follow a linked one
        specs = inherited + ([(folder, own)] if own else [])
        self._cache[folder] = specs
        return specs

    @staticmethod
    def _read(path: str) -> Optional[Any]:
        from gemini_lint import gitignore

        try:
            with open(path, "rb") as handle:
                return gitignore.parse(gitignore.lines_of(handle.read()))
        except OSError:
            return None

    def in_folder(self, folder: str, names: Optional[frozenset[str]] = None) -> Callable[[str, bool], bool]:
        """Git's ``ignored(name, is_dir)`` for the entries of ``folder`` (an absolute path): the deepest
        .gitignore with a matching pattern decides (worked out once a folder)."""
        from gemini_lint.gitignore import as_bytes, ignored as decide

        specs = [
            ("" if where == folder else as_bytes(os.path.relpath(folder, where).replace(os.sep, "/")) + "/", spec)
            for where, spec in self.for_dir(folder, names)
        ]
        if not specs:
            return _never

        def ignored(name: str, is_dir: bool) -> bool:
            verdict = False
            name = as_bytes(name)
            for prefix, patterns in specs:
                result = decide(patterns, prefix + name, is_dir)
                if result is not None:
                    verdict = result
            return verdict

        return ignored


def _never(name: str, is_dir: bool) -> bool:
    return False


class _Excludes:
    """What excludes a path: the default folder names, ``extend_exclude`` globs (relative to ``base``)
    and, unless turned off, .gitignore files (read once a folder).

    The globs are tested on each path itself, with git's rules (:mod:`gemini_lint.gitignore`), and a
    walk does not enter an excluded folder, so what is in it is excluded too. A folder named on the
    command line is walked whatever matches it or a folder above it, as in ruff: ``gemini-lint
    third_party`` with ``third_party`` excluded (or a run inside it) checks it, while a nested
    ``third_party`` is still skipped and ``docs/**`` still skips what is in a named ``docs/sub``."""

    def __init__(self, extend_exclude: Sequence[str], base: str, respect_gitignore: bool) -> None:
        from gemini_lint import gitignore

        self._patterns = gitignore.parse([gitignore.as_bytes(glob) for glob in extend_exclude])
        self._ignores = _Ignores() if respect_gitignore else None
        self._base = base

    def _where(self, absolute: str) -> tuple[str, int]:
        """``absolute`` as the globs read it, and how many of its leading folders are above the base
        (outside it, those count for nothing): relative to the base (through symlinks if that is where
        they lead), or else its absolute path without the leading ``/``; Latin-1 text of its bytes."""
        from gemini_lint.gitignore import as_bytes

        rel = _relative(absolute, self._base)
        if not _outside(rel):
            return as_bytes(rel), 0
        real = _relative(os.path.realpath(absolute), os.path.realpath(self._base))
        if not _outside(real):
            return as_bytes(real), 0
        common = os.path.commonpath([absolute, os.path.abspath(self._base)]).strip(os.sep)
        return as_bytes(absolute.replace(os.sep, "/").lstrip("/")), len(common.split(os.sep)) if common else 0

    def in_folder(self, folder: str, names: Optional[frozenset[str]] = None) -> Callable[[str, str, bool], bool]:
        """Is an entry of ``folder`` (absolute) excluded? ``test(path, name, is_dir)``."""
        ignored = self._ignores.in_folder(folder, names) if self._ignores is not None else _never
        patterns = self._patterns
        if not patterns and ignored is _never:
            return lambda path, name, is_dir: is_dir and name in DEFAULT_EXCLUDES
        from gemini_lint.gitignore import as_bytes, ignored as decide

        where, _ = self._where(folder)
        prefix = "" if where == "." else where + "/"

        def test(path: str, name: str, is_dir: bool) -> bool:
            if is_dir and name in DEFAULT_EXCLUDES:
                return True
            if patterns and decide(patterns, prefix + as_bytes(name), is_dir):
                return True
            return ignored(name, is_dir)

        return test

    def named(self, path: str, is_dir: bool = False) -> bool:
        """Is ``path``, a file (or folder) named on the command line, excluded (``--force-exclude``)?
        It is when a glob excludes it or a folder above it. The file need not exist
        (``--stdin-filename``). .gitignore does not count: a file named to the tool (pre-commit names
        the files git tracks) is tracked whatever .gitignore says, as in ruff.

        Only its folders below the root count (as in ruff): a project checked out under ``/build/``
        or ``~/dist/`` is not excluded when its files are named by absolute path (editors pass
        ``--stdin-filename`` so). A file outside the root counts its folders below the deepest one it
        shares with the root, as a walk from that folder would.
        """
        from gemini_lint.gitignore import ignored as decide

        absolute = os.path.abspath(tidy(path))
        if is_dir and not _outside(_relative(os.path.realpath(self._base), os.path.realpath(absolute))):
            return False  # the root or a folder above it: git never tests the top against its patterns (".*")
        where, above = self._where(absolute)
        parts = where.split("/")
        folders = parts[above:] if is_dir else parts[above:-1]
        if any(part in DEFAULT_EXCLUDES for part in folders):
            return True
        if not self._patterns:
            return False
        for at in range(above + 1, len(parts) + 1):
            whole = at == len(parts)
            if decide(self._patterns, "/".join(parts[:at]), is_dir or not whole):
                return True  # a folder above it (git does not look inside an excluded folder), or it
        return False


def force_excluded(path: str, *, extend_exclude: Sequence[str] = (), root: Optional[str] = None) -> bool:
    """Whether ``--force-exclude`` drops ``path`` (a file named on the command line, or ``--stdin-filename``)."""
    return _Excludes(extend_exclude, root or os.getcwd(), respect_gitignore=False).named(path)


def discover(
    paths: Sequence[str],
    *,
    extend_exclude: Sequence[str] = (),
    root: Optional[str] = None,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> Discovery:
    """Expand ``paths`` into the files to check.

    Folders are walked (symlinked folders are not followed, so loops cannot happen), skipping the
    default excludes, ``.gitignore``d paths and ``extend_exclude`` globs, but not because of the
    folder named or one above it (:class:`_Excludes`). Files and folders named explicitly are
    always checked, unless ``force_exclude`` (as pre-commit passes every file by name). A file
    reached by several paths (a symlink and its target) is checked once, by the first in sorted order.
    """
    excludes = _Excludes(extend_exclude, root or os.getcwd(), respect_gitignore)
    found = Discovery()
    seen: set[str] = set()
    links: set[str] = set()

    def add(path: str, link: bool = False, exact: bool = False) -> None:
        key = path if exact else tidy(path)
        if key not in seen:
            seen.add(key)
            found.files.append(key)
            if link:
                links.add(key)

    for given in paths:
        try:
            os.lstat(given)
        except (FileNotFoundError, NotADirectoryError):
            found.missing.append(f"{shown_path(given)}: no such file or directory")
            continue
        except OSError as exc:  # a folder on the way that this user may not search, a name too long
            if exc.errno == errno.ENAMETOOLONG:
                found.missing.append(f"{shown_path(given)}: file name too long")
                continue
            found.unreadable.append((tidy(given), f"cannot read: {exc.strerror or exc}"))
            continue
        name = os.path.basename(os.path.normpath(given))
        if os.path.isdir(given):
            top = tidy(given)
            if force_exclude and excludes.named(top, is_dir=True):
                continue  # ruff's --force-exclude: the excludes hold for folders named too
            _walk(top, excludes.in_folder, add, found, exact=os.path.normpath(top) == top)
        elif name in OWN_CONFIG_NAMES:
            continue
        elif force_exclude and excludes.named(given):
            continue
        elif not os.path.exists(given):
            # Named, it was meant to be checked: a failure (exit 1), as an unreadable file is.
            found.unreadable.append((tidy(given), "dangling or looping symlink; skipped"))
        else:
            add(given, os.path.islink(given))
    files = sorted(found.files)
    if len(paths) > 1:  # one folder's walk or one file cannot list a file twice but through a symlink
        files = _one_path_a_file(files)
    found.files = _without_aliases(files, links)
    return found


def tidy(path: str) -> str:
    """``os.path.normpath(path)`` for reading and showing, unless that names another file.

    normpath drops ``x/..`` by the letters, but the kernel goes to the parent of where ``x`` leads:
    with ``deep`` a symlink to ``x/y``, ``deep/../b.py`` is ``x/b.py``, not ``b.py``. Such a path
    becomes the real path of its folder (relative when it was), its last part kept as written.
    """
    normal = os.path.normpath(path)
    if ".." not in path.replace(os.sep, "/").split("/") or os.path.realpath(normal) == os.path.realpath(path):
        return normal
    folder, last = os.path.split(path)
    if last in ("", ".", ".."):
        folder, last = path, ""
    real = os.path.realpath(folder)
    if not os.path.isabs(path):
        real = os.path.relpath(real)
    return real if not last else last if real == os.curdir else os.path.join(real, last)


def _one_path_a_file(files: list[str]) -> list[str]:
    """``files`` (sorted) less every one whose folder, resolved, already holds a file of that name
    listed before it: ``src`` and ``link-to-src``, or ``a.py`` and its absolute path, named together.
    (A symlinked file is :func:`_without_aliases`' to find.) One ``realpath`` a folder."""
    real: dict[str, str] = {}
    kept: list[str] = []
    seen: set[str] = set()
    for path in files:
        folder, name = os.path.split(path)
        where = real.get(folder)
        if where is None:
            where = real[folder] = os.path.realpath(folder or ".")
        key = os.path.join(where, name)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def _without_aliases(files: list[str], links: set[str]) -> list[str]:
    """``files`` (sorted) less every path to a file listed before it: a symlink and its target are one file.

    Only the symlinks, and the files named like a symlink's target, are resolved: a tree without
    symlinks costs nothing here.
    """
    if not links:
        return files
    targets = {os.path.basename(os.path.realpath(link)) for link in links}
    kept: list[str] = []
    seen: set[str] = set()
    for path in files:
        if path in links or os.path.basename(path) in targets:
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
        kept.append(path)
    return kept


def _walk(top: str, excluded_in: Any, add: Any, found: Discovery, *, exact: bool) -> None:
    """Add the files under ``top`` in sorted order; ``exact``: ``top`` is a normal path, and so is
    every path under it (``os.path.normpath`` need not run on each). Under ``.`` the paths are
    written without the ``./`` that listing it gives them, as normalising would."""
    # (path, absolute path) of each folder to list: the .gitignore lookup wants absolute paths.
    stack = [(top, os.path.abspath(top))]
    while stack:
        folder, absolute = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=_by_name)
        except OSError as exc:
            found.unreadable.append((tidy(folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        names = frozenset(entry.name for entry in entries)
        if folder is not top and not names.isdisjoint(_ENVIRONMENT_MARKS):
            continue  # a virtualenv or conda environment under any name (env/, .env3/): installed packages
        excluded = excluded_in(absolute, names)
        subfolders = []
        dot = folder == "."
        for entry in entries:
            name = entry.name
            path = name if dot else entry.path
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:  # pragma: no cover - vanished while listing
                continue
            if is_dir:
                if not excluded(path, name, True):
                    subfolders.append((path, os.path.join(absolute, name)))
                continue
            if name.endswith(TEMP_SUFFIX) and TEMP_FILE.match(name):
                found.stale_temp_files.append(path)
                continue
            if kind_of_name(name) is None or name in OWN_CONFIG_NAMES or excluded(path, name, False):
                continue
            try:
                is_file = entry.is_file(follow_symlinks=False)
                is_link = not is_file and entry.is_symlink()
            except OSError:  # pragma: no cover - vanished while listing
                continue
            if is_file:  # a regular file (from the directory listing: no stat call)
                add(path, exact=exact)
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                what = "dangling or looping symlink" if is_link else (exc.strerror or str(exc))
                found.notes.append((tidy(path), f"{what}; skipped"))
                continue
            if stat.S_ISDIR(mode):
                continue  # a symlink to a folder: not followed
            if not stat.S_ISREG(mode):
                found.notes.append((tidy(path), "not a regular file (FIFO, socket or device); skipped"))
                continue
            add(path, is_link, exact)
        stack.extend(reversed(subfolders))


_by_name = operator.attrgetter("name")
#: What marks a folder as a Python environment (venv's ``pyvenv.cfg``, conda's ``conda-meta``): a walk
#: does not enter one (named on the command line, it is checked).
_ENVIRONMENT_MARKS = frozenset(("pyvenv.cfg", "conda-meta"))
