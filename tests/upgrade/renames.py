"""Fields renamed between the previous release (19.0.1.1.x) and this one.

The one place tests/upgrade/ knows the renames: populate.py writes the old names,
check.py reads the new ones through this map (model -> {old name: new name}).
19.0.1.2.0 renames nothing (19.0.1.1.0 renamed eight fields; see its migration).
"""

RENAMES = {}
