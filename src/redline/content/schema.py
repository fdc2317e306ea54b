"""The JSON Schema of a content file, for editors (yaml-language-server) and `redline schema`."""

from __future__ import annotations

import json
from typing import Any

from redline.content.models import ContentFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def content_schema() -> dict[str, Any]:
    """The schema of one YAML file of a scenario folder, with every key's description."""
    schema = ContentFile.model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "redline content file",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as written to `docs/redline.schema.json`: stable, sorted, one trailing newline."""
    return json.dumps(content_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
