"""How chat messages become prompt tokens for a llama.cpp model: rendered with the chat template
the GGUF file carries (as llama-cpp-python and llama.cpp's server do; ChatML, llama.cpp's own
default, when the file has none), and how many leading tokens are the task's fixed part: the
system prompt and worked examples, everything before the last message."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.engine.base import Message
from assistant.engine.options import GenerateOptions


@dataclass
class Prompt:
    tokens: list[int]
    fixed: int  # the leading tokens that do not depend on the last message (kept for the next call)
    options: GenerateOptions


def common_prefix(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class ChatTemplate:
    def __init__(self, model):
        from llama_cpp.llama_chat_format import CHATML_CHAT_TEMPLATE, Jinja2ChatFormatter

        self.model = model
        template = model.metadata().get("tokenizer.chat_template") or CHATML_CHAT_TEMPLATE
        eos, bos = model.token_eos(), model.token_bos()
        special = dict(eos_token=model.token_get_text(eos) if eos != -1 else "",
                       bos_token=model.token_get_text(bos) if bos != -1 else "")
        self._whole = Jinja2ChatFormatter(template=template, **special)
        self._start = Jinja2ChatFormatter(template=template, add_generation_prompt=False, **special)

    def _tokens(self, formatted) -> list[int]:
        return self.model.tokenize(formatted.prompt.encode("utf-8"), add_bos=not formatted.added_special,
                                   special=True)

    def prompt(self, messages: list[Message], options: GenerateOptions) -> Prompt:
        tokens = self._tokens(self._whole(messages=messages))
        fixed = 0
        if len(messages) > 1:
            fixed = common_prefix(tokens, self._tokens(self._start(messages=messages[:-1])))
        return Prompt(tokens=tokens, fixed=fixed, options=options)
