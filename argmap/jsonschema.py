"""The YAML format as a JSON Schema, generated from ``schema.py``, for editors.

Point an editor's YAML language server at it to get completion and checks while typing;
``argmap check`` remains the judge (cross-references, quotes, positions).
"""

from __future__ import annotations

from . import schema

__all__ = ["json_schema"]

def _field(field: schema.Field) -> dict:
    kind = field.kind
    if kind == "text":
        return {"type": ["string", "number"]}
    if kind == "id":
        return {"type": "string", "pattern": "^" + schema.ID_RE.pattern.replace("\\Z", "$")}
    if kind == "enum":
        return {"enum": list(field.choices)}
    if kind == "url":
        return {"type": "string", "pattern": "^https?://"}
    if kind == "doi":
        return {"type": "string", "pattern": "^" + schema.DOI_RE.pattern.replace("\\Z", "$")}
    if kind == "color":
        return {"type": "string", "pattern": "^" + schema.COLOR_RE.pattern.replace("\\Z", "$")}
    if kind == "ids":
        return {"type": "array", "items": _field(schema.Field("id"))}
    if kind == "texts":
        return {"type": "array", "items": {"type": "string"}}
    if kind == "list":
        return {"type": "array", "items": _object(field.item)}
    if kind == "relations":
        return {"type": "array", "items": {"anyOf": [_field(schema.Field("id")),
                                                     _object(schema.RELATION)]}}
    raise AssertionError(kind)


def _object(spec: dict) -> dict:
    return {"type": "object", "additionalProperties": False,
            "required": [k for k, f in spec.items() if f.required],
            "properties": {k: _field(f) for k, f in spec.items()}}


def json_schema(debate_file: bool = False) -> dict:
    """The schema of ``debate.yaml`` (``debate_file=True``) or of any other debate file."""
    body = _object(schema.DEBATE if debate_file else schema.DATA_FILE)
    title = "argmap debate.yaml" if debate_file else "argmap debate file (claims, sources)"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **body}
