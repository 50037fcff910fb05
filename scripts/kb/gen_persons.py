#!/usr/bin/env python3
"""Generate data/persons.tsv, data/person-roles.tsv and data/person-names.tsv.

Sources:
  * ../shared/data/leaders/leaders_history.csv + leaders_current.csv: heads of state and
    government from Wikidata (CC0).  Noisy, so: rows are grouped per (country, role, person),
    overlapping duplicates merged (a precise date beats a YYYY-01-01 placeholder), rows ending
    before 2000 dropped, an open-ended row of someone who is not in leaders_current.csv is
    closed at the start of the next holder, QID-only labels dropped.
  * data/person-roles-extra.tsv (hand-curated, checked): foreign ministers, IGO heads, and
    head-of-state/government rows.  An office (country, role) that has any curated row is
    curated as a whole: its Wikidata rows are ignored (KAZ AZE TKM UZB RUS ARM GEO TUR IRN
    both offices; TJK head of state; PSE and JPN head of government).
  * data/persons-extra.tsv (hand-curated): English Wikipedia titles for Wikidata QIDs whose
    label in the CSV is not English.
  * data/person-names-extra.tsv (hand-curated): German, English, Russian/Cyrillic forms.
Ids: person:<slug of the English name> (Wikipedia title); a second person with the same slug
gets -<wikidata qid>.
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from kbcommon import DATA, apply_extra, clean, read_tsv, shared, slug, write_tsv  # noqa

SINCE = '2000-01-01'
# offices held by several people at once (co-princes, captains regent, collective presidencies)
SHARED_OFFICE = {'AND', 'SMR', 'CHE', 'BIH'}
# countries whose names are written family name first (no automatic surname row)
FAMILY_FIRST = {'CHN', 'TWN', 'HKG', 'MAC', 'KOR', 'PRK', 'VNM', 'MMR', 'KHM', 'MNG', 'ISL',
                'ETH', 'ERI', 'BTN', 'IDN', 'LAO', 'THA'}
# of those, where news calls a person by the family name alone
FAMILY_NAME_FIRST_USED = {'CHN', 'TWN', 'HKG', 'MAC', 'KOR', 'PRK'}
PARTICLE = re.compile(r"\b(bin|ibn|bint|al|Al|el|El|de|da|di|van|von|der|la|du|dos|das|Ould|"
                      r"ould|ag|Ag|Sheikh|Emir|King|Queen|Prince|Sultan|Jr\.|Sr\.|II|III|IV)\b")
DATE_RE = re.compile(r'^(\d{4}-\d\d-\d\d)T')


# "Abdullah II of Jordan", "Salman of Saudi Arabia", "Willem-Alexander of the Netherlands"
MONARCH = re.compile(r'^(\S+(?: \S+)??)(?: ([IVX]+))? of (?:the )?[A-Z]|^(\S+) ([IVX]+)$')


def d(s):
    m = DATE_RE.match(s or '')
    return m.group(1) if m else ''


def loose(s):
    return not s or s.endswith('-01-01')


def merge(rows, current):
    """rows: list of (start, end) of one (country, role, person); returns merged list."""
    rows = sorted(rows, key=lambda r: (r[0] or '0000', r[1] or '9999'))
    groups = []
    for s, e in rows:
        if groups:
            gs, ge = groups[-1][-1]
            last_end = max((x[1] or '9999') for x in groups[-1])
            if (s or '0000') <= last_end:
                groups[-1].append((s, e))
                continue
        groups.append([(s, e)])
    out = []
    for g in groups:
        starts = [s for s, _ in g if s]
        precise = [s for s in starts if not loose(s)]
        start = min(precise or starts) if starts else ''
        ends = [e for _, e in g if e]
        if current and any(not e for _, e in g):
            end = ''
        elif ends:
            pe = [e for e in ends if not loose(e)]
            end = max(pe or ends)
        else:
            end = ''
        out.append((start, end))
    return out


def main():
    cameo = {r['iso3']: r['cameo'] for r in read_tsv(os.path.join(DATA, 'countries.tsv'))}
    hist = list(csv.DictReader(open(shared('leaders', 'leaders_history.csv'), encoding='utf-8')))
    cur = list(csv.DictReader(open(shared('leaders', 'leaders_current.csv'), encoding='utf-8')))
    current = {(r['iso3'], r['role'], r['person_qid']) for r in cur}
    extra_roles = read_tsv(os.path.join(DATA, 'person-roles-extra.tsv'))
    curated_office = {(r['country'], r['role']) for r in extra_roles
                      if r['role'] in ('head_of_state', 'head_of_government')}
    pex = read_tsv(os.path.join(DATA, 'persons-extra.tsv'))
    rename = {r['qid']: r['name'] for r in pex if r['name']}
    home = {r['qid']: r['country'] for r in pex if r['country']}
    label = dict(rename)
    groups = {}
    for r in hist + cur:
        qid, name = r['person_qid'], clean(r['person'])
        if not qid or re.match(r'^Q\d+$', name) or r['iso3'] not in cameo:
            continue
        label.setdefault(qid, name)
        if (r['iso3'], r['role']) in curated_office:
            continue
        groups.setdefault((r['iso3'], r['role'], qid), []).append((d(r['start']), d(r['end'])))

    roles = []      # (qid, iso3, role, start, end, src)
    for key, rows in groups.items():
        iso3, role, qid = key
        for s, e in merge(rows, key in current):
            if s and e and e < s:
                continue
            roles.append([qid, iso3, role, s, e, 'wikidata'])
    # close stale open-ended rows at the next holder's start
    by_office = {}
    for r in roles:
        by_office.setdefault((r[1], r[2]), []).append(r)
    for office, rs in by_office.items():
        if office[0] in SHARED_OFFICE:
            continue
        for r in rs:
            if r[4] or (r[1], r[2], r[0]) in current or not r[3]:
                continue
            nxt = sorted(x[3] for x in rs if x[0] != r[0] and x[3] and x[3] > r[3])
            if nxt:
                r[4] = nxt[0]
                r[5] = 'wikidata-fixed'
    # an office held for more than 40 years without an end date is stale data
    roles = [r for r in roles if r[4] or not r[3] or r[3] >= '1985']
    roles = [r for r in roles if (not r[4] or r[4] >= SINCE) and
             (r[3] or (r[1], r[2], r[0]) in current)]

    # ids
    persons = {}    # id -> (name, qid, country)
    qid2id = {}
    slug2qid = {}
    for qid, name in label.items():
        slug2qid.setdefault(slug(name), set()).add(qid)
    out_roles = []
    for r in extra_roles:
        pid, name = r['entity'], r['name']
        qids = slug2qid.get(slug(name), set())
        qid = sorted(qids)[0] if len(qids) == 1 else ''
        if pid not in persons or (qid and not persons[pid][1]):
            persons[pid] = (name, qid, r['country'] if r['country'] else '')
        if qid:
            qid2id[qid] = pid
        out_roles.append((pid, r['country'], r['role'], r['cameo'], r['start'], r['end'],
                          r['org'], r['src'] or 'curated'))
    for r in sorted(roles, key=lambda r: (r[0], r[1], r[2], r[3])):
        qid = r[0]
        if qid not in qid2id:
            base = 'person:' + slug(label[qid])
            pid = base if base not in persons else base + '-' + qid.lower()
            qid2id[qid] = pid
            persons[pid] = (label[qid], qid, r[1])
        pid = qid2id[qid]
        out_roles.append((pid, r[1], r[2], cameo[r[1]] + 'GOV', r[3], r[4], '', r[5]))
    # a person's country: the one of their latest role
    latest = {}
    for r in out_roles:
        if r[1] and (r[0] not in latest or (r[4] or '') >= latest[r[0]][0]):
            latest[r[0]] = (r[4] or '', r[1])
    prow = [(pid, v[0], v[1], home.get(v[1]) or latest.get(pid, ('', v[2]))[1])
            for pid, v in persons.items()]

    # given names common in the West ("Carrie Lam", "Donald Tsang" are
    # written given name first), from data/firstnames.tsv
    western = {r['name'] for r in read_tsv(os.path.join(DATA, 'firstnames.tsv'), required=False)
               if set((r.get('countries') or '').split(',')) & {'US', 'GB', 'DE', 'FR', 'IT', 'ES'}}
    names = []
    for pid, name, qid, cc in prow:
        names.append((pid, 'en', name, 'name', 'wikidata' if qid else 'curated'))
        toks = name.split()
        # monarchs ("Abdullah II of Jordan", "Salman of Saudi Arabia"): news
        # writes "Abdullah II." / "König Salman"; the regnal name alone
        # needs a title or the full name before it, like a surname
        m = MONARCH.match(name)
        if m:
            regnal, numeral = m.group(1) or m.group(3), m.group(2) or m.group(4)
            if numeral:
                for form in (regnal + ' ' + numeral, regnal + ' ' + numeral + '.'):
                    names.append((pid, 'en', form, 'variant', 'rule'))
            names.append((pid, 'en', regnal, 'surname', 'rule'))
            continue
        if (len(toks) >= 2 and cc not in FAMILY_FIRST and not PARTICLE.search(name)
                and len(toks[-1]) >= 4 and toks[-1][0].isupper()):
            names.append((pid, 'en', toks[-1], 'surname', 'rule'))
        # Chinese and Korean names: the family name comes first and news
        # uses it alone after the full name ("Xi Jinping ... Xi")
        if (len(toks) >= 2 and cc in FAMILY_NAME_FIRST_USED and toks[0][0].isupper()
                and toks[0] not in western):
            names.append((pid, 'en', toks[0], 'surname', 'rule'))
    extra = [(r['entity'], r['lang'], r['form'], r['kind'], r['src'] or 'curated')
             for r in read_tsv(os.path.join(DATA, 'person-names-extra.tsv'), required=False)]
    for e in extra:
        if e[0] not in persons:
            print('kb: person-names-extra line: unknown person %s' % e[0], file=sys.stderr)
    names = apply_extra(names, [e for e in extra if e[0] in persons])
    best = {}
    for r in names:
        if r[:3] not in best or r[4] == 'curated':
            best[r[:3]] = r

    write_tsv(os.path.join(DATA, 'persons.tsv'), ('id', 'name', 'qid', 'country'), prow,
              'Persons (heads of state/government since 2000, foreign ministers, IGO heads).\n'
              'Generated by scripts/kb/gen_persons.py from Wikidata (CC0, via '
              'leaders_history.csv) and person-roles-extra.tsv; do not edit.\n'
              'name = English Wikipedia title (Wikidata English label for generated rows); '
              'country = country of the latest role.')
    write_tsv(os.path.join(DATA, 'person-roles.tsv'),
              ('entity', 'country', 'role', 'cameo', 'start', 'end', 'org', 'src'), out_roles,
              'Dated roles. cameo = actor code while the role lasts; start/end ISO dates '
              '(YYYY, YYYY-MM or YYYY-MM-DD), end empty = ongoing,\nstart empty = unknown. '
              'src wikidata = Wikidata (CC0), wikidata-fixed = end date inferred from the next '
              'holder, curated = checked by hand.\nGenerated by scripts/kb/gen_persons.py; '
              'corrections go to person-roles-extra.tsv.')
    write_tsv(os.path.join(DATA, 'person-names.tsv'), ('entity', 'lang', 'form', 'kind', 'src'),
              list(best.values()),
              'Person names: English label, surname rule (last word; not for family-name-first '
              'countries), curated German/English/Cyrillic forms\n(person-names-extra.tsv). '
              'Generated by scripts/kb/gen_persons.py.')


if __name__ == '__main__':
    main()
