"""Benchmark material: the generated press-release corpus (`corpus`) and a script entry (`run.py`).

Installed as `numcheck.benchmarks` so that `numcheck bench` works from a wheel too.
"""
