"""Fitting a prompt into the model's context: the long, free parts of the inputs (details, lists)
are cut deterministically, at word boundaries, with a notice; the fixed parts (the task, the
user's name, the contact, the company) are never cut. Tokens are estimated without a tokenizer,
conservatively, so the same inputs always give the same prompt on every backend."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Optional, Union

from pydantic import BaseModel

from assistant.engine.base import Message, ModelInfo
from assistant.engine.options import GenerateOptions
from assistant.errors import InputError

CHARS_PER_TOKEN = 3  # English averages about 4 characters a token: 3 leaves a margin
DEFAULT_CONTEXT = 2048  # when a server does not say (llama.cpp's and Ollama's usual default)
SAFETY_TOKENS = 64  # chat-template tokens around each message
ELLIPSIS = "…"

Piece = Union[str, list[str], None]


class Fitted(BaseModel):
    values: dict[str, Piece]
    messages: list[Message]
    cut: list[str] = []  # the fields that were shortened

    @property
    def notice(self) -> str:
        if not self.cut:
            return ""
        return (
            f"the inputs are longer than the model's context: shortened {', '.join(self.cut)} "
            "(names, company and contact are kept in full)"
        )


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def prompt_budget(info: ModelInfo, options: GenerateOptions) -> int:
    """Tokens the prompt may take: the context less the reply and a margin."""
    return (info.context_length or DEFAULT_CONTEXT) - options.max_tokens - SAFETY_TOKENS


def _size(messages: list[Message]) -> int:
    return sum(estimate_tokens(m["content"]) for m in messages)


def _length(piece: Piece) -> int:
    if isinstance(piece, list):
        return sum(len(item) for item in piece)
    return len(piece or "")


def cut_text(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary, ending with '…' when cut."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ""
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-") + ELLIPSIS


def _cut_piece(piece: Piece, limit: int) -> Piece:
    if not isinstance(piece, list):
        return cut_text(piece, limit) if piece else piece
    kept: list[str] = []
    for item in piece:
        if limit <= 0:
            break
        short = cut_text(item, limit)
        if short:
            kept.append(short)
        limit -= len(item)
    return kept


def _shares(lengths: dict[str, int], total: int) -> dict[str, int]:
    """Split `total` characters fairly: short fields keep all they have, long ones share the rest."""
    shares: dict[str, int] = {}
    left = dict(lengths)
    while left:
        fair = total // len(left)
        small = {k: n for k, n in left.items() if n <= fair}
        if not small:
            shares.update({k: fair for k in left})
            break
        for k, n in small.items():
            shares[k] = n
            total -= n
            del left[k]
    return shares


def fit_to_context(
    build: Callable[[dict[str, Piece]], list[Message]],
    cuttable: dict[str, Piece],
    budget: int,
    what: Optional[str] = None,
) -> Fitted:
    """Build the messages from `cuttable`; if they exceed `budget` tokens, cut those fields (never
    anything else) until they fit. Raises InputError when even the fixed part does not fit."""
    messages = build(cuttable)
    if _size(messages) <= budget:
        return Fitted(values=dict(cuttable), messages=messages)
    fixed = _size(build({k: ([] if isinstance(v, list) else "") for k, v in cuttable.items()}))
    room = (budget - fixed) * CHARS_PER_TOKEN
    if room <= 0:
        raise InputError(
            f"{what or 'the input'}: too long for the model's context even without its "
            "free text (are the names and company fields right?)"
        )
    lengths = {k: _length(v) for k, v in cuttable.items()}
    for _ in range(12):  # the estimate is linear, so this ends at once; the bound is a safety net
        shares = _shares(lengths, room)
        values = {
            k: (_cut_piece(v, shares[k]) if shares[k] < lengths[k] else v)
            for k, v in cuttable.items()
        }
        messages = build(values)
        if _size(messages) <= budget:
            cut = [k for k in cuttable if shares[k] < lengths[k]]
            return Fitted(values=values, messages=messages, cut=cut)
        room = room * 3 // 4
    raise InputError(f"{what or 'the input'}: cannot be shortened to fit the model's context")
