/*
 * ner_mine.c - organisation names mined from unlabeled news for the NER
 * lexicon (ATT__LEX_CORP_ORG, ATT__LEX_CORP_ORG2).
 *
 * German news names organisations in a few fixed frames, which we count
 * over the tokenized corpus (ner_clusters.c):
 *   - after a head noun:  "der Autobauer Volkswagen", "die Partei Die Linke"
 *     (a capitalised word ending in konzern, hersteller, verein, partei,
 *     sender, zeitung, ...; then one to three name-like tokens);
 *   - before a legal form: "Siemens AG", "BioNTech SE", "Hertie GmbH";
 *   - as the first part of a hyphenated compound with a role or part noun:
 *     "VW-Chef", "SPD-Politiker", "Telekom-Aktie", "Bayern-Trainer".
 * A name-like token starts with an upper-case letter (or is an acronym),
 * is not the capitalised form of a lower-case word and is no head noun.
 * A token sequence becomes CORP_ORG when it was seen in a frame at least
 * twice and in at least 3 % of the occurrences of its first token, and
 * also CORP_ORG2 when at least 5 times and 15 %.  Only hashes reach the
 * model (att__nt_lex_add_form); counting is deterministic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_train.h"

/* Lower-case endings of head nouns that introduce an organisation's name. */
static const char *const heads[] = {
    "konzern",
    "hersteller",
    "unternehmen",
    "firma",
    "verein",
    "klub",
    "club",
    "partei",
    "sender",
    "zeitung",
    "zeitschrift",
    "magazin",
    "agentur",
    "versicherer",
    "händler",
    "discounter",
    "airline",
    "fluggesellschaft",
    "verband",
    "gewerkschaft",
    "organisation",
    "institut",
    "stiftung",
    "zulieferer",
    "anbieter",
    "betreiber",
    "plattform",
    "kette",
    "label",
    "netzwerk",
    "verlag",
    "autobauer",
    "flugzeugbauer",
    "maschinenbauer",
    "elektronikriese",
    "autoriese",
    "modehaus",
    "reederei",
    "brauerei",
    "sportartikelhersteller",
    "startup",
    "start-up",
    "fußballklub",
    "fußballverein",
    "bundesligist",
    "zweitligist",
    "erstligist",
    "drittligist",
    "rekordmeister",
    "nachrichtenagentur",
    "rundfunkanstalt",
    "ratingagentur",
    "kreditinstitut",
    "geldhaus",
    "finanzdienstleister",
    "investor",
    "finanzinvestor",
    "staatskonzern",
    "versandhändler",
    "onlinehändler",
    "supermarktkette",
    "bank",
    "gruppe",
    "band",
    "mannschaft",
    "team",
};

/* Second parts of hyphenated compounds whose first part names an
 * organisation ("VW-Chef"). */
static const char *const parts[] = {
    "Chef",
    "Chefin",
    "Chefs",
    "Sprecher",
    "Sprecherin",
    "Konzern",
    "Aktie",
    "Aktien",
    "Vorstand",
    "Vorstandschef",
    "Vorstandschefin",
    "Mitarbeiter",
    "Mitarbeiterin",
    "Werk",
    "Werke",
    "Tochter",
    "Manager",
    "Managerin",
    "Gründer",
    "Gründerin",
    "Boss",
    "Fraktion",
    "Fraktionschef",
    "Fraktionschefin",
    "Vorsitzende",
    "Vorsitzender",
    "Parteitag",
    "Generalsekretär",
    "Generalsekretärin",
    "Abgeordnete",
    "Abgeordneter",
    "Politiker",
    "Politikerin",
    "Mitglied",
    "Mitglieder",
    "Spitze",
    "Führung",
    "Zentrale",
    "Fans",
    "Trainer",
    "Profi",
    "Profis",
    "Spieler",
    "Stürmer",
    "Kandidat",
    "Kandidatin",
    "Landesverband",
    "Bundestagsfraktion",
    "Landeschef",
    "Landeschefin",
    "Parteichef",
    "Parteichefin",
    "Kunden",
    "Filiale",
    "Filialen",
    "Anteile",
    "Aufsichtsrat",
    "Betriebsrat",
    "Hauptversammlung",
    "Präsident",
    "Präsidentin",
    "Direktor",
    "Direktorin",
    "Experte",
    "Experten",
    "Forscher",
    "Forscherin",
    "Studie",
    "Umfrage",
    "Bericht",
    "Mannschaft",
    "Kapitän",
    "Keeper",
    "Torwart",
    "Verteidiger",
    "Mittelfeldspieler",
};

/* Legal forms and group words that follow a name ("Siemens AG"). */
static const char *const forms[] = {
    "GmbH", "AG",  "SE",    "KG",          "KGaA",   "OHG", "e.V.", "eG",      "Inc.",  "Inc",
    "Ltd.", "Ltd", "Corp.", "Corporation", "LLC",    "plc", "PLC",  "Holding", "Group", "Co.",
    "S.A.", "SA",  "N.V.",  "NV",          "S.p.A.", "AB",  "ASA",  "Ltda.",
};

static int in_list(const char *const *l, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(l[i], w) == 0)
            return 1;
    return 0;
}

/* Does capitalised word w end in (or equal) one of the head nouns? */
static int is_head(const char *w, size_t n)
{
    if (!att__nt_is_upper_start(w))
        return 0;
    for (size_t i = 0; i < ATT_ARRAY_LEN(heads); i++) {
        size_t k = strlen(heads[i]);
        if (n > k && memcmp(w + n - k, heads[i], k) == 0)
            return 1;
        if (n == k && memcmp(w + 1, heads[i] + 1, k - 1) == 0) /* the noun itself */
            return 1;
    }
    return 0;
}

typedef struct mine {
    const vocab *v;
    uint8_t *namey; /* per word id: may be part of a name */
    /* candidates: open addressing on the sequence key */
    uint64_t *keys;
    uint32_t *hits, *first; /* frame hits; word id of the first token */
    char **form;            /* tokens joined by spaces */
    size_t n, cap;
} mine;

static void cand_add(mine *m, const uint32_t *ids, size_t k)
{
    const char *toks[3];
    size_t lens[3], i;
    uint64_t key;
    for (size_t j = 0; j < k; j++) {
        toks[j] = m->v->word[ids[j]];
        lens[j] = m->v->len[ids[j]];
    }
    key = att__ner_lex_key(toks, lens, k);
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 1 << 14;
        mine big = *m;
        big.keys = att__nt_calloc(cap, sizeof(*big.keys));
        big.hits = att__nt_calloc(cap, sizeof(*big.hits));
        big.first = att__nt_calloc(cap, sizeof(*big.first));
        big.form = att__nt_calloc(cap, sizeof(*big.form));
        big.cap = cap;
        for (size_t s = 0; s < m->cap; s++)
            if (m->keys[s]) {
                size_t t = (size_t)m->keys[s] & (cap - 1);
                while (big.keys[t])
                    t = (t + 1) & (cap - 1);
                big.keys[t] = m->keys[s];
                big.hits[t] = m->hits[s];
                big.first[t] = m->first[s];
                big.form[t] = m->form[s];
            }
        free(m->keys);
        free(m->hits);
        free(m->first);
        free(m->form);
        *m = big;
    }
    i = (size_t)key & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) {
        size_t len = 0;
        char *f;
        for (size_t j = 0; j < k; j++)
            len += lens[j] + 1;
        f = att__nt_calloc(len, 1);
        len = 0;
        for (size_t j = 0; j < k; j++) {
            if (j)
                f[len++] = ' ';
            memcpy(f + len, toks[j], lens[j]);
            len += lens[j];
        }
        m->keys[i] = key;
        m->form[i] = f;
        m->first[i] = ids[0];
        m->n++;
    }
    m->hits[i]++;
}

/* Is word id the capitalised form of a word mostly written in lower case? */
static int capitalised_lower(vocab *v, uint32_t id)
{
    const char *w = v->word[id];
    size_t n = v->len[id];
    char low[256];
    int j;
    if (n == 0 || n >= sizeof low || w[0] < 'A' || w[0] > 'Z')
        return 0;
    memcpy(low, w, n);
    low[0] = (char)(w[0] - 'A' + 'a');
    j = att__nt_vocab_find(v, low, n);
    return j >= 0 && v->count[j] >= 3 && v->count[j] >= v->nonini[id];
}

void att__nt_mine_orgs(lexmap *lx, corpus *cp)
{
    vocab *v = &cp->v;
    const uint32_t *st = cp->st;
    mine m;
    size_t nst = cp->nst, nweak = 0, nstrong = 0;
    memset(&m, 0, sizeof m);
    m.v = v;
    m.namey = att__nt_calloc(v->n, 1);
    for (size_t i = 0; i < v->n; i++) {
        const char *w = v->word[i];
        size_t n = v->len[i];
        m.namey[i] = n >= 2 && att__nt_is_upper_start(w) && !capitalised_lower(v, (uint32_t)i) &&
                     !is_head(w, n) && !in_list(forms, ATT_ARRAY_LEN(forms), w) && !strchr(w, '-');
    }
    for (size_t i = 0; i + 1 < nst; i++) {
        uint32_t a = st[i];
        if (a == BOUNDARY)
            continue;
        /* head noun, then one to three name-like tokens */
        if (is_head(v->word[a], v->len[a])) {
            size_t k = 0;
            while (k < 4 && i + 1 + k < nst && st[i + 1 + k] != BOUNDARY && m.namey[st[i + 1 + k]])
                k++;
            if (k >= 1 && k <= 3)
                cand_add(&m, st + i + 1, k);
        }
        /* one to three name-like tokens, then a legal form */
        if (in_list(forms, ATT_ARRAY_LEN(forms), v->word[a]) && i > 0) {
            size_t k = 0;
            while (k < 4 && k < i && st[i - 1 - k] != BOUNDARY && m.namey[st[i - 1 - k]])
                k++;
            if (k >= 1 && k <= 3)
                cand_add(&m, st + i - k, k);
        }
        /* X-Chef: X alone counts */
        {
            const char *w = v->word[a], *h = strchr(w, '-');
            if (h && h > w && !strchr(h + 1, '-') && in_list(parts, ATT_ARRAY_LEN(parts), h + 1)) {
                int id = att__nt_vocab_find(v, w, (size_t)(h - w));
                if (id >= 0 && m.namey[id]) {
                    uint32_t u = (uint32_t)id;
                    cand_add(&m, &u, 1);
                }
            }
        }
    }
    for (size_t s = 0; s < m.cap; s++) {
        uint32_t hits, occ;
        if (!m.keys[s])
            continue;
        hits = m.hits[s];
        occ = (uint32_t)v->count[m.first[s]];
        if (hits >= 2 && 100 * (uint64_t)hits >= 3 * (uint64_t)occ) {
            uint32_t fl = ATT__LEX_CORP_ORG;
            if (hits >= 5 && 100 * (uint64_t)hits >= 15 * (uint64_t)occ) {
                fl |= ATT__LEX_CORP_ORG2;
                nstrong++;
            }
            att__nt_lex_add_form(lx, m.form[s], fl);
            nweak++;
        }
        free(m.form[s]);
    }
    fprintf(stderr, "ner_train: %zu organisation-like names mined (%zu strong) of %zu candidates\n",
            nweak, nstrong, m.n);
    free(m.keys);
    free(m.hits);
    free(m.first);
    free(m.form);
    free(m.namey);
}
