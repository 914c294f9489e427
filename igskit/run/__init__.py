"""Running a region: the step registry, the door to Jupyter, the pipeline, versions and change reports."""
