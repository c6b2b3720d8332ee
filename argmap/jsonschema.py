"""The YAML format as a JSON Schema, generated from ``schema.py``, for editors.

Point an editor's YAML language server at it to get completion and checks while typing;
``argmap check`` remains the judge (cross-references, quotes, positions).
"""

from __future__ import annotations

from . import schema

__all__ = ["json_schema"]

def _field(field: schema.Field) -> dict:
    """A field's schema, with its description and examples: what an editor shows on hover
    and offers while typing."""
    out = _type(field)
    if field.doc:
        out["description"] = field.doc
    if field.examples:
        out["examples"] = list(field.examples)
    return out


_ITEM_ID = schema.Field("id", doc="An id.")


def _type(field: schema.Field) -> dict:
    kind = field.kind
    if kind == "text":
        # A number too: `volume: 12`, `published: 2021`. A date written unquoted
        # (`published: 2021-03-01`) is a string to editors' YAML 1.2 readers, and argmap
        # keeps it as written.
        return {"type": ["string", "number"]}
    if kind == "id":
        return {"type": "string", "maxLength": schema.ID_MAX,
                "pattern": "^" + schema.ID_RE.pattern.replace("\\Z", "$")}
    if kind == "enum":
        return {"enum": list(field.choices)}
    if kind == "url":
        return {"type": "string", "pattern": "^https?://"}
    if kind == "doi":
        return {"type": "string", "pattern": "^" + schema.DOI_RE.pattern.replace("\\Z", "$")}
    if kind == "sha256":
        return {"type": "string", "pattern": "^" + schema.SHA256_RE.pattern.replace("\\Z", "$")}
    if kind == "color":
        return {"type": "string", "pattern": "^" + schema.COLOR_RE.pattern.replace("\\Z", "$")}
    if kind == "ids":
        return {"type": "array", "items": _field(_ITEM_ID)}
    if kind == "texts":
        return {"type": "array", "items": {"type": "string", "description": "A folder name."}}
    if kind == "list":
        return {"type": "array", "items": _object(field.item, _ITEMS[id(field.item)])}
    if kind == "relations":
        return {"type": "array", "items": {"anyOf": [
            _field(schema.Field("id", doc="The id of the claim or resolution related to.")),
            _object(schema.RELATION, "A relation with a note or evidence of its own.")]}}
    raise AssertionError(kind)


_ITEMS = {id(schema.CLAIM): "A claim.", id(schema.SOURCE): "A source.",
          id(schema.EVIDENCE): "An evidence item: a source and what it says.",
          id(schema.PERSPECTIVE): "A perspective.", id(schema.RESOLUTION): "A resolution.",
          id(schema.TOPIC): "A topic."}


def _object(spec: dict, doc: str) -> dict:
    return {"type": "object", "description": doc, "additionalProperties": False,
            "required": [k for k, f in spec.items() if f.required],
            "properties": {k: _field(f) for k, f in spec.items()}}


def json_schema(debate_file: bool = False) -> dict:
    """The schema of ``debate.yaml`` (``debate_file=True``) or of any other debate file."""
    body = _object(schema.DEBATE if debate_file else schema.DATA_FILE,
                   "debate.yaml: the debate's title, perspectives and resolutions (and any "
                   "claims and sources)" if debate_file else
                   "A file of the debate: its claims and sources.")
    title = "argmap debate.yaml" if debate_file else "argmap debate file (claims, sources)"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **body}
