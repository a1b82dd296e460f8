#!/usr/bin/env python3
"""Whether a rerun reproduces a committed sweep: compares two results.csv row by row (point, seed), over the rows the
old file has.

    python3 compare-checksums.py OLD_RESULTS.csv NEW_RESULTS.csv

Prints how many of the old rows the new file has, how many state checksums agree, and, among the rows that agree,
how many values of the columns both files have differ (the wall-clock column agent_epochs_per_second left out). Exits
1 if a checksum differs or a row is missing."""
import csv
import sys


def rows(path):
    with open(path) as f:
        return {(r["point"], r["seed"]): r for r in csv.DictReader(f)}


old, new = rows(sys.argv[1]), rows(sys.argv[2])
missing = [k for k in old if k not in new]
same = [k for k in old if k in new and old[k]["state_checksum"] == new[k]["state_checksum"]]
shared = [c for c in next(iter(old.values())) if c in next(iter(new.values())) and c != "agent_epochs_per_second"]
mismatches = sum(1 for k in same for c in shared if old[k][c] != new[k][c])
print("%s: %d old rows, %d new; %d present, checksum same %d, differ %d; values differing where the checksum is the "
      "same: %d (of %d columns)" % (sys.argv[2], len(old), len(new), len(old) - len(missing), len(same),
                                    len(old) - len(missing) - len(same), mismatches, len(shared)))
sys.exit(0 if not missing and len(same) == len(old) else 1)
