"""The model's state after reading a task's fixed instructions and worked examples, kept on disk so
that the next run (a new process) starts from there instead of reading them again: on SmolLM2 the
fixed part is ~130 of feedback's ~160 prompt tokens, ~0.3 s of a 1.1 s run on two cores.

One file per fixed part (its tokens, the model file, llama-cpp-python's version and the context
settings make the name), owner-only, written atomically, in <REBOUND_HOME>/cache/prompt-state.
A file that cannot be read is ignored and rewritten; the tokens stored with the state are
compared with the prompt's before it is used. REBOUND_PROMPT_CACHE=0 turns it off."""

from __future__ import annotations

import ctypes
import hashlib
import os
import time
from importlib import metadata
from pathlib import Path

from assistant.paths import user_dir

ENV = "REBOUND_PROMPT_CACHE"
KEEP_FILES = 24  # the newest states kept (a task has one or two fixed parts; ~3 MB each on SmolLM2)
MIN_TOKENS = 32  # shorter fixed parts are read faster than a file


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


class PrefixCache:
    def __init__(self, model_path: str, settings: str):
        stat = os.stat(model_path)
        self.identity = "\n".join(
            [
                os.path.realpath(model_path),
                str(stat.st_size),
                str(stat.st_mtime_ns),
                metadata.version("llama_cpp_python"),
                settings,
            ]
        )

    @property
    def folder(self) -> Path:
        return user_dir() / "cache" / "prompt-state"

    def path(self, tokens: list[int]) -> Path:
        digest = hashlib.sha256(f"{self.identity}\n{tokens}".encode()).hexdigest()[:32]
        return self.folder / f"{digest}.state"

    def load(self, ctx, seq_id: int, tokens: list[int]) -> bool:
        """Fill sequence `seq_id` (empty) with the stored state of exactly these tokens."""
        import llama_cpp

        path = self.path(tokens)
        if len(tokens) < MIN_TOKENS or not enabled() or not path.is_file():
            return False
        stored = (llama_cpp.llama_token * len(tokens))()
        count = ctypes.c_size_t(0)
        read = llama_cpp.llama_state_seq_load_file(
            ctx, str(path).encode(), seq_id, stored, len(tokens), ctypes.byref(count)
        )
        if read and list(stored[: count.value]) == tokens:
            os.utime(path)  # recently used: kept when old states are pruned
            return True
        llama_cpp.llama_memory_seq_rm(llama_cpp.llama_get_memory(ctx), seq_id, -1, -1)
        return False

    def save(self, ctx, seq_id: int, tokens: list[int]) -> None:
        """Store sequence `seq_id`, which holds exactly these tokens (replacing a file that could not
        be loaded); a full disk or a read-only home is not an error."""
        import llama_cpp

        path = self.path(tokens)
        if len(tokens) < MIN_TOKENS or not enabled():
            return
        try:
            user_dir(create=True)
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            partial = path.with_suffix(f".{os.getpid()}.partial")
            array = (llama_cpp.llama_token * len(tokens))(*tokens)
            old_umask = os.umask(0o077)
            try:
                written = llama_cpp.llama_state_seq_save_file(
                    ctx, str(partial).encode(), seq_id, array, len(tokens)
                )
            finally:
                os.umask(old_umask)
            if written:
                os.replace(partial, path)
            else:
                partial.unlink(missing_ok=True)
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        """Keep the most recently used states; drop what a killed run left half-written."""
        states = sorted(self.folder.glob("*.state"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in states[KEEP_FILES:]:
            old.unlink(missing_ok=True)
        for partial in self.folder.glob("*.partial"):
            if time.time() - partial.stat().st_mtime > 3600:
                partial.unlink(missing_ok=True)
