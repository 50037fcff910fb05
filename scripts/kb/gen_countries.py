#!/usr/bin/env python3
"""Generate data/countries.tsv and data/country-names.tsv.

Sources (facts only; see data/README.md for licences):
  * Debian iso-codes (/usr/share/iso-codes/json/iso_3166-1.json and the iso_3166-1 .mo
    catalogues for German and Russian names), LGPL-2.1+ package; the codes and names are facts.
  * ../shared/data/geonames/countryInfo.tsv and country_translations.json (GeoNames, CC BY 4.0):
    Kosovo, capitals, geonameids, extra German/Russian names.
  * ../shared/data/demonyms/i18n-nationality_{de,en}.json (MIT, (c) 2016 widdix GmbH):
    German adjective stems and English adjectives.
  * ../shared/data/cameo/Phoenix.Countries.actors.txt (MIT, Open Event Data Alliance): the
    CAMEO country codes that differ from ISO alpha-3 (CAMEO_EXCEPTIONS below).
  * data/country-names-extra.tsv (hand-curated): variants, inflected forms, demonyms; merged
    last, and its `drop` rows remove generated rows.

Run: python3 scripts/kb/gen_countries.py   (from anywhere; writes into data/)
"""
import gettext
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from kbcommon import DATA, clean, read_tsv, script_of, shared, write_tsv, apply_extra  # noqa

ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json'
LOCALEDIR = '/usr/share/locale'

# English Wikipedia article titles where they differ from the iso-codes short name
# (a disambiguating parenthetical such as "Georgia (country)" is dropped).
WIKI_TITLE = {
    'ALA': 'Åland', 'ATF': 'French Southern and Antarctic Lands', 'BES': 'Caribbean Netherlands',
    'BHS': 'The Bahamas', 'BRN': 'Brunei', 'CCK': 'Cocos (Keeling) Islands',
    'COD': 'Democratic Republic of the Congo', 'COG': 'Republic of the Congo',
    'CIV': 'Ivory Coast', 'CPV': 'Cape Verde', 'CZE': 'Czech Republic',
    'FLK': 'Falkland Islands', 'FSM': 'Federated States of Micronesia', 'GMB': 'The Gambia',
    'IRL': 'Republic of Ireland', 'MAC': 'Macau', 'MAF': 'Collectivity of Saint Martin',
    'PCN': 'Pitcairn Islands', 'PSE': 'State of Palestine', 'RUS': 'Russia',
    'STP': 'São Tomé and Príncipe', 'SXM': 'Sint Maarten', 'TLS': 'East Timor', 'TUR': 'Turkey',
    'VAT': 'Vatican City', 'VGB': 'British Virgin Islands', 'VIR': 'United States Virgin Islands',
    'XKX': 'Kosovo',
}

# CAMEO country codes that are not the ISO alpha-3 code (Phoenix.Countries.actors.txt:
# "KOSOVO [KSV] # using World Bank code-No ISO"; TIMOR_LESTE_ [TMP >990830]).
CAMEO_EXCEPTIONS = {'XKX': 'KSV', 'TLS': 'TMP'}

# iso-codes German/Russian names written "X, Y" are turned into "Y X" ("Korea, Republik" ->
# "Republik Korea"); the part before the comma is kept only where it names one country.
# 'head': keep only the part before the comma; 'asis': the comma is part of the name.
NO_UNINVERT = {'TWN': 'head', 'SHN': 'asis', 'BES': 'asis'}

# German names that take an article and therefore have no bare "-s" genitive
# (die Türkei, die Schweiz, die USA ...).  Masculine ones (der Iran, der Irak, der Libanon,
# der Jemen, der Sudan, der Tschad, der Kongo, der Kosovo, der Niger, der Vatikan, der Oman)
# do take -s and are listed in country-names-extra.tsv where it matters.
DE_NO_S = re.compile(r'(s|ß|x|z|sch|ei|e|[Ii]nsel|[Ii]nseln|Republik|Staaten|Emirate|Union|'
                     r'Föderation|Staat|inseln|Gebiete|Territorium|Territorien|Salomonen|'
                     r'Komoren|Malediven|Seychellen|Philippinen|Bahamas|Niederlande|Antillen)$')
DE_ARTICLE = {'TUR', 'CHE', 'UKR', 'USA', 'NLD', 'MNG', 'SVK', 'LBN', 'YEM', 'SDN', 'SSD', 'TCD',
              'COG', 'COD', 'XKX', 'NER', 'VAT', 'OMN', 'IRN', 'IRQ', 'PHL', 'MDV', 'SYC',
              'COM', 'ARE', 'CAF', 'DOM', 'CZE', 'BHS', 'SLB', 'MHL', 'CIV', 'GMB', 'FSM'}


def load_countryinfo():
    rows = {}
    with open(shared('geonames', 'countryInfo.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            c = line.rstrip('\n').split('\t')
            if len(c) < 17:
                continue
            rows[c[1]] = {'iso2': c[0], 'iso3': c[1], 'num': c[2], 'name': c[4],
                          'capital': c[5], 'continent': c[8], 'geonameid': c[16]}
    return rows


def uninvert(s, iso3=''):
    how = NO_UNINVERT.get(iso3)
    if how == 'asis':
        return s, None
    if how == 'head':
        return s.split(',')[0], None
    if ', ' in s:
        a, b = s.split(', ', 1)
        return b + ' ' + a, a
    return s, None


def main():
    ci = load_countryinfo()
    iso = json.load(open(ISO_JSON, encoding='utf-8'))['3166-1']
    cats = {lang: gettext.translation('iso_3166-1', LOCALEDIR, languages=[lang])
            for lang in ('de', 'ru')}
    trans = json.load(open(shared('geonames', 'country_translations.json'), encoding='utf-8'))
    nat = {lang: json.load(open(shared('demonyms', 'i18n-nationality_%s.json' % lang),
                                encoding='utf-8'))['nationalities'] for lang in ('de', 'en')}

    entries = []      # (iso3, iso2, num, en_name, official_en)
    for x in iso:
        entries.append((x['alpha_3'], x['alpha_2'], x['numeric'], x.get('common_name', x['name']),
                        x['name'], x.get('official_name', '')))
    if 'XKX' in ci:
        entries.append(('XKX', 'XK', '', 'Kosovo', 'Kosovo', 'Republic of Kosovo'))

    countries = []
    names = []
    de_main = {}

    def add(iso3, lang, form, kind, src):
        form = clean(form)
        if lang == 'ru':
            form = form.replace('\u0301', '')      # stress marks (Респу́блика)
        if '(' in form or ')' in form or ' - ' in form:
            return
        if form.startswith('the '):
            form = form[4:]
        if form and script_of(form) in ('Latn', 'Cyrl'):
            names.append(('country:' + iso3, lang, form, kind, src))

    for iso3, iso2, num, common, isoname, official in entries:
        title = WIKI_TITLE.get(iso3, common)
        g = ci.get(iso3, {})
        de = cats['de'].gettext(isoname) if isoname else ''
        countries.append(('country:' + iso3, iso2, iso3, num, CAMEO_EXCEPTIONS.get(iso3, iso3),
                          title, '', g.get('continent', ''), g.get('geonameid', '')))
        # English
        add(iso3, 'en', title, 'name', 'wikipedia-title')
        for n in (common, isoname):
            n, head = uninvert(n, iso3)
            add(iso3, 'en', n, 'variant' if n != title else 'name', 'iso-codes')
            if head:
                add(iso3, 'en', head, 'variant', 'iso-codes')
        if official:
            add(iso3, 'en', official, 'variant', 'iso-codes')
        # German and Russian from the iso-codes catalogues
        for lang in ('de', 'ru'):
            for msgid, kind in ((isoname, 'name'), (official, 'variant')):
                if not msgid:
                    continue
                t = cats[lang].gettext(msgid)
                if t == msgid and (lang == 'ru' or kind == 'variant'):
                    continue            # untranslated: English text, not a Russian name
                full, head = uninvert(t, iso3)
                add(iso3, lang, full, kind if not head else 'variant', 'iso-codes')
                if head:
                    add(iso3, lang, head, 'name', 'iso-codes')
                    full = head
                if lang == 'de' and kind == 'name':
                    de_main[iso3] = full
        # GeoNames translations: German and Russian only (the English ones are noisy:
        # "West Germany" for DEU, "Bohemia" for CZE), no parentheses, right script.
        tr = trans.get(g.get('geonameid', ''), {})
        for lang, scr in (('de', 'Latn'), ('ru', 'Cyrl')):
            t = clean(tr.get(lang, ''))
            if t and '(' not in t and script_of(t) == scr and '  ' not in t:
                add(iso3, lang, t, 'variant', 'geonames')
        # adjectives
        a = clean(nat['de'].get(iso2, ''))
        if a.lower().endswith('sch') and ' ' not in a:
            add(iso3, 'de', a.lower(), 'adjective', 'i18n-nationality')
        a = clean(nat['en'].get(iso2, ''))
        if a and a not in (common, isoname, title) and ',' not in a and '(' not in a:
            add(iso3, 'en', a, 'adjective', 'i18n-nationality')

    # German genitive "-s" of article-less names (Kasachstans, Russlands, Armeniens)
    for iso3, n in de_main.items():
        if iso3 in DE_ARTICLE or DE_NO_S.search(n) or ' ' in n:
            continue
        add(iso3, 'de', n + 's', 'inflected', 'rule-de-genitive')

    extra = [(r['entity'], r['lang'], r['form'], r['kind'], r['src'] or 'curated')
             for r in read_tsv(os.path.join(DATA, 'country-names-extra.tsv'))]
    # a curated row wins over a generated row with the same entity, lang and form
    curated_keys = {e[:3] for e in extra}
    names = [r for r in names if r[:3] not in curated_keys]
    names = apply_extra(names, extra)

    # one row per (entity, lang, form): keep the strongest kind
    rank = {'name': 0, 'acronym': 1, 'variant': 2, 'former': 3, 'inflected': 4,
            'adjective': 5, 'demonym': 6}
    best = {}
    for r in names:
        k = r[:3]
        if k not in best or rank[r[3]] < rank[best[k][3]]:
            best[k] = r
    names = list(best.values())

    # a form that names two countries in one language is ambiguous ("Kongo", "Korea"):
    # drop it unless a curated row asserts it
    owners = {}
    for r in names:
        owners.setdefault((r[1], r[2]), set()).add(r[0])
    amb = {k for k, v in owners.items() if len(v) > 1}
    for k in sorted(amb):
        print('kb: ambiguous country form dropped: %s %s -> %s' % (k[0], k[1],
              ' '.join(sorted(owners[k]))), file=sys.stderr)
    names = [r for r in names if (r[1], r[2]) not in amb or r[:3] in curated_keys]

    # capital: filled in by gen_places.py's id rule; here only the GeoNames capital name
    hdr = ('id', 'iso2', 'iso3', 'isonum', 'cameo', 'name', 'capital', 'continent', 'geonameid')
    cap = {}
    places = os.path.join(DATA, 'places.tsv')
    for r in read_tsv(places, required=False):
        if r.get('kind') == 'capital':
            cap[r['country']] = r['id']
    countries = [c[:6] + (cap.get(c[2], ''),) + c[7:] for c in countries]
    write_tsv(os.path.join(DATA, 'countries.tsv'), hdr, countries,
              'Countries: ISO 3166-1 (iso-codes) + Kosovo (GeoNames). Generated by '
              'scripts/kb/gen_countries.py - do not edit;\nchange the script tables or '
              'country-names-extra.tsv. name = English Wikipedia title; cameo = CAMEO actor code.\n'
              'capital = place id from places.tsv (run gen_places.py first). '
              'GeoNames data CC BY 4.0 (geonames.org).')
    write_tsv(os.path.join(DATA, 'country-names.tsv'), ('entity', 'lang', 'form', 'kind', 'src'),
              names,
              'Country names, adjectives, demonyms, inflected forms. Generated by '
              'scripts/kb/gen_countries.py - do not edit;\nadd or drop rows in '
              'country-names-extra.tsv. German adjective rows are stems (kasachisch): '
              'the matcher adds -e/-en/-er/-es/-em.\nSources: iso-codes, GeoNames (CC BY 4.0, '
              'geonames.org), i18n-nationality (MIT), curated.')


if __name__ == '__main__':
    main()
