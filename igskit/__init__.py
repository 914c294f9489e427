"""igskit: a reproducible planning template for a Flemish IGS cultuur.

The public API is small; everything else lives in submodules named for the domain.
"""

from igskit.errors import IgskitError, ParamsError, StepError
from igskit.params import LoadedPlan, load_plan

__all__ = ["IgskitError", "LoadedPlan", "ParamsError", "StepError", "load_plan"]
__version__ = "0.1.0"
