"""Shipped data files are parsed once and then read from the user directory's cache
(assistant.paths.cached_data): the same data, parsed again when the file changes."""

from __future__ import annotations

import datetime
import os

from assistant.paths import cached_data, read_data, user_dir


def _counting(parse):
    calls = []

    def counted(path):
        calls.append(path)
        return parse(path)

    return counted, calls


def _lines(path):
    return {"lines": path.read_text(encoding="utf-8").splitlines(), "n": 1.5, "none": None}


def test_the_second_read_comes_from_the_cache_and_equals_the_parse(tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("one\ntwo\n", encoding="utf-8")
    parse, calls = _counting(_lines)
    first, second = cached_data(source, parse), cached_data(source, parse)
    assert first == second == _lines(source)
    assert len(calls) == 1
    assert len(list((user_dir() / "cache" / "data").glob("words.txt.*.marshal"))) == 1


def test_a_changed_file_is_parsed_again_and_its_old_entry_dropped(tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("one\n", encoding="utf-8")
    parse, calls = _counting(_lines)
    cached_data(source, parse)
    source.write_text("one\nthree\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))  # a new modification time even on a coarse clock
    assert cached_data(source, parse)["lines"] == ["one", "three"]
    assert len(calls) == 2
    assert len(list((user_dir() / "cache" / "data").glob("words.txt.*.marshal"))) == 1


def test_a_damaged_entry_or_a_read_only_home_means_parsing(tmp_path, monkeypatch):
    source = tmp_path / "words.txt"
    source.write_text("one\n", encoding="utf-8")
    parse, calls = _counting(_lines)
    cached_data(source, parse)
    (entry,) = (user_dir() / "cache" / "data").glob("words.txt.*.marshal")
    entry.write_bytes(b"\x00 not marshal")
    assert cached_data(source, parse) == _lines(source)
    monkeypatch.setenv("REBOUND_HOME", str(tmp_path / "file-not-dir"))
    (tmp_path / "file-not-dir").write_text("", encoding="utf-8")
    assert cached_data(source, parse) == _lines(source)
    assert len(calls) == 3


def test_data_marshal_cannot_hold_is_returned_uncached(tmp_path):
    source = tmp_path / "when.txt"
    source.write_text("x", encoding="utf-8")
    parse, calls = _counting(lambda path: {"when": datetime.date(2026, 1, 2)})
    assert (
        cached_data(source, parse)
        == cached_data(source, parse)
        == {"when": datetime.date(2026, 1, 2)}
    )
    assert len(calls) == 2


def test_shipped_yaml_reads_the_same_from_the_cache():
    import yaml

    from assistant.paths import data_path

    parsed = yaml.safe_load(data_path("resume_phrases.yaml").read_text(encoding="utf-8"))
    assert read_data("resume_phrases.yaml") == parsed  # parsed, then stored
    assert read_data("resume_phrases.yaml") == parsed  # from the cache
    assert "responsible for" in parsed["weak_openers"]


def _user_template(text: str):
    from assistant.prompts import render

    path = user_dir() / "prompts" / "plan" / "markdown.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return render("plan", "markdown", name="Sam")


def _template_entries():
    return sorted(p.name for p in (user_dir() / "cache" / "templates").glob("*"))


def test_a_template_is_compiled_once_and_again_when_edited(monkeypatch):
    import jinja2

    compiled = []
    real = jinja2.Environment.compile

    def counting(self, *args, **kwargs):
        compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    from assistant import prompts

    assert _user_template("Hello {{ name }}") == "Hello Sam"
    prompts._environment.cache_clear()  # a new run: the template comes from cache/templates
    assert _user_template("Hello {{ name }}") == "Hello Sam"
    assert compiled.count("plan/markdown.j2") == 1
    (first,) = _template_entries()
    prompts._environment.cache_clear()
    assert _user_template("Bye {{ name }}") == "Bye Sam"
    assert compiled.count("plan/markdown.j2") == 2
    assert len(_template_entries()) == 1 and _template_entries() != [first]


def test_a_damaged_compiled_template_is_compiled_again():
    from assistant import prompts

    assert _user_template("Hi {{ name }}!") == "Hi Sam!"
    (entry,) = (user_dir() / "cache" / "templates").glob("*")
    entry.write_bytes(b"\x00 not marshal")
    prompts._environment.cache_clear()
    assert _user_template("Hi {{ name }}!") == "Hi Sam!"
