"""Reading a text file the user gave: size cap, binary detection, UTF-8 / BOM / cp1252."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.errors import InputError

MAX_TEXT_BYTES = 1_000_000
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
_stdin_read = None  # the stdin already read by a '-' (the test runner swaps sys.stdin per run)


def display_name(path: Path | str) -> str:
    return "stdin" if str(path) == "-" else str(path)


def format_size(n: int) -> str:
    """A byte count as people read it: '20 KB', '2.0 MB' (a 20 KB cap is not '0.0 MB')."""
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1e3))} KB"


def read_bytes(path: Path | str, max_bytes: int = MAX_TEXT_BYTES) -> bytes:
    """Read at most max_bytes of a file (or stdin for '-'); past the cap is an error."""
    global _stdin_read
    name = display_name(path)
    if str(path) == "-":
        if _stdin_read is sys.stdin:  # a second '-' would only find it empty
            raise InputError("stdin: '-' can stand for one input only; give the others as files")
        _stdin_read = sys.stdin
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a directory, not a file")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{name}: too large ({format_size(size)}; the limit is {format_size(max_bytes)})"
                )
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except PermissionError:
            raise InputError(f"{name}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: too large (over {format_size(max_bytes)})")
    return data


def utf16_encoding(data: bytes) -> str | None:
    """'utf-16' (a byte-order mark says which end), 'utf-16-le' or 'utf-16-be' (no mark, but every
    other byte is zero, as in Notepad's "Unicode" text), else None. UTF-32's marks are 'utf-32'."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "utf-32"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (with or without BOM), else cp1252; refuse
    binary data."""
    wide = utf16_encoding(data)
    if wide:
        try:
            data = data.decode(wide).encode("utf-8")
        except UnicodeError:
            raise InputError(f"{name}: looks like UTF-16 text but does not decode as it") from None
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{name}: not readable as UTF-8 or Windows-1252 text")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _CONTROL_OK)
    if text and controls / len(text) > 0.01:
        raise InputError(f"{name}: looks like a binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: is empty")
    return text


def read_text(path: Path | str, max_bytes: int = MAX_TEXT_BYTES) -> str:
    return decode_text(read_bytes(path, max_bytes), display_name(path))
