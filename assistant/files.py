"""Writing the files the user asked for: atomically, and never over an existing file without force."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from assistant.errors import InputError, OutputExistsError


def check_target(path: Path | str, force: bool = False) -> Path:
    """Refuse a target that atomic_write would refuse; a command that streams its output calls
    this before doing any work, so it never prints a result and then fails to save it."""
    dest = Path(path)
    if dest.is_dir():
        raise InputError(f"{dest}: is a directory")
    if dest.exists() and not force:
        raise OutputExistsError(f"{dest}: already exists; pass --force to overwrite it")
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such directory")
    return folder


def atomic_write(path: Path | str, text: str | bytes, force: bool = False) -> Path:
    """Write to a temporary file beside the target, then link (no force) or rename (force) it in.
    Text is written as UTF-8 ending with a newline; bytes as they are. A file replaced keeps its
    permissions."""
    dest = Path(path)
    folder = check_target(dest, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
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
