"""Writing fixed files: atomically, keeping the mode, never over content that changed since it was read."""

from __future__ import annotations

import contextlib
import os
import stat

#: The longest file name most file systems accept (bytes).
_NAME_MAX = 255
#: The end of every temp file name the writer creates (discovery recognises them by it).
TEMP_SUFFIX = ".gemini-lint.tmp"


class WriteError(OSError):
    """A fixed file could not be written; the original is untouched."""


def temp_name(name: str) -> str:
    """``.<name>.<random>.gemini-lint.tmp``: hidden, unique, and recognisable as ours.

    ``name`` is shortened (on a character boundary) when the whole would exceed 255 bytes, so a
    file with a long name can still be fixed.
    """
    token = os.urandom(6).hex()  # what secrets.token_hex does, without its ~6 ms import
    room = _NAME_MAX - len(f"..{token}{TEMP_SUFFIX}")
    name = name[:room]  # a character is at least one byte
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}.{token}{TEMP_SUFFIX}"


class _TempRemoved(Exception):
    """The temp file disappeared before it could replace the target."""


def write_atomic(path: str, data: bytes, *, expected: bytes) -> None:
    """Replace the file at ``path`` (a symlink's target) with ``data``, atomically.

    The new content goes to a temp file in the same folder (created exclusively), is flushed and
    fsynced, gets the original's mode, and is ``os.replace``d over the target, but only if the
    target still holds ``expected``: content that changed since it was read is never overwritten
    (content that already is ``data``, written by another run, is left as it is). Whatever
    interrupts it (an error, Ctrl-C), the temp file is removed and the target is either untouched
    or wholly replaced.
    """
    target = os.path.realpath(path)
    try:
        before = os.stat(target)
    except OSError as exc:
        raise WriteError(f"vanished before it could be written ({exc.strerror})") from None
    if not stat.S_ISREG(before.st_mode):
        raise WriteError("no longer a regular file; not written")
    if not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        # Checked on the mode bits, so that root (whom permissions do not stop) honours them too.
        raise WriteError("file is read-only; not written")
    if not os.access(target, os.W_OK):
        raise WriteError("file is not writable by this user; not written")
    for _ in range(3):
        try:
            _write_once(target, data, expected, before)
        except _TempRemoved:
            # Another run's --fix took our temp file for one a killed run left: write it again.
            continue
        break
    else:
        raise WriteError("cannot write (the temp file kept being removed by another process); not written")
    _fsync_folder(os.path.dirname(target))


def _write_once(target: str, data: bytes, expected: bytes, before: os.stat_result) -> None:
    folder, name = os.path.split(target)
    temp = os.path.join(folder, temp_name(name))
    fd = -1
    replace = True
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            with contextlib.suppress(OSError):
                os.fchown(handle.fileno(), before.st_uid, before.st_gid)
            now = os.fstat(handle.fileno())
            if (now.st_uid, now.st_gid) != (before.st_uid, before.st_gid):
                # A group-writable file of another user (or group): a copy owned by this user would take
                # from its owner (or group) the rights its mode gives them. Left alone, as a read-only file.
                raise WriteError("its owner or group could not be kept by a new copy (another user's file); not written")
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            # After the owner: a chown clears the set-user-ID and set-group-ID bits, which this restores.
            os.fchmod(handle.fileno(), stat.S_IMODE(before.st_mode))
        replace = _check_unchanged(target, expected, data)
        if replace:
            try:
                os.replace(temp, target)
            except FileNotFoundError:
                if not os.path.lexists(temp) and os.path.lexists(target):
                    raise _TempRemoved() from None
                raise
    except BaseException as exc:
        # The temp file is ours once os.open returned, and also when something other than an
        # OSError (Ctrl-C) struck between os.open creating it and ``fd`` being set. An OSError from
        # os.open itself (even "exists") means nothing of ours was created: leave the name alone.
        if fd >= 0 or not isinstance(exc, OSError):
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, WriteError) or not isinstance(exc, OSError):
            raise
        if fd < 0:
            raise WriteError(f"cannot create a temp file beside it ({exc.strerror or exc}); not written") from None
        raise WriteError(f"cannot write ({exc.strerror or exc}); not written") from None
    if not replace:  # the target already holds ``data``: nothing to replace
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _check_unchanged(target: str, expected: bytes, data: bytes) -> bool:
    """True when ``target`` still holds ``expected``; False when it already holds ``data``.

    Raises :class:`WriteError` when it is gone, no longer a regular file, or holds anything else.
    """
    try:
        # Non-blocking: a FIFO put in the file's place must not hang the run.
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise WriteError(f"vanished before it could be written ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise WriteError("no longer a regular file; not written")
        current = handle.read(max(len(expected), len(data)) + 1)
    if current == expected:
        return True
    if current == data:
        return False
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
