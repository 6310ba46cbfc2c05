"""Writing fixed files: atomically, keeping the mode, never over content that changed since it was read."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat


class WriteError(OSError):
    """A fixed file could not be written; the original is untouched."""


def temp_name(name: str) -> str:
    """``.<name>.<random>.gemini-lint.tmp``: hidden, unique, and recognisable as ours."""
    return f".{name}.{secrets.token_hex(6)}.gemini-lint.tmp"


def write_atomic(path: str, data: bytes, *, expected: bytes) -> None:
    """Replace the file at ``path`` (a symlink's target) with ``data``, atomically.

    The new content goes to a temp file in the same folder (created exclusively), is flushed and
    fsynced, gets the original's mode, and is ``os.replace``d over the target, but only if the
    target still holds ``expected``: content that changed since it was read is never overwritten.
    """
    target = os.path.realpath(path)
    try:
        before = os.stat(target)
    except OSError as exc:
        raise WriteError(f"vanished before it could be written ({exc.strerror})") from None
    if not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError("file is read-only; not written")
    folder, name = os.path.split(target)
    temp = os.path.join(folder, temp_name(name))
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise WriteError(f"cannot create a temp file beside it ({exc.strerror})") from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                os.fchmod(handle.fileno(), stat.S_IMODE(before.st_mode))
                with contextlib.suppress(OSError):
                    os.fchown(handle.fileno(), before.st_uid, before.st_gid)
            _check_unchanged(target, expected)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as exc:
        if isinstance(exc, WriteError):
            raise
        raise WriteError(f"cannot write ({exc.strerror or exc})") from None
    _fsync_folder(folder)


def _check_unchanged(target: str, expected: bytes) -> None:
    try:
        with open(target, "rb") as handle:
            current = handle.read()
    except OSError as exc:
        raise WriteError(f"vanished before it could be written ({exc.strerror})") from None
    if current != expected:
        raise WriteError("changed on disk while gemini-lint was fixing it; not written (run again)")


def _fsync_folder(folder: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temp(path: str) -> bool:
    """Remove a temp file a killed run left behind; True when it was removed."""
    try:
        os.unlink(path)
    except OSError:
        return False
    return True
