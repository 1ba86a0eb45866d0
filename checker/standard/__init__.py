"""The standard as data: the eTOM reference catalogue (``catalogue``), the rule packs of a
standard and custom packs (``rulepack``, ``custom``), the crosswalk to today's eTOM releases
(``crosswalk``), read safely and strictly from ``rules/`` (``datafiles``). What a rule's kind
makes of its options is the kinds' business.

May import ``findings``, ``i18n`` and ``io``.
"""
