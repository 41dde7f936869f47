"""Read a GGUF file's header and metadata without llama.cpp: fast, and a clear error for a
file that is missing, truncated or not a GGUF at all."""

from __future__ import annotations

import math
import mmap
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from assistant import regex
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


def _header(r: _Reader) -> tuple[int, int, int]:
    """The GGUF version and the counts of tensors and of keys, read after the magic bytes."""
    r.pos = 4
    version = r.scalar("<I")
    if version not in (2, 3):
        raise ModelError(f"{r.name}: unsupported GGUF version {version}")
    n_tensors, n_kv = r.scalar("<Q"), r.scalar("<Q")
    if n_tensors > 1_000_000 or n_kv > 1_000_000:
        raise ModelError(f"{r.name}: the GGUF file is corrupt (impossible counts)")
    return version, n_tensors, n_kv


def _tensor_info(r: _Reader) -> tuple[str, list[int], int]:
    """One tensor's name, dimensions and data offset (its type is read past)."""
    tensor = r.string()
    n_dims = r.scalar("<I")
    if n_dims > 8:
        raise ModelError(f"{r.name}: the GGUF file is corrupt (tensor with {n_dims} dimensions)")
    dims = [r.scalar("<Q") for _ in range(n_dims)]
    r.scalar("<I")
    return tensor, dims, r.scalar("<Q")


def _parse(r: _Reader, name: str, size: int, count_parameters: bool) -> GGUFInfo:
    version, n_tensors, n_kv = _header(r)
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
            params += math.prod(_tensor_info(r)[1])
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


# ---- a model cut to its first blocks (soften's judge reads a middle layer) ----------------------

_BLOCK = regex.compile(r"blk\.(\d+)\.")
_UINT32 = 4
CUT_FORMAT = 1  # bump when the cut file's layout changes: older cuts are then made again


def first_layers(
    path: Path | str,
    layers: int,
    convert: Optional[Callable[[Path, Path], None]] = None,
    kind: str = "",
) -> Optional[Path]:
    """The model with its first `layers` transformer blocks only, so that llama.cpp's output (and
    its mean-pooled embedding) is the hidden state after block `layers`: a middle layer, which
    separates desperate from calm sentences better than the last one and is computed in
    `layers`/all of the time (docs/soften.md). The cut file is written once into the user
    directory's cache/models (about two thirds of the model's size for half its blocks) and made
    again when the model file changes; None where it cannot be written (no writable home).
    With `convert` (named `kind`), the cut is kept as `convert(cut, out)` writes it (llama.cpp's
    requantisation: llama.embed_weights); a cut it cannot convert (ModelError) is kept as it is."""

    p = Path(path)
    if convert is not None:
        converted = _cut_entry(p, layers, f"first{layers}.{kind}.gguf", convert)
        if converted is not None:
            return converted
    return _cut_entry(p, layers, f"first{layers}.gguf", None)


def _cut_entry(
    p: Path, layers: int, suffix: str, convert: Optional[Callable[[Path, Path], None]]
) -> Optional[Path]:
    from assistant.paths import cache_entry, keep_in_cache

    entry = cache_entry(p, "models", suffix, f"cut:{CUT_FORMAT}")
    if entry is None:
        return None
    if not entry.is_file():
        raw = cut_to_layers(p, layers)
        # earlier cuts of this model at this depth, converted or not, are dropped
        older = entry.name[: -len(suffix)].rstrip(".").rsplit(".", 1)[0] + f".*.first{layers}.*gguf"

        def write(out: Path) -> None:
            cut = out.with_name(out.name + ".cut")
            try:
                cut.write_bytes(raw)
                convert(cut, out)
            finally:
                cut.unlink(missing_ok=True)

        try:
            keep_in_cache(entry, raw if convert is None else write, older)
        except ModelError:
            return None
    return entry if entry.is_file() else None


def cut_to_layers(path: Path, layers: int) -> bytes:
    """The GGUF file at `path` with `{arch}.block_count` set to `layers` and the tensors of the
    later blocks left out; every other key and tensor is copied byte for byte."""
    name = str(path)
    with path.open("rb") as fh:
        if fh.read(4) != _MAGIC:
            raise ModelError(f"{name}: not a GGUF model file (wrong magic bytes)")
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            return _cut(_Reader(mm, name), layers)


def _cut(r: _Reader, layers: int) -> bytes:
    mm, name = r.buf, r.name
    version, n_tensors, n_kv = _header(r)
    kv_start, block_at, alignment = r.pos, None, 32
    for _ in range(n_kv):
        key = r.string()
        vtype = r.scalar("<I")
        if key.endswith(".block_count") and vtype == _UINT32:
            block_at = r.pos
        value = r.value(vtype, keep=False)
        if key == "general.alignment" and isinstance(value, int) and value > 0:
            alignment = value
    kv = bytearray(mm[kv_start : r.pos])
    if block_at is None:
        raise ModelError(f"{name}: the GGUF file names no block count: its layers cannot be cut")
    (blocks,) = struct.unpack_from("<I", mm, block_at)
    if not 0 < layers < blocks:
        raise ModelError(f"{name}: cannot keep {layers} of its {blocks} blocks")
    struct.pack_into("<I", kv, block_at - kv_start, layers)
    infos: list[tuple[str, bytes, int]] = []  # name, the info up to its offset, the offset
    for _ in range(n_tensors):
        start = r.pos
        tensor, _, offset = _tensor_info(r)
        infos.append((tensor, bytes(mm[start : r.pos - 8]), offset))
    data_start = _aligned(r.pos, alignment)
    # a tensor's bytes run to the next tensor's offset (its padding included) or the file's end
    ends = sorted({offset for _, _, offset in infos} | {len(mm) - data_start})
    size = {offset: ends[ends.index(offset) + 1] - offset for _, _, offset in infos}
    kept = [t for t in infos if not ((m := _BLOCK.match(t[0])) and int(m.group(1)) >= layers)]
    new_offset, at = {}, 0
    for offset in sorted({offset for _, _, offset in kept}):
        new_offset[offset] = at = _aligned(at, alignment)
        at += size[offset]
    out = bytearray(b"GGUF" + struct.pack("<IQQ", version, len(kept), n_kv) + kv)
    for _, info, offset in kept:
        out += info + struct.pack("<Q", new_offset[offset])
    out += b"\0" * (_aligned(len(out), alignment) - len(out))
    data = len(out)
    for offset in sorted(new_offset):
        out += b"\0" * (data + new_offset[offset] - len(out))
        out += mm[data_start + offset : data_start + offset + size[offset]]
    return bytes(out)


def _aligned(n: int, alignment: int) -> int:
    return n + (-n % alignment)
