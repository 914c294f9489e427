"""Start-up time: defer one import that costs more than a second in every igskit process.

nbformat (for papermill and the renderer) imports jsonschema, whose format checkers import
``rfc3987_syntax``; that module builds some 35 Lark parsers when imported — about 1.2 s here,
in the command line and in every batch worker — for the ``iri`` formats no notebook schema
uses (python-jsonschema/jsonschema#1428). A stand-in takes its place until a check is really
made; then the real module is imported and used. Nothing is switched off.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

SLOW_MODULE = "rfc3987_syntax"


class _Deferred(types.ModuleType):
    """Stands in for the module until something needs it, then hands over to the real one."""

    def _real(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def is_valid_syntax(self, *args, **kwargs):  # what jsonschema imports by name
        return self._real().is_valid_syntax(*args, **kwargs)


def defer_slow_imports() -> None:
    if SLOW_MODULE in sys.modules or importlib.util.find_spec(SLOW_MODULE) is None:
        return
    sys.modules[SLOW_MODULE] = _Deferred(SLOW_MODULE)
