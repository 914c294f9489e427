"""The deferred import keeps jsonschema's IRI checks working, only later."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import igskit, nbformat, jsonschema
deferred = type(sys.modules["rfc3987_syntax"]).__name__
checker = jsonschema.Draft7Validator({"format": "iri"}, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
print(deferred, checker.is_valid("https://example.org/cultuur/é"), checker.is_valid("geen iri ::"),
      type(sys.modules["rfc3987_syntax"]).__name__)
"""


def test_rfc3987_syntax_is_imported_only_when_an_iri_is_checked():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["_Deferred", "True", "False", "module"]
