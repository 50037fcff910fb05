#!/usr/bin/env python3
"""Generate data/places.tsv and data/place-names.tsv from GeoNames cities15000.

Source: ../shared/data/geonames/cities15000.txt and regionInfo.tsv (GeoNames, CC BY 4.0:
"Data from GeoNames (geonames.org), licensed under CC BY 4.0").  Curated input:
data/places-extra.tsv (name corrections, additions), data/place-names-extra.tsv (German,
English, Russian forms news use; `drop` rows), data/regions.tsv (ids reserved for regions).

Rules (docs/kb-format.md):
  * sections of cities, historical, abandoned and destroyed places (PPLX/PPLH/PPLQ/PPLW) are
    left out; kind = capital (PPLC) | admin (seat of an admin division, PPLA..) | city.
  * id = place:<slug of the English name>; when several places share a slug the capital, then
    the most populous, keeps the bare slug; the others get -<iso3>, then -<iso3>-<admin1>, then
    -<geonameid>.  Ids already used in regions.tsv are never given to a city.
  * aliases: name and asciiname of every place; for capitals, admin seats and places of
    >= 100,000 inhabitants also the GeoNames alternate names written in Latin or Cyrillic script
    that look like names (capitalised, no digits, no 2-4 letter all-caps codes, no URLs).
    GeoNames alternate names carry no language in this file: they get lang `und`.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from kbcommon import DATA, apply_extra, clean, read_tsv, script_of, shared, slug, write_tsv  # noqa

SKIP_FCODES = {'PPLX', 'PPLH', 'PPLQ', 'PPLW'}
BIG = 100000
CODE_RE = re.compile(r'^[A-Z0-9]{2,4}$')
BAD_RE = re.compile(r'[0-9/@:;_=<>\[\]{}|\\]|https?|www\.')


def good_alt(a):
    a = clean(a)
    if len(a) < 3 or len(a) > 60 or not a[0].isupper():
        return False
    if CODE_RE.match(a) or BAD_RE.search(a) or ' - ' in a:
        return False
    return script_of(a) in ('Latn', 'Cyrl')


def main():
    iso2to3 = {}
    for r in read_tsv(os.path.join(DATA, 'countries.tsv')):
        iso2to3[r['iso2']] = (r['iso3'], r['cameo'])
    admin1 = {}
    with open(shared('geonames', 'regionInfo.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            c = line.rstrip('\n').split('\t')
            if len(c) >= 3:
                admin1[c[0]] = c[2]
    reserved = {r['id'] for r in read_tsv(os.path.join(DATA, 'regions.tsv'), required=False)}
    extra = read_tsv(os.path.join(DATA, 'places-extra.tsv'), required=False)
    over = {r['geonameid']: r for r in extra if r['geonameid']}

    places = []     # dicts
    alias = []      # (gid, lang, form, kind, src)
    with open(shared('geonames', 'cities15000.txt'), encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            gid, name, ascii_, alts = c[0], clean(c[1]), clean(c[2]), c[3]
            fcode, cc, pop = c[7], c[8], int(c[14] or 0)
            if fcode in SKIP_FCODES or cc not in iso2to3:
                continue
            iso3, cameo = iso2to3[cc]
            kind = 'capital' if fcode == 'PPLC' else ('admin' if fcode.startswith('PPLA')
                                                      else 'city')
            p = {'id': '', 'name': name, 'country': iso3, 'cameo': cameo, 'kind': kind,
                 'lat': '%.5f' % float(c[4]), 'lon': '%.5f' % float(c[5]),
                 'population': str(pop), 'geonameid': gid, 'fcode': fcode,
                 'admin1': admin1.get(cc + '.' + c[10], '')}
            o = over.get(gid)
            if o:
                for k in ('id', 'name', 'country', 'kind', 'lat', 'lon', 'population', 'fcode'):
                    if o.get(k):
                        p[k] = o[k]
                if o.get('country'):
                    p['cameo'] = dict(iso2to3.values()).get(o['country'], o['country'])
            places.append(p)
            alias.append((gid, 'und', p['name'], 'name', 'geonames'))
            if name != p['name']:
                alias.append((gid, 'und', name, 'variant', 'geonames'))
            if ascii_ and ascii_ != name:
                alias.append((gid, 'und', ascii_, 'variant', 'geonames'))
            if kind != 'city' or pop >= BIG:
                for a in alts.split(','):
                    if good_alt(a):
                        alias.append((gid, 'und', clean(a), 'variant', 'geonames'))
            else:
                for a in alts.split(','):       # small places: Cyrillic names only
                    if good_alt(a) and script_of(a) == 'Cyrl':
                        alias.append((gid, 'und', clean(a), 'variant', 'geonames'))
    known = {p['geonameid'] for p in places}
    for r in extra:
        if r['geonameid'] and r['geonameid'] in known:
            continue
        if r['geonameid'] in over and not r['country']:
            print('kb: places-extra line %d: geonameid %s not in cities15000 and no fields'
                  % (r['_line'], r['geonameid']), file=sys.stderr)
            continue
        iso3 = r['country']
        p = dict(r)
        p['cameo'] = dict(iso2to3.values()).get(iso3, iso3)
        p['admin1'] = ''
        p['geonameid'] = r['geonameid'] or ('x' + slug(r['name']))
        places.append(p)
        alias.append((p['geonameid'], 'und', r['name'], 'name', 'curated'))

    # ids
    rank = {'capital': 0, 'admin': 1, 'city': 2}
    by_slug = {}
    for p in places:
        if p['id']:
            continue
        by_slug.setdefault(slug(p['name']), []).append(p)
    taken = set(reserved) | {p['id'] for p in places if p['id']}
    for s in sorted(by_slug):
        group = sorted(by_slug[s], key=lambda p: (rank[p['kind']] if p['kind'] != 'admin' else 1,
                                                  -int(p['population'] or 0),
                                                  int(re.sub(r'\D', '', p['geonameid']) or 0)))
        for i, p in enumerate(group):
            cands = ['place:' + s] if i == 0 else []
            cands += ['place:%s-%s' % (s, p['country'].lower()),
                      'place:%s-%s-%s' % (s, p['country'].lower(), slug(p['admin1'])),
                      'place:%s-%s' % (s, p['geonameid'])]
            for cnd in cands:
                if cnd not in taken and not cnd.endswith('-'):
                    p['id'] = cnd
                    taken.add(cnd)
                    break
    gid2id = {p['geonameid']: p['id'] for p in places}

    rows = [(p['id'], p['name'], p['country'], p['cameo'], p['kind'], p['lat'], p['lon'],
             p['population'], p['geonameid'], p['fcode']) for p in places]
    names = [(gid2id[g], l, f, k, s) for g, l, f, k, s in alias]
    ex = [(r['entity'], r['lang'], r['form'], r['kind'], r['src'] or 'curated')
          for r in read_tsv(os.path.join(DATA, 'place-names-extra.tsv'), required=False)
          if not r['entity'].startswith('place:') or True]
    ids = set(gid2id.values())
    for e in ex:
        if e[0] not in ids and e[0] not in reserved:
            print('kb: place-names-extra: unknown entity %s' % e[0], file=sys.stderr)
    ex = [e for e in ex if e[0] in ids]
    names = apply_extra(names, ex)
    # one row per (entity, lang, form), strongest kind
    order = {'name': 0, 'variant': 1, 'former': 2, 'inflected': 3, 'adjective': 4,
             'demonym': 5, 'acronym': 1}
    best = {}
    for r in names:
        k = r[:3]
        if k not in best or order[r[3]] < order[best[k][3]]:
            best[k] = r
    # an `und` row that repeats a row with a real language adds nothing
    langed = {(r[0], r[2]) for r in best.values() if r[1] != 'und'}
    names = [r for r in best.values() if not (r[1] == 'und' and (r[0], r[2]) in langed)]

    write_tsv(os.path.join(DATA, 'places.tsv'),
              ('id', 'name', 'country', 'cameo', 'kind', 'lat', 'lon', 'population',
               'geonameid', 'fcode'), rows,
              'Places: GeoNames cities15000 (pop >= 15,000), data from GeoNames (geonames.org), '
              'licensed under CC BY 4.0.\nGenerated by scripts/kb/gen_places.py - do not edit; '
              'corrections go to places-extra.tsv.\nname = English name (Wikipedia title where '
              'corrected); cameo = CAMEO code of the country; kind = capital|admin|city.')
    write_tsv(os.path.join(DATA, 'place-names.tsv'), ('entity', 'lang', 'form', 'kind', 'src'),
              names,
              'Place names: GeoNames names and alternate names (CC BY 4.0, geonames.org) + curated '
              'German/English/Russian forms\n(place-names-extra.tsv). lang und = language not '
              'known (GeoNames alternate name). Generated by scripts/kb/gen_places.py.')


if __name__ == '__main__':
    main()
