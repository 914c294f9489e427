"""Editing the params file: the document with its safe save, the round trip, edit operations, widgets."""
