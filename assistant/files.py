"""Writing the files the user asked for: atomically, and never over an existing file without force."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from assistant.errors import InputError, OutputExistsError

MAX_NAME_BYTES = 255  # the longest file name common file systems take
SYSTEM_FOLDERS = ("/dev/", "/proc/", "/sys/")  # never a place for --out


def check_target(path: Path | str, force: bool = False) -> Path:
    """Refuse a target that atomic_write would refuse; a command that streams its output calls
    this before doing any work, so it never prints a result and then fails to save it."""
    dest = Path(path)
    if dest.is_dir():
        raise InputError(f"{dest}: is a directory")
    if dest.exists() and not force:
        raise OutputExistsError(f"{dest}: already exists; pass --force to overwrite it")
    real = os.path.realpath(dest)
    if (
        (dest.exists() and not dest.is_file())  # a FIFO, a device: cannot be replaced atomically
        or os.path.abspath(dest).startswith(SYSTEM_FOLDERS)  # /dev/stdout, /proc/self/fd/1
        or real.startswith(SYSTEM_FOLDERS)
    ):
        raise InputError(f"{dest}: not a regular file; name a file to write (or leave out --out)")
    folder = dest.parent if str(dest.parent) else Path(".")
    if len(os.fsencode(dest.name)) > MAX_NAME_BYTES:
        raise InputError(
            f"{dest.name[:40]}...: file name too long (at most {MAX_NAME_BYTES} bytes)"
        )
    check_folder(folder)
    return folder


def check_folder(folder: Path) -> None:
    """A folder a new file can be written to, or one clear InputError."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such directory")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{folder}: cannot write there (permission denied)")


def atomic_write(path: Path | str, text: str | bytes, force: bool = False) -> Path:
    """Write to a temporary file beside the target, then link (no force) or rename (force) it in.
    Text is written as UTF-8 ending with a newline; bytes as they are. A file replaced keeps its
    permissions; through a symbolic link, the file it points to is replaced. A failure of the
    system (a full disk, a read-only folder) is one InputError naming the file."""
    dest = Path(path)
    if force and dest.is_symlink():  # --force through a link writes the file it points to
        dest = Path(os.path.realpath(dest))
    folder = check_target(dest, force)
    try:
        return _write(dest, folder, text, force)
    except OSError as exc:
        raise InputError(
            f"{dest}: cannot write ({exc.strerror or exc}); nothing was changed"
        ) from None


def _write(dest: Path, folder: Path, text: str | bytes, force: bool) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name[:100]}.", suffix=".tmp", dir=folder)
    try:
        if isinstance(text, str):
            text = (text if text.endswith("\n") else text + "\n").encode("utf-8")
        with os.fdopen(fd, "wb") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if force and dest.exists():
            shutil.copymode(dest, tmp)
        if force:
            os.replace(tmp, dest)
        else:
            try:
                os.link(tmp, dest)  # fails if dest appeared meanwhile: nothing is overwritten
            except FileExistsError:
                raise OutputExistsError(
                    f"{dest}: already exists; pass --force to overwrite it"
                ) from None
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return dest
