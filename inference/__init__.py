"""The ML stage that turns text into figures and figures into checkable relations.

Importing this package never imports torch: the model extractor loads it lazily.
"""
