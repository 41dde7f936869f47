"""Bounds on what a hostile file can make Rebound do: zip members read through a stream that stops
at a real byte budget (whatever sizes the archive declares), YAML without anchors or aliases and
with a bounded depth, checked on the parser's events before anything is built.

Every bound is listed with its value in docs/SECURITY.md."""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib

from assistant.errors import InputError
from assistant.inputs.text import format_size

ZIP_CHUNK = 64 * 1024  # each read of a member inflates at most this much at once
MAX_YAML_DEPTH = 20  # lists and mappings inside each other; front matter needs 3
MAX_YAML_EVENTS = 100_000  # scalars, lists and mappings together


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, name: str) -> bytes:
    """The bytes of one member, read in small pieces; past `budget` real bytes it is refused.

    zipfile's own read() inflates the whole compressed stream in one call, up to 2 GB, before it
    cuts the result to the size the header declares: a file that lies about its sizes is read here
    ZIP_CHUNK at a time instead, so memory stays within the budget."""
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(ZIP_CHUNK):
            out += chunk
            if len(out) > budget:
                raise InputError(
                    f"{name}: {info.filename} unpacks to more than {budget // 1_000_000} MB;"
                    " refusing a possible zip bomb"
                )
    return bytes(out)


def rebuild_zip(
    data: bytes, name: str, keep, budget: int, max_members: int
) -> tuple[io.BytesIO, list[str]]:
    """A copy of the zip archive `data` in memory, with the members `keep(filename)` accepts read
    through read_member within `budget` bytes in all, and every other member left empty.

    Readers that open the copy (python-docx) never inflate anything themselves."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > max_members:
                raise InputError(f"{name}: {len(members)} files inside; not a plausible document")
            out = io.BytesIO()
            left = budget
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
                seen: set[str] = set()
                for info in members:
                    if info.filename in seen:
                        raise InputError(f"{name}: {info.filename} is in the archive twice")
                    seen.add(info.filename)
                    content = read_member(archive, info, left, name) if keep(info.filename) else b""
                    left -= len(content)
                    copy.writestr(info.filename, content)
    except zipfile.BadZipFile:
        raise InputError(
            f"{name}: not a valid .docx (the file is damaged, truncated or not a zip); "
            "open and re-save it in your editor"
        ) from None
    except (
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
        zlib.error,
        lzma.LZMAError,
    ) as exc:
        # a truncated or damaged stream, an unknown compression, an encrypted member
        raise InputError(f"{name}: cannot unpack this .docx ({type(exc).__name__})") from None
    out.seek(0)
    return out, sorted(seen)


def check_yaml(text: str, name: str, what: str = "YAML") -> None:
    """Refuse anchors and aliases (an alias bomb grows exponentially when built), nesting deeper
    than MAX_YAML_DEPTH and more than MAX_YAML_EVENTS events, reading only the parser's events.

    Syntax errors are left to the loader that follows, which says where they are."""
    import yaml

    from assistant.paths import yaml_loader

    depth = events = 0
    try:
        for event in yaml.parse(text, Loader=yaml_loader()):
            events += 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError(
                    f"{name}: {what} uses YAML anchors or aliases (&name, *name); "
                    "write each value out instead"
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise InputError(
                        f"{name}: {what} is nested more than {MAX_YAML_DEPTH} levels deep"
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if events > MAX_YAML_EVENTS:
                raise InputError(f"{name}: {what} has more than {MAX_YAML_EVENTS} values")
    except yaml.YAMLError as exc:  # libyaml stops past 1,000 levels, before the events say so
        if "nesting depth" in str(exc):
            raise InputError(f"{name}: {what} is nested more than {MAX_YAML_DEPTH} levels deep")
        return  # a syntax error: the loader that follows says where it is


class TextCap:
    """Text taken out of a document, counted as it is taken: past `limit` characters the reader
    stops with one clear error instead of finishing a huge extraction first."""

    def __init__(self, name: str, limit: int):
        self.name, self.limit, self.used = name, limit, 0

    def add(self, text: str) -> str:
        self.used += len(text) + 1
        if self.used > self.limit:
            raise InputError(
                f"{self.name}: more than {format_size(self.limit)} of text; a resume has far less"
                " (is this the right file?)"
            )
        return text
