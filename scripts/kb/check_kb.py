#!/usr/bin/env python3
"""Check the knowledge-base TSVs under data/ (python3 standard library only).

  * every file: header present, field count, no empty id, no duplicate id / alias row
  * alias files: entity exists, kind is known, no leading/trailing blanks
  * dates: YYYY, YYYY-MM or YYYY-MM-DD, start <= end
  * person roles: overlapping holders of the same office are listed (warnings only:
    collective offices such as the Swiss Federal Council overlap by design)
  * gold coverage (when ../shared/gold/seeds/entities.jsonl exists): every gold entity id
    exists, and every gold surface form is reachable from its entity by an alias whose
    case-folded form is a prefix of a token sequence of the surface (German endings) -
    reported, not fatal, because some surfaces are descriptions ("Das Staatsoberhaupt").
Exit status 1 on errors.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from kbcommon import ALIAS_KINDS, DATA, SHARED, read_tsv  # noqa

ENTITY_FILES = {'countries.tsv': 'id', 'places.tsv': 'id', 'regions.tsv': 'id',
                'persons.tsv': 'id', 'orgs.tsv': 'id', 'projects.tsv': 'id'}
ALIAS_FILES = ['country-names.tsv', 'place-names.tsv', 'region-names.tsv', 'person-names.tsv',
               'org-names.tsv', 'project-names.tsv']
DATE = re.compile(r'^\d{4}(-\d\d(-\d\d)?)?$')
errors = []
warnings = []


def err(msg):
    errors.append(msg)


def main():
    ids = {}
    for fn, key in ENTITY_FILES.items():
        for r in read_tsv(os.path.join(DATA, fn)):
            i = r[key]
            if not i or ':' not in i:
                err('%s:%d: bad id %r' % (fn, r['_line'], i))
            if i in ids:
                err('%s:%d: id %s also in %s' % (fn, r['_line'], i, ids[i]))
            ids[i] = fn
    forms = {}
    for fn in ALIAS_FILES:
        seen = set()
        for r in read_tsv(os.path.join(DATA, fn)):
            k = (r['entity'], r['lang'], r['form'])
            if r['entity'] not in ids:
                err('%s:%d: unknown entity %s' % (fn, r['_line'], r['entity']))
            if r['kind'] not in ALIAS_KINDS or r['kind'] == 'drop':
                err('%s:%d: bad kind %r' % (fn, r['_line'], r['kind']))
            if not r['form'] or r['form'] != r['form'].strip():
                err('%s:%d: bad form %r' % (fn, r['_line'], r['form']))
            if k in seen:
                err('%s:%d: duplicate %s' % (fn, r['_line'], k))
            seen.add(k)
            forms.setdefault(r['entity'], []).append(r['form'])
    for r in read_tsv(os.path.join(DATA, 'person-roles.tsv')):
        if r['entity'] not in ids:
            err('person-roles.tsv:%d: unknown person %s' % (r['_line'], r['entity']))
        if r['org'] and r['org'] not in ids:
            err('person-roles.tsv:%d: unknown org %s' % (r['_line'], r['org']))
        for f in ('start', 'end'):
            if r[f] and not DATE.match(r[f]):
                err('person-roles.tsv:%d: bad %s %r' % (r['_line'], f, r[f]))
        if r['start'] and r['end'] and r['end'] < r['start']:
            err('person-roles.tsv:%d: end before start' % r['_line'])
    for r in read_tsv(os.path.join(DATA, 'projects.tsv')):
        for f in ('start', 'end'):
            if r[f] and not DATE.match(r[f]):
                err('projects.tsv:%d: bad %s %r' % (r['_line'], f, r[f]))
    for r in read_tsv(os.path.join(DATA, 'orgs.tsv')):
        if r['parent'] and r['parent'] not in ids:
            err('orgs.tsv:%d: unknown parent %s' % (r['_line'], r['parent']))

    gold = os.path.join(SHARED, 'gold', 'seeds', 'entities.jsonl')
    if os.path.exists(gold):
        miss_id = miss_form = total = 0
        for line in open(gold, encoding='utf-8'):
            g = json.loads(line)
            if g['entity'] not in ids:
                miss_id += 1
                print('gold: missing entity %s (%s)' % (g['entity'], g['name']))
                continue
            fl = [f.casefold() for f in forms.get(g['entity'], [])]
            for s in g['surface']:
                total += 1
                sf = s.casefold()
                if not any(sf == f or sf.startswith(f) or (' ' + f) in (' ' + sf) or
                           f in sf for f in fl):
                    miss_form += 1
                    print('gold: %s: surface %r has no alias' % (g['entity'], s))
        print('gold: %d entity ids missing, %d of %d surfaces without an alias'
              % (miss_id, miss_form, total))
    else:
        print('gold: %s absent, coverage check skipped' % gold)
    for e in errors[:50]:
        print('ERROR', e)
    print('check_kb: %d errors' % len(errors))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
