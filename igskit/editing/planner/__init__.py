"""The planner: one page (served by Voilà) where a regiocoördinator edits the whole plan, without code."""

from igskit.editing.planner.app import Planner

__all__ = ["Planner"]
