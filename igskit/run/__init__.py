"""Running a region: step registry, the door to Jupyter and its kernels, pipeline, versions, change reports."""
