"""The planning steps' domain logic: one module per step, plus findings, checks and display."""
