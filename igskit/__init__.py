"""igskit: a reproducible planning template for a Flemish IGS cultuur.

The public API is small; everything else lives in submodules named for the domain.
"""

from igskit._imports import defer_slow_imports

defer_slow_imports()  # before anything imports nbformat; see _imports.py

from igskit.errors import IgskitError, ParamsError, StepError  # noqa: E402
from igskit.params.load import LoadedPlan, load_plan  # noqa: E402

__all__ = ["IgskitError", "LoadedPlan", "ParamsError", "StepError", "load_plan"]
__version__ = "0.1.0"
