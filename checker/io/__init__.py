"""Reading and writing files: a model's files found on disk (``files``), their bytes made plain
data and a side table of positions (``reading``, ``_builder``, ``positions``), the limits and
records of reading (``sources``), the JSON Schemas shipped with the checker (``schemas``), the
model as it was at a git revision (``gitrev``), and reports written safely (``output``).

May import ``findings`` and ``i18n`` only.
"""
