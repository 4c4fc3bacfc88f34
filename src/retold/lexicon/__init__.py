"""Language data: every word list retold decides with, defined once.

Algorithms live in the stage packages; the lists they read live here, each
under one name (pySBD's ``lang/`` and spaCy's ``lang/en`` keep theirs apart
from their code the same way).
"""
