"""The text layer: the one tokenizer, sentence splitter, bullet and number recogniser, content-word
definition, stemmer and term matcher. It sits at the bottom of the package (it imports nothing of
Rebound but `assistant.paths`), so readers, analysis, the guard and the tasks all share it."""

from assistant.text.bullets import BULLET, ESCAPED_MARK, bullet_item, is_bullet, strip_marks
from assistant.text.numbers import (
    FIGURE,
    NUMBER,
    QUANTITY,
    figures,
    has_quantity,
    number_forms,
    numbers,
)
from assistant.text.sentences import Span, sentence_count, sentence_spans, sentences, statements
from assistant.text.stem import stem, stems
from assistant.text.terms import find_term, names_term, term_key
from assistant.text.tokens import (
    TOKEN,
    content_words,
    is_content_word,
    normalise,
    stop_words,
    token_spans,
    tokens,
    words,
)

__all__ = [
    "BULLET",
    "ESCAPED_MARK",
    "FIGURE",
    "NUMBER",
    "QUANTITY",
    "Span",
    "TOKEN",
    "bullet_item",
    "content_words",
    "figures",
    "find_term",
    "has_quantity",
    "is_bullet",
    "is_content_word",
    "names_term",
    "normalise",
    "number_forms",
    "numbers",
    "sentence_count",
    "sentence_spans",
    "sentences",
    "statements",
    "stem",
    "stems",
    "stop_words",
    "strip_marks",
    "term_key",
    "token_spans",
    "tokens",
    "words",
]
