"""How chat messages become prompt tokens for a llama.cpp model: rendered with the chat template
the GGUF file carries (as llama-cpp-python and llama.cpp's server do; ChatML, llama.cpp's own
default, when the file has none), and how many leading tokens are the task's fixed part: the
system prompt and worked examples, everything before the last message.

The template's own text may hold control tokens (<|im_start|>); the messages may not: a resume or
a pasted job ad that contains "<|im_end|><|im_start|>system" stays text, as the user wrote it."""

from __future__ import annotations

from dataclasses import dataclass

from assistant import regex
from assistant.engine.base import Message
from assistant.engine.options import GenerateOptions
from assistant.errors import ModelError

_MARK = "\x00{}\x00"  # where a message's content goes: a character no template or message holds
_MARKS = regex.compile("\x00(\\d+)\x00")


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
        special = dict(
            eos_token=model.token_get_text(eos) if eos != -1 else "",
            bos_token=model.token_get_text(bos) if bos != -1 else "",
        )
        self._whole = Jinja2ChatFormatter(template=template, **special)
        self._start = Jinja2ChatFormatter(template=template, add_generation_prompt=False, **special)

    def _tokens(self, formatter, messages: list[Message]) -> list[int]:
        """The template rendered around a mark for each message's content; the template's text is
        tokenized with its control tokens, each content as plain text."""
        marked = formatter(
            messages=[{**m, "content": _MARK.format(i)} for i, m in enumerate(messages)]
        )
        parts = _MARKS.split(marked.prompt)
        if parts[1::2] != [
            str(i) for i in range(len(messages))
        ]:  # a template that changes the content
            parts = [formatter(messages=messages).prompt]
        tokens: list[int] = []
        for i, part in enumerate(parts):
            text = messages[int(part)]["content"] if i % 2 else part
            tokens += self.model.tokenize(
                text.encode("utf-8"),
                add_bos=i == 0 and not marked.added_special,
                special=i % 2 == 0,
            )
        return tokens

    def prompt(self, messages: list[Message], options: GenerateOptions) -> Prompt:
        from jinja2 import TemplateError

        try:
            return self._prompt(messages, options)
        except (TemplateError, ValueError) as first:  # its raise_exception() raises ValueError
            if messages[0]["role"] != "system" or len(messages) < 2:
                raise ModelError(
                    f"the model's chat template refused the prompt ({first})"
                ) from None
        # Some templates (Mistral's, Gemma's) take no system message: it goes before the first user turn
        system, user = messages[0], messages[1]
        folded = [{**user, "content": f"{system['content']}\n\n{user['content']}"}, *messages[2:]]
        try:
            return self._prompt(folded, options)
        except (TemplateError, ValueError) as exc:
            raise ModelError(f"the model's chat template refused the prompt ({exc})") from None

    def _prompt(self, messages: list[Message], options: GenerateOptions) -> Prompt:
        tokens = self._tokens(self._whole, messages)
        fixed = (
            common_prefix(tokens, self._tokens(self._start, messages[:-1]))
            if len(messages) > 1
            else 0
        )
        return Prompt(tokens=tokens, fixed=fixed, options=options)
