"""Read a GGUF file's header and metadata without llama.cpp: fast, and a clear error for a
file that is missing, truncated or not a GGUF at all."""

from __future__ import annotations

import mmap
import struct
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from assistant.errors import ModelError

_MAGIC = b"GGUF"
_SCALARS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING, _ARRAY = 8, 9
_U64 = struct.Struct("<Q")
FILE_TYPES = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    7: "Q8_0",
    8: "Q5_0",
    9: "Q5_1",
    10: "Q2_K",
    11: "Q3_K_S",
    12: "Q3_K_M",
    13: "Q3_K_L",
    14: "Q4_K_S",
    15: "Q4_K_M",
    16: "Q5_K_S",
    17: "Q5_K_M",
    18: "Q6_K",
    19: "IQ2_XXS",
    20: "IQ2_XS",
    21: "Q2_K_S",
    22: "IQ3_XS",
    23: "IQ3_XXS",
    24: "IQ1_S",
    25: "IQ4_NL",
    26: "IQ3_S",
    27: "IQ3_M",
    28: "IQ2_S",
    29: "IQ2_M",
    30: "IQ4_XS",
    31: "IQ1_M",
    32: "BF16",
    36: "TQ1_0",
    37: "TQ2_0",
}


class GGUFInfo(BaseModel):
    path: str
    size_bytes: int
    version: int
    architecture: Optional[str] = None
    name: Optional[str] = None
    quantization: Optional[str] = None
    context_length: Optional[int] = None
    parameters: Optional[int] = None
    has_chat_template: bool = False


class _Reader:
    def __init__(self, buf, name: str):
        self.buf, self.pos, self.name = buf, 0, name

    def _need(self, n: int) -> None:
        if n < 0 or self.pos + n > len(self.buf):
            raise ModelError(f"{self.name}: the GGUF file is truncated or corrupt")

    def scalar(self, fmt: str):
        size = struct.calcsize(fmt)
        self._need(size)
        (value,) = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += size
        return value

    def string(self) -> str:
        n = self.scalar("<Q")
        self._need(n)
        raw = self.buf[self.pos : self.pos + n]
        self.pos += n
        return bytes(raw).decode("utf-8", errors="replace")

    def skip_string(self) -> None:
        n = self.scalar("<Q")
        self._need(n)
        self.pos += n

    def skip_strings(self, count: int) -> None:
        """Skip an array of strings (a tokenizer's 50,000 tokens): the hot loop of reading a header."""
        unpack, buf, pos, end = _U64.unpack_from, self.buf, self.pos, len(self.buf)
        for _ in range(count):
            if pos + 8 > end:
                break
            pos += 8 + unpack(buf, pos)[0]
        else:
            if pos <= end:
                self.pos = pos
                return
        raise ModelError(f"{self.name}: the GGUF file is truncated or corrupt")

    def value(self, vtype: int, keep: bool) -> Any:
        if vtype in _SCALARS:
            return self.scalar(_SCALARS[vtype])
        if vtype == _STRING:
            if keep:
                return self.string()
            self.skip_string()
            return None
        if vtype == _ARRAY:
            etype, count = self.scalar("<I"), self.scalar("<Q")
            if etype in _SCALARS:
                size = struct.calcsize(_SCALARS[etype])
                self._need(size * count)
                self.pos += size * count
            elif etype == _STRING:
                self.skip_strings(count)
            else:
                raise ModelError(f"{self.name}: the GGUF file is corrupt (array of type {etype})")
            return None
        raise ModelError(f"{self.name}: the GGUF file is corrupt (value type {vtype})")


def read_gguf(path: Path | str, count_parameters: bool = True) -> GGUFInfo:
    p = Path(path)
    name = str(p)
    if p.is_dir():
        raise ModelError(f"{name}: is a directory; name the .gguf file inside it")
    if not p.is_file():
        raise ModelError(f"{name}: model file not found")
    size = p.stat().st_size
    if size < 24:
        raise ModelError(f"{name}: not a GGUF model file (too small)")
    if count_parameters:  # what a backend reads at every start: kept while the file is unchanged
        from assistant.paths import cached_data

        return GGUFInfo(**cached_data(p, lambda path: _read(path, True).model_dump()))
    return _read(p, False)


def _read(p: Path, count_parameters: bool) -> GGUFInfo:
    """The header read (20 ms for a small model: its tokenizer's 100,000 strings are walked to
    reach the tensors, whose sizes give the parameter count)."""
    name, size = str(p), p.stat().st_size
    with p.open("rb") as fh:
        if fh.read(4) != _MAGIC:
            raise ModelError(f"{name}: not a GGUF model file (wrong magic bytes)")
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            return _parse(_Reader(mm, name), name, size, count_parameters)


def _parse(r: _Reader, name: str, size: int, count_parameters: bool) -> GGUFInfo:
    r.pos = 4
    version = r.scalar("<I")
    if version not in (2, 3):
        raise ModelError(f"{name}: unsupported GGUF version {version}")
    n_tensors, n_kv = r.scalar("<Q"), r.scalar("<Q")
    if n_tensors > 1_000_000 or n_kv > 1_000_000:
        raise ModelError(f"{name}: the GGUF file is corrupt (impossible counts)")
    meta: dict[str, Any] = {}
    for _ in range(n_kv):
        key = r.string()
        vtype = r.scalar("<I")
        keep = (
            key.startswith("general.")
            or key.endswith(".context_length")
            or key == "tokenizer.chat_template"
        )
        meta[key] = r.value(vtype, keep)
    params = None
    if count_parameters:
        params = 0
        for _ in range(n_tensors):
            r.skip_string()
            n_dims = r.scalar("<I")
            if n_dims > 8:
                raise ModelError(
                    f"{name}: the GGUF file is corrupt (tensor with {n_dims} dimensions)"
                )
            count = 1
            for _ in range(n_dims):
                count *= r.scalar("<Q")
            r.scalar("<I")
            r.scalar("<Q")
            params += count
    arch = _typed(meta, "general.architecture", str)
    file_type = _typed(meta, "general.file_type", int)
    context = _typed(meta, f"{arch}.context_length", int) if arch else None
    return GGUFInfo(
        path=name,
        size_bytes=size,
        version=version,
        architecture=arch,
        name=_typed(meta, "general.name", str),
        quantization=FILE_TYPES.get(file_type, str(file_type)) if file_type is not None else None,
        context_length=context if context and context > 0 else None,
        parameters=params,
        has_chat_template=bool(meta.get("tokenizer.chat_template")),
    )


def _typed(meta: dict[str, Any], key: str, kind: type) -> Any:
    """A metadata value of the expected type, else None (a corrupt file can hold any type)."""
    value = meta.get(key)
    return value if isinstance(value, kind) and not isinstance(value, bool) else None
