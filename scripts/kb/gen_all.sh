#!/bin/sh
# Regenerate every generated KB file under data/ from ../shared/data and the curated files,
# in dependency order, then check the result.  Needs python3 and Debian's iso-codes package.
set -e
cd "$(dirname "$0")"
python3 gen_countries.py      # countries.tsv (capital column filled from the previous places.tsv)
python3 gen_places.py         # places.tsv, place-names.tsv (needs countries.tsv)
python3 gen_countries.py      # again, so countries.tsv sees the new capitals
python3 gen_persons.py        # persons.tsv, person-roles.tsv, person-names.tsv
python3 check_kb.py
