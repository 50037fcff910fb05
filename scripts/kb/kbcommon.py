"""Shared helpers for the knowledge-base generators (python3, standard library only).

Every generator reads public data from ../shared/data (relative to the repository root,
override with ATT_SHARED=/path/to/shared) plus the hand-curated files under data/, and
writes one or more TSV files under data/.  Output is deterministic: rows are sorted and
de-duplicated, so running a generator twice gives byte-identical files.

TSV conventions (see docs/kb-format.md): UTF-8, one header line, `#` comment lines,
tab-separated, no quoting, an empty field means "unknown / not applicable".
"""
import os
import re
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DATA = os.path.join(ROOT, 'data')
SHARED = os.environ.get('ATT_SHARED', os.path.join(ROOT, '..', 'shared'))
SHARED_DATA = os.path.join(SHARED, 'data')

# kinds an alias row may have (docs/kb-format.md explains each)
ALIAS_KINDS = {'name', 'variant', 'acronym', 'former', 'adjective', 'demonym', 'inflected',
               'surname', 'drop'}


def shared(*parts):
    """Path under ../shared/data, or exit with a clear message when it is absent."""
    p = os.path.join(SHARED_DATA, *parts)
    if not os.path.exists(p):
        sys.exit('kb: %s not found (set ATT_SHARED); keeping the committed TSVs' % p)
    return p


def nfc(s):
    return unicodedata.normalize('NFC', s)


def clean(s):
    """NFC, collapse white space, strip; tabs/newlines can never reach a field."""
    return re.sub(r'\s+', ' ', nfc(s or '')).strip()


_TRANSLIT = {'ß': 'ss', 'ə': 'e', 'Ə': 'e', 'ı': 'i', 'ł': 'l', 'Ł': 'l', 'ø': 'o', 'Ø': 'o',
             'đ': 'd', 'Đ': 'd', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'þ': 'th',
             'ð': 'd', 'ʻ': '', 'ʼ': '', '’': '', "'": ''}


def slug(s):
    """Lower-case ASCII slug: 'Kassym-Jomart Tokayev' -> 'kassym-jomart-tokayev',
    'Füzuli' -> 'fuzuli', 'Côte d'Ivoire' -> 'cote-divoire'."""
    s = ''.join(_TRANSLIT.get(ch, ch) for ch in nfc(s))
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(ch for ch in s if not unicodedata.combining(ch))
    s = s.lower()
    s = re.sub(r'[^a-z0-9]+', '-', s).strip('-')
    return s


def read_tsv(path, required=True):
    """Rows of a TSV file as dicts keyed by the header; skips blank and '#' lines."""
    if not os.path.exists(path):
        if required:
            sys.exit('kb: missing %s' % path)
        return []
    rows = []
    header = None
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            fields = line.split('\t')
            if header is None:
                header = fields
                continue
            if len(fields) > len(header):
                sys.exit('kb: %s:%d: %d fields, header has %d' %
                         (path, lineno, len(fields), len(header)))
            fields += [''] * (len(header) - len(fields))
            d = dict(zip(header, fields))
            d['_line'] = lineno
            rows.append(d)
    return rows


def write_tsv(path, header, rows, comment):
    """Write rows (tuples in header order) sorted and de-duplicated, with a comment block."""
    seen = set()
    out = []
    for r in rows:
        r = tuple('' if v is None else str(v) for v in r)
        assert len(r) == len(header), (path, r)
        for v in r:
            assert '\t' not in v and '\n' not in v, (path, r)
        if r not in seen:
            seen.add(r)
            out.append(r)
    out.sort()
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for c in comment.strip('\n').split('\n'):
            f.write(('# ' + c).rstrip() + '\n')
        f.write('\t'.join(header) + '\n')
        for r in out:
            f.write('\t'.join(r) + '\n')
    print('kb: wrote %s (%d rows)' % (os.path.relpath(path, ROOT), len(out)))
    return out


def script_of(s):
    """'Latn', 'Cyrl', 'mixed' or 'other' for the letters of s."""
    lat = cyr = oth = 0
    for ch in s:
        if ch.isalpha():
            n = unicodedata.name(ch, '')
            if n.startswith('LATIN'):
                lat += 1
            elif n.startswith('CYRILLIC'):
                cyr += 1
            else:
                oth += 1
    if oth or (lat and cyr):
        return 'mixed' if (lat or cyr) else 'other'
    if lat:
        return 'Latn'
    if cyr:
        return 'Cyrl'
    return 'other'


def apply_extra(rows, extra, key=lambda r: r[:3]):
    """Merge curated alias rows into generated ones.  Extra rows whose kind is 'drop'
    delete every generated row with the same (entity, lang, form); lang '*' drops the form in
    every language.  Returns the merged rows without drop rows."""
    drops = {(e[0], e[1], e[2]) for e in extra if e[3] == 'drop'}
    dropany = {(e[0], e[2]) for e in extra if e[3] == 'drop' and e[1] == '*'}
    keep = [r for r in rows if (r[0], r[1], r[2]) not in drops and (r[0], r[2]) not in dropany]
    keep += [e for e in extra if e[3] != 'drop']
    return keep
