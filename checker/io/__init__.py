"""Reading and writing files: a model's files found on disk (``files``), one file's bytes made
plain data and a side table of positions (``parsing``, ``_builder``, ``positions``), a model's
files read through the cache of reading results (``reading``, ``cache``) and by worker processes
(``workers``), the limits and records of reading (``sources``), the JSON Schemas shipped with the
checker and the predicates generated from them (``schemas``, ``schemacheck``), the model as it
was at a git revision (``gitrev``), and reports written safely (``output``).

May import ``findings`` and ``i18n`` only.
"""
