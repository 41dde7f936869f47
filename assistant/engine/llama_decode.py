"""Writing with llama.cpp: one prompt, or many side by side.

Sequence 0 of the context holds the beginning the prompts share (a task's instructions and worked
examples), evaluated once and kept for the next call (and on disk: prefix_cache.py). Each prompt
gets a sequence of its own that starts from sequence 0's cells (shared, not copied or recomputed),
has its own end evaluated, then writes one token a step until it stops. A step costs about the
same for one sequence or a few: on two cores, one token takes ~7 ms, sixteen side by side ~45 ms
(140 against 355 tokens/s on SmolLM2), so a batch of short rewrites is written ~2.5x faster."""

from __future__ import annotations

import ctypes
from collections import deque
from collections.abc import Iterator
from typing import Optional

from assistant.engine.llama_prompt import Prompt, common_prefix
from assistant.engine.options import GenerateOptions
from assistant.engine.prefix_cache import PrefixCache
from assistant.errors import ModelError

SIDE_BY_SIDE = 16  # sequences written at once (sequence 0, the shared beginning, is one more)
BATCH_TOKENS = 512  # tokens evaluated in one llama_decode call
PENALTY_LAST_N = 64  # llama-cpp-python's default window for the repeat penalty


def settings(params, **values):
    """Set fields of a llama.cpp parameter struct. ctypes takes a misspelt or since-renamed field
    silently (as a plain attribute llama.cpp never sees): here it is an error that names it."""
    fields = {name for name, *_ in type(params)._fields_}
    unknown = sorted(set(values) - fields)
    if unknown:
        raise ModelError(
            f"this llama-cpp-python has no {', '.join(unknown)} setting; install the version "
            "in the Makefile (`make clean && make venv`)"
        )
    for name, value in values.items():
        setattr(params, name, value)
    return params


def context_settings(llama_cpp, n_ctx: int, writing: int, prompt: int):
    """The context: every sequence shares one pool of n_ctx cells (a short rewrite then needs only
    its own cells, not n_ctx / sequences); flash attention wrote 15-20% more tokens/s on SmolLM2."""
    return settings(
        llama_cpp.llama_context_default_params(),
        n_ctx=n_ctx,
        n_batch=BATCH_TOKENS,
        n_ubatch=BATCH_TOKENS,
        n_seq_max=SIDE_BY_SIDE + 1,
        kv_unified=True,
        flash_attn_type=llama_cpp.LLAMA_FLASH_ATTN_TYPE_ENABLED,
        n_threads=writing,
        n_threads_batch=prompt,
    )


def holdback(text: str, stops: list[str]) -> int:
    """How many characters at the end of `text` could be the start of a stop string (not shown yet)."""
    longest = 0
    for stop in stops:
        for n in range(min(len(stop) - 1, len(text)), longest, -1):
            if text.endswith(stop[:n]):
                longest = n
                break
    return longest


class _Sequence:
    def __init__(self, index: int, prompt: Prompt, seq_id: int, start: int, sampler):
        self.index, self.options, self.seq_id, self.sampler = index, prompt.options, seq_id, sampler
        self.feed = prompt.tokens[start:]  # what the next steps evaluate for this sequence
        self.pos = start
        self.reserve = len(self.feed) + prompt.options.max_tokens  # the cells it may fill
        self.data = bytearray()
        self.written = 0
        self.shown = 0  # characters of the text already yielded

    def add(self, piece: bytes) -> tuple[str, bool]:
        """Append a written piece; the text that may be shown now, and whether the sequence is done."""
        self.data += piece
        self.written += 1
        text = self.data.decode("utf-8", errors="ignore")
        stops = self.options.stop
        cuts = [i for i in (text.find(s, max(0, self.shown - len(s))) for s in stops) if i >= 0]
        if cuts:
            return self._show(text[: min(cuts)]), True
        done = self.written >= self.options.max_tokens
        return self._show(text if done else text[: len(text) - holdback(text, stops)]), done

    def rest(self) -> str:
        return self._show(self.data.decode("utf-8", errors="ignore"))

    def _show(self, text: str) -> str:
        new = text[self.shown :]
        self.shown = max(self.shown, len(text))
        return new


class Decoder:
    """Generation on one loaded model and context; not thread-safe (one call at a time)."""

    def __init__(self, model, ctx, cache: Optional[PrefixCache]):
        import llama_cpp
        from llama_cpp import _internals

        self.llama_cpp, self.model, self.ctx, self.cache = llama_cpp, model, ctx, cache
        self.memory = llama_cpp.llama_get_memory(ctx.ctx)
        self.batch = _internals.LlamaBatch(
            n_tokens=BATCH_TOKENS, embd=0, n_seq_max=1, verbose=False
        )
        self.n_ctx = ctx.n_ctx()
        self.held: list[int] = []  # the tokens sequence 0 holds
        self._piece_buffer = ctypes.create_string_buffer(64)

    def close(self) -> None:
        self.batch.close()
        self.ctx.close()
        self.model.close()

    def forget(self) -> None:
        """Drop every cell: the next call evaluates its prompt in full."""
        self.llama_cpp.llama_memory_clear(self.memory, True)
        self.held = []

    # --- the shared beginning -----------------------------------------------------------------
    def _share(self, prompts: list[Prompt]) -> list[int]:
        """Make sequence 0 hold the prompts' common beginning (all but the last token of the
        shortest: every sequence evaluates at least one token of its own, for its first logits)."""
        shared = prompts[0].tokens
        for p in prompts[1:]:
            shared = shared[: common_prefix(shared, p.tokens)]
        shared = shared[: min(len(p.tokens) for p in prompts) - 1]
        fixed = prompts[0].tokens[: prompts[0].fixed]
        if len(fixed) > len(shared) or not prompts[0].options.cache_instructions:
            fixed = []  # not every prompt has this fixed part, or it holds the user's text: memory only
        keep = common_prefix(self.held, shared)
        if self.cache and fixed and keep < len(fixed):
            self._truncate(0)
            keep = len(fixed) if self.cache.load(self.ctx.ctx, 0, fixed) else 0
            self.held = fixed[:keep]
        self._truncate(keep)
        if fixed and keep < len(fixed):
            self._evaluate(fixed)
            if self.cache:
                self.cache.save(self.ctx.ctx, 0, fixed)
        self._evaluate(shared)
        return shared

    def _truncate(self, keep: int) -> None:
        if not self.llama_cpp.llama_memory_seq_rm(self.memory, 0, keep, -1):
            self.forget()  # a recurrent model's state cannot be cut back: start over
        self.held = self.held[:keep] if self.held else []

    def _evaluate(self, tokens: list[int]) -> None:
        """Extend sequence 0 from what it holds to `tokens` (no logits needed)."""
        batch = self.batch.batch
        while len(self.held) < len(tokens):
            chunk = tokens[len(self.held) : len(self.held) + BATCH_TOKENS]
            batch.n_tokens = 0
            for token in chunk:
                self._put(token, len(self.held) + batch.n_tokens, 0, False)
            self._decode()
            self.held = tokens[: len(self.held) + len(chunk)]

    # --- writing ------------------------------------------------------------------------------
    def run(self, prompts: list[Prompt]) -> Iterator[tuple[int, str]]:
        """Write every prompt's reply; yields (prompt index, text) pieces as they come."""
        if not prompts:
            return
        for prompt in prompts:
            if len(prompt.tokens) + prompt.options.max_tokens > self.n_ctx:
                raise ModelError(
                    f"the prompt and reply ({len(prompt.tokens)} + {prompt.options.max_tokens} tokens) "
                    f"do not fit the model's context of {self.n_ctx} tokens"
                )
        shared = self._share(prompts)
        waiting = deque(enumerate(prompts))
        active: list[_Sequence] = []
        free_ids = list(range(SIDE_BY_SIDE, 0, -1))
        try:
            while waiting or active:
                while waiting and free_ids:
                    index, prompt = waiting[0]
                    reserve = len(prompt.tokens) - len(shared) + prompt.options.max_tokens
                    if (
                        active
                        and len(shared) + sum(s.reserve for s in active) + reserve > self.n_ctx
                    ):
                        break  # it waits for cells to be freed
                    waiting.popleft()
                    seq_id = free_ids.pop()
                    self.llama_cpp.llama_memory_seq_cp(self.memory, 0, seq_id, -1, -1)
                    active.append(
                        _Sequence(index, prompt, seq_id, len(shared), self._sampler(prompt.options))
                    )
                for seq, row in self._step(active):
                    piece, done = self._write(seq, row)
                    if piece:
                        yield seq.index, piece
                    if done:
                        active.remove(seq)
                        self._release(seq, free_ids)
        finally:
            for seq in active:
                self._release(seq, free_ids)

    def _step(self, active: list[_Sequence]) -> list[tuple[_Sequence, int]]:
        """Evaluate the next tokens of every active sequence (one each for those writing, as much of
        their prompt's end as fits for the others); the sequences that now have logits, and where."""
        batch = self.batch.batch
        batch.n_tokens = 0
        ready = []
        for seq in sorted(active, key=lambda s: len(s.feed)):  # the writing ones (1 token) first
            room = BATCH_TOKENS - batch.n_tokens
            if room <= 0:
                break
            chunk, seq.feed = seq.feed[:room], seq.feed[room:]
            for i, token in enumerate(chunk):
                last = not seq.feed and i == len(chunk) - 1
                if last:
                    ready.append((seq, batch.n_tokens))
                self._put(token, seq.pos, seq.seq_id, last)
                seq.pos += 1
        self._decode()
        return ready

    def _write(self, seq: _Sequence, row: int) -> tuple[str, bool]:
        token = seq.sampler.sample(
            self.ctx, row
        )  # also tells the sampler (repeat penalty) what was written
        if self.llama_cpp.llama_vocab_is_eog(self.model.vocab, token):
            return seq.rest(), True
        piece, done = seq.add(self._piece(token))
        seq.feed = [token]
        return piece, done

    def _release(self, seq: _Sequence, free_ids: list[int]) -> None:
        self.llama_cpp.llama_memory_seq_rm(self.memory, seq.seq_id, -1, -1)
        free_ids.append(seq.seq_id)
        seq.sampler.close()

    # --- llama.cpp calls ----------------------------------------------------------------------
    def _put(self, token: int, pos: int, seq_id: int, logits: bool) -> None:
        batch = self.batch.batch
        i = batch.n_tokens
        batch.token[i], batch.pos[i], batch.n_seq_id[i] = token, pos, 1
        batch.seq_id[i][0] = seq_id
        batch.logits[i] = logits
        batch.n_tokens = i + 1

    def _decode(self) -> None:
        code = self.llama_cpp.llama_decode(self.ctx.ctx, self.batch.batch)
        if code != 0:
            self.forget()
            raise ModelError(
                f"llama.cpp could not evaluate the prompt (llama_decode returned {code})"
            )

    def _piece(self, token: int) -> bytes:
        buffer = self._piece_buffer
        n = self.llama_cpp.llama_token_to_piece(
            self.model.vocab, token, buffer, len(buffer), 0, False
        )
        if n < 0:
            buffer = ctypes.create_string_buffer(-n)
            n = self.llama_cpp.llama_token_to_piece(
                self.model.vocab, token, buffer, len(buffer), 0, False
            )
        return buffer.raw[:n]

    def _sampler(self, options: GenerateOptions):
        """llama-cpp-python's own sampler chain for these options (its defaults: top-k 40, top-p
        0.95, min-p 0.05), so a reply is what create_chat_completion would have written."""
        from llama_cpp._internals import LlamaSampler

        sampler = LlamaSampler()
        sampler.add_penalties(
            self.model.n_vocab(), PENALTY_LAST_N, options.repeat_penalty, 0.0, 0.0
        )
        if options.temperature == 0:
            sampler.add_greedy()
            return sampler
        sampler.add_top_k(40)
        sampler.add_typical(1.0, 1)
        sampler.add_top_p(0.95, 1)
        sampler.add_min_p(0.05, 1)
        sampler.add_temp(options.temperature)
        sampler.add_dist(options.seed)
        return sampler
