"""The user's corrections file and the optional spaCy backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.cli import main
from brief.pipeline.build import load_briefing

ARTICLE = ("Harbour Deal Signed\n\nThe port authority signed a deal with Kestrel Shipping on Monday. "
           "Officials at KSL said the terminal opens next year. Breaking News readers asked for more.\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE)
    return tmp_path


def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    cfg = tmp_path / "brief.toml"
    cfg.write_text(body)
    monkeypatch.setenv("BRIEF_CONFIG", str(cfg))


def test_declared_entity_and_aliases_are_found_and_merged(corpus: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _config(tmp_path, monkeypatch, '''
ignore = ["Breaking News"]
[[entities]]
name = "Kestrel Shipping Lines"
type = "organization"
aliases = ["Kestrel Shipping", "KSL"]
''')
    b = load_briefing([corpus], cache_dir=tmp_path / "cache")
    kestrel = [e for e in b.entities if e.name == "Kestrel Shipping Lines"]
    assert len(kestrel) == 1 and kestrel[0].type == "organization" and kestrel[0].mention_count == 2
    assert not any(e.name == "Breaking News" for e in b.entities)


def test_changing_the_corrections_redoes_cached_articles(corpus: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    load_briefing([corpus], cache_dir=tmp_path / "cache")
    _config(tmp_path, monkeypatch, '[[entities]]\nname = "Port Authority"\naliases = ["port authority"]\n')
    b = load_briefing([corpus], cache_dir=tmp_path / "cache")
    assert not any(e.name == "Port Authority" for e in b.entities)  # lowercase text is not a name
    _config(tmp_path, monkeypatch, '[[entities]]\nname = "Kestrel"\ntype = "person"\n')
    b = load_briefing([corpus], cache_dir=tmp_path / "cache")
    assert any(e.name == "Kestrel" and e.type == "person" for e in b.entities)


def test_a_broken_config_file_is_named(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    _config(tmp_path, monkeypatch, "ignore = [unclosed\n")
    assert main(["export", str(corpus)]) == 2
    assert "brief.toml" in capsys.readouterr().err


def test_spacy_backend_with_a_blank_pipeline(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spacy = pytest.importorskip("spacy", reason="the spaCy backend is an optional extra")
    from brief.pipeline.extract import spacy_backend

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Kestrel Shipping"},
                        {"label": "GPE", "pattern": "Harbour"}])
    spacy_backend.load.cache_clear()
    monkeypatch.setattr(spacy_backend, "load", lambda model: nlp)
    b = load_briefing([corpus], cache_dir=tmp_path / "cache", extractor="spacy")
    assert [(e.name, e.type) for e in b.entities] == [("Kestrel Shipping", "organization")]


def test_spacy_backend_missing_pipeline_is_a_clear_error(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("spacy", reason="the spaCy backend is an optional extra")
    assert main(["export", str(corpus), "--extractor", "spacy"]) == 2
    assert "spaCy pipeline 'en_core_web_sm' is not installed" in capsys.readouterr().err


def test_config_values_are_checked_and_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.config import ConfigError, load_settings

    _config(tmp_path, monkeypatch, 'extractor = "spacy"\n[[entities]]\nname = "Acme"\ntype = "company"\n')
    with pytest.raises(ConfigError, match=r"entities\[0\]\.type: expected person or organization"):
        load_settings()
    _config(tmp_path, monkeypatch, 'extractor = "spacy"\ncache_dir = "~/c"\nignore = ["Live"]\n')
    monkeypatch.setenv("BRIEF_EXTRACTOR", "builtin")
    settings = load_settings()
    assert (settings.extractor, settings.ignore, settings.cache_dir) == ("builtin", ("Live",), Path("~/c").expanduser())
