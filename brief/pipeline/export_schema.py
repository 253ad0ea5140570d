"""The JSON export's schema (``brief export --format json``, ``brief.index/2``) as pydantic models,
and the JSON Schema published from them (``docs/index.schema.json``).

The models are made from the dataclasses of ``brief.models`` (one shape per datum), with what the
export writes differently (``brief.pipeline.export.as_json``): an article without its content hash
and with only the affiliations that name an organization, a deal's buyer and target written "from"
and "to" and its figures as written only. Every field is required: the export writes them all,
null where there is nothing. tests/test_export_schema.py checks that real exports validate against
the models (no field missing, none unknown) and that the published file is up to date.

pydantic is imported here only, by the schema command and the tests: neither the reader's start
nor ``brief export`` pays for it.

    python -m brief.pipeline.export_schema           # write docs/index.schema.json
    python -m brief.pipeline.export_schema --check   # exit 1 when it is not up to date
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from brief import models

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "index.schema.json"
LEFT_OUT = {"Article": {"content_hash"}, "Deal": {"amount_value", "stake_value"}}
"""Fields of the models that the export does not write."""
RENAMED = {"Deal": {"buyer": "from", "target": "to"}}
"""Fields the export writes under another name."""
DESCRIBED = {"Article": "An article: its text, where it came from, and what brief found in it (offsets into"
                        " `title`, `standfirst` or `body`, end-exclusive; entities by id).",
             "Entity": "A person, organization or other entity, with the names it is written as and its articles.",
             "Heading": "A heading inside the body, at body[start:end].",
             "FigureRef": "One article's figure among those that disagree."}
"""What the models without a docstring of their own are, in the published schema."""


class _Exported(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


_made: dict[type, type[BaseModel]] = {}


def _json_type(hint: Any) -> Any:
    """A dataclass field's type as the JSON holds it: nested models, sequences as lists."""
    if dataclasses.is_dataclass(hint):
        return model_of(hint)  # type: ignore[arg-type]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Sequence, list) or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        return list[_json_type(args[0])]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_json_type(a) for a in args)]  # noqa: UP007 - built from a tuple
    return hint


def model_of(cls: type) -> type[BaseModel]:
    """The pydantic model of a ``brief.models`` dataclass as the export writes it."""
    if cls not in _made:
        hints = typing.get_type_hints(cls, vars(models))
        renamed = RENAMED.get(cls.__name__, {})
        fields: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name.startswith("_") or f.name in LEFT_OUT.get(cls.__name__, ()):
                continue
            alias = renamed.get(f.name)
            fields[f"{f.name}_" if alias else f.name] = (_json_type(hints[f.name]), Field(alias=alias or f.name))
        doc = DESCRIBED.get(cls.__name__) or (cls.__doc__ or "").strip()  # not the generated "Name(field: ...)"
        _made[cls] = create_model(cls.__name__, __base__=_Exported, __doc__=doc,
                                  __module__=__name__, **fields)
    return _made[cls]


Article = model_of(models.Article)
Entity = model_of(models.Entity)
Disagreement = model_of(models.Disagreement)

Index = create_model(
    "Index", __base__=_Exported, __module__=__name__,
    __doc__="What brief knows about a set of articles: `brief export --format json`.",
    schema_=(Literal[models.SCHEMA], Field(alias="schema")),  # type: ignore[arg-type]
    articles=(list[Article], ...),  # type: ignore[valid-type]
    entities=(list[Entity], ...),  # type: ignore[valid-type]
    disagreements=(list[Disagreement], ...),  # type: ignore[valid-type]
    skipped=(list[tuple[str, str]], Field(description="(path, reason) of each input that was not read")),
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the export, as published."""
    schema = Index.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": models.SCHEMA,
            **schema, "title": f"brief export --format json ({models.SCHEMA})"}


def published_text() -> str:
    return json.dumps(json_schema(), indent=1, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    text = published_text()
    if check:
        current = PUBLISHED.read_text(encoding="utf-8") if PUBLISHED.exists() else ""
        if current != text:
            print(f"{PUBLISHED} is not up to date: run python -m brief.pipeline.export_schema", file=sys.stderr)
            return 1
        return 0
    PUBLISHED.write_text(text, encoding="utf-8")
    print(f"wrote {PUBLISHED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
