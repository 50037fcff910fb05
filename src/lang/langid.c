/*
 * langid.c - language identification: German, English or undetermined.
 *
 * The method is small on purpose and needs no model file:
 *   1. script: letters outside the Latin blocks (Cyrillic, Greek, Arabic,
 *      CJK ...) counted against Latin ones; mostly non-Latin text is "und";
 *   2. function words: each word (case-folded) is looked up in short lists
 *      of the most frequent function words of German, English and eight
 *      competing Latin-script languages (French, Spanish, Italian, Dutch,
 *      Portuguese, Scandinavian, Polish, Turkish); the share of words a
 *      language's list covers is its score.  Competitors exist so that
 *      French is not called English just because it is not German;
 *   3. characters: umlauts and ß raise German, "th" and "wh" raise English
 *      (rates measured on the seed articles and English news; small bonus);
 *   4. the best language must be German or English, cover at least 12% of
 *      the words and lead the runner-up clearly; otherwise "und".
 * Only the first 64 KiB, and in them the first 200 words, are read: more
 * text does not change a decision between these languages.  Confidence grows with the margin and the
 * number of words (full at 40 words).
 */
#include <string.h>
#include <utf8proc.h>

#include "lang.h"

enum { L_DE, L_EN, L_FR, L_ES, L_IT, L_NL, L_PT, L_NORD, L_PL, L_TR, L_COUNT };

typedef struct fword {
    const char *w;
    int lang;
} fword;

/* The most frequent function words per language (hand-picked from common
 * knowledge of each language; no corpus was copied). */
static const fword FWORDS[] = {
    {"der", L_DE}, {"die", L_DE}, {"das", L_DE}, {"und", L_DE}, {"ist", L_DE}, {"nicht", L_DE},
    {"ein", L_DE}, {"eine", L_DE}, {"einen", L_DE}, {"einem", L_DE}, {"einer", L_DE},
    {"zu", L_DE}, {"den", L_DE}, {"dem", L_DE}, {"des", L_DE}, {"von", L_DE}, {"mit", L_DE},
    {"sich", L_DE}, {"auf", L_DE}, {"für", L_DE}, {"im", L_DE}, {"auch", L_DE}, {"es", L_DE},
    {"dass", L_DE}, {"daß", L_DE}, {"wird", L_DE}, {"werden", L_DE}, {"wurde", L_DE},
    {"sind", L_DE}, {"hat", L_DE}, {"haben", L_DE}, {"bei", L_DE}, {"nach", L_DE},
    {"aus", L_DE}, {"noch", L_DE}, {"wie", L_DE}, {"über", L_DE}, {"sie", L_DE}, {"er", L_DE},
    {"wir", L_DE}, {"ich", L_DE}, {"aber", L_DE}, {"oder", L_DE}, {"nur", L_DE}, {"vor", L_DE},
    {"zum", L_DE}, {"zur", L_DE}, {"am", L_DE}, {"um", L_DE}, {"durch", L_DE}, {"wenn", L_DE},
    {"kann", L_DE}, {"als", L_DE}, {"in", L_DE}, {"war", L_DE}, {"sehr", L_DE},

    {"the", L_EN}, {"and", L_EN}, {"of", L_EN}, {"to", L_EN}, {"is", L_EN}, {"in", L_EN},
    {"that", L_EN}, {"it", L_EN}, {"was", L_EN}, {"for", L_EN}, {"on", L_EN}, {"are", L_EN},
    {"with", L_EN}, {"as", L_EN}, {"be", L_EN}, {"this", L_EN}, {"by", L_EN}, {"at", L_EN},
    {"from", L_EN}, {"have", L_EN}, {"has", L_EN}, {"not", L_EN}, {"but", L_EN}, {"or", L_EN},
    {"an", L_EN}, {"they", L_EN}, {"which", L_EN}, {"were", L_EN}, {"will", L_EN},
    {"been", L_EN}, {"their", L_EN}, {"would", L_EN}, {"he", L_EN}, {"she", L_EN},
    {"there", L_EN}, {"what", L_EN}, {"about", L_EN}, {"who", L_EN}, {"more", L_EN},
    {"can", L_EN}, {"also", L_EN}, {"its", L_EN}, {"into", L_EN}, {"than", L_EN}, {"a", L_EN},
    {"his", L_EN}, {"her", L_EN}, {"we", L_EN}, {"i", L_EN}, {"said", L_EN},

    {"le", L_FR}, {"la", L_FR}, {"les", L_FR}, {"des", L_FR}, {"et", L_FR}, {"est", L_FR},
    {"un", L_FR}, {"une", L_FR}, {"du", L_FR}, {"que", L_FR}, {"qui", L_FR}, {"pas", L_FR},
    {"pour", L_FR}, {"dans", L_FR}, {"sur", L_FR}, {"avec", L_FR}, {"ce", L_FR}, {"il", L_FR},
    {"elle", L_FR}, {"au", L_FR}, {"aux", L_FR}, {"sont", L_FR}, {"ont", L_FR}, {"mais", L_FR},
    {"ou", L_FR}, {"par", L_FR}, {"plus", L_FR}, {"été", L_FR}, {"cette", L_FR}, {"nous", L_FR},
    {"vous", L_FR}, {"de", L_FR}, {"en", L_FR}, {"à", L_FR},

    {"el", L_ES}, {"la", L_ES}, {"los", L_ES}, {"las", L_ES}, {"de", L_ES}, {"y", L_ES},
    {"en", L_ES}, {"que", L_ES}, {"es", L_ES}, {"por", L_ES}, {"para", L_ES}, {"con", L_ES},
    {"una", L_ES}, {"un", L_ES}, {"del", L_ES}, {"se", L_ES}, {"no", L_ES}, {"su", L_ES},
    {"al", L_ES}, {"lo", L_ES}, {"como", L_ES}, {"más", L_ES}, {"pero", L_ES}, {"sus", L_ES},
    {"fue", L_ES}, {"este", L_ES}, {"esta", L_ES}, {"ha", L_ES},

    {"il", L_IT}, {"di", L_IT}, {"che", L_IT}, {"la", L_IT}, {"per", L_IT}, {"un", L_IT},
    {"una", L_IT}, {"non", L_IT}, {"sono", L_IT}, {"del", L_IT}, {"della", L_IT}, {"gli", L_IT},
    {"le", L_IT}, {"è", L_IT}, {"con", L_IT}, {"da", L_IT}, {"si", L_IT}, {"nel", L_IT},
    {"alla", L_IT}, {"anche", L_IT}, {"come", L_IT}, {"ma", L_IT}, {"ha", L_IT}, {"dei", L_IT},
    {"delle", L_IT}, {"questo", L_IT}, {"e", L_IT},

    {"de", L_NL}, {"het", L_NL}, {"een", L_NL}, {"en", L_NL}, {"van", L_NL}, {"is", L_NL},
    {"dat", L_NL}, {"op", L_NL}, {"te", L_NL}, {"zijn", L_NL}, {"niet", L_NL}, {"met", L_NL},
    {"voor", L_NL}, {"die", L_NL}, {"in", L_NL}, {"ook", L_NL}, {"als", L_NL}, {"maar", L_NL},
    {"bij", L_NL}, {"er", L_NL}, {"wordt", L_NL}, {"aan", L_NL}, {"dit", L_NL}, {"om", L_NL},
    {"naar", L_NL}, {"hij", L_NL}, {"ze", L_NL}, {"werd", L_NL},

    {"o", L_PT}, {"a", L_PT}, {"os", L_PT}, {"as", L_PT}, {"de", L_PT}, {"e", L_PT},
    {"em", L_PT}, {"que", L_PT}, {"do", L_PT}, {"da", L_PT}, {"dos", L_PT}, {"das", L_PT},
    {"um", L_PT}, {"uma", L_PT}, {"para", L_PT}, {"com", L_PT}, {"não", L_PT}, {"se", L_PT},
    {"por", L_PT}, {"mais", L_PT}, {"como", L_PT}, {"mas", L_PT}, {"foi", L_PT}, {"ao", L_PT},
    {"ele", L_PT}, {"ela", L_PT}, {"são", L_PT}, {"no", L_PT}, {"na", L_PT},

    {"och", L_NORD}, {"att", L_NORD}, {"det", L_NORD}, {"som", L_NORD}, {"en", L_NORD},
    {"är", L_NORD}, {"på", L_NORD}, {"för", L_NORD}, {"med", L_NORD}, {"har", L_NORD},
    {"av", L_NORD}, {"till", L_NORD}, {"den", L_NORD}, {"inte", L_NORD}, {"om", L_NORD},
    {"ett", L_NORD}, {"var", L_NORD}, {"jag", L_NORD}, {"og", L_NORD}, {"er", L_NORD},
    {"til", L_NORD}, {"ikke", L_NORD}, {"af", L_NORD}, {"for", L_NORD}, {"jeg", L_NORD},
    {"i", L_NORD},

    {"i", L_PL}, {"w", L_PL}, {"z", L_PL}, {"na", L_PL}, {"nie", L_PL}, {"się", L_PL},
    {"że", L_PL}, {"to", L_PL}, {"jest", L_PL}, {"do", L_PL}, {"jak", L_PL}, {"ale", L_PL},
    {"po", L_PL}, {"co", L_PL}, {"od", L_PL}, {"tak", L_PL}, {"przez", L_PL}, {"dla", L_PL},
    {"już", L_PL}, {"są", L_PL}, {"jego", L_PL}, {"oraz", L_PL},

    {"ve", L_TR}, {"bir", L_TR}, {"bu", L_TR}, {"da", L_TR}, {"de", L_TR}, {"için", L_TR},
    {"ile", L_TR}, {"olan", L_TR}, {"olarak", L_TR}, {"daha", L_TR}, {"çok", L_TR},
    {"gibi", L_TR}, {"ne", L_TR}, {"ama", L_TR}, {"kadar", L_TR}, {"sonra", L_TR},
};

#define LANGID_MAX_BYTES ((size_t)64 * 1024)
#define LANGID_MAX_WORDS 200

#define NFWORDS ATT_ARRAY_LEN(FWORDS)

/* The function words grouped by first byte: first[b] .. first[b+1] index
 * into order[], built once per call (a few hundred steps), so a word is
 * compared only with the words that start like it. */
typedef struct fword_index {
    unsigned short first[257];
    unsigned short order[NFWORDS];
} fword_index;

static void index_fwords(fword_index *x)
{
    unsigned short count[256] = {0};
    size_t pos = 0;
    for (size_t i = 0; i < NFWORDS; i++)
        count[(unsigned char)FWORDS[i].w[0]]++;
    for (int b = 0; b < 256; b++) {
        x->first[b] = (unsigned short)pos;
        pos += count[b];
    }
    x->first[256] = (unsigned short)pos;
    memset(count, 0, sizeof(count));
    for (size_t i = 0; i < NFWORDS; i++) {
        unsigned char b = (unsigned char)FWORDS[i].w[0];
        x->order[x->first[b] + count[b]++] = (unsigned short)i;
    }
}

/* Scores one case-folded word. */
static void score_word(const fword_index *x, const char *w, size_t n, unsigned *hits)
{
    unsigned char b = (unsigned char)w[0];
    for (size_t k = x->first[b]; k < x->first[b + 1]; k++) {
        const fword *f = &FWORDS[x->order[k]];
        if (strlen(f->w) == n && memcmp(f->w, w, n) == 0)
            hits[f->lang]++;
    }
}

static int is_latin(int32_t c)
{
    return c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF);
}

/* What the first words of text say: function-word hits per language and
 * letter counts. */
typedef struct counts {
    unsigned hits[L_COUNT];
    size_t latin, other, umlaut, th, words;
} counts;

static void count_text(const char *text, size_t len, counts *k)
{
    char w[32];
    size_t wn = 0, i = 0;
    int32_t prev = 0;
    fword_index fx;

    memset(k, 0, sizeof(*k));
    index_fwords(&fx);
    if (len > LANGID_MAX_BYTES)
        len = LANGID_MAX_BYTES;
    while (i <= len) {
        size_t adv = 1;
        int32_t c = i < len ? att__utf8_decode(text + i, len - i, &adv) : -1;
        utf8proc_category_t cat = c >= 0 ? utf8proc_category(c) : UTF8PROC_CATEGORY_CN;
        if (adv == 0)
            adv = 1;
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
            int32_t lc = utf8proc_tolower(c);
            if (is_latin(c))
                k->latin++;
            else
                k->other++;
            if (lc == 0xE4 || lc == 0xF6 || lc == 0xFC || lc == 0xDF)
                k->umlaut++;
            if ((prev == 't' && lc == 'h') || (prev == 'w' && lc == 'h'))
                k->th++;
            if (wn + 4 < sizeof(w))
                wn += (size_t)utf8proc_encode_char(lc, (utf8proc_uint8_t *)w + wn);
            else
                wn = sizeof(w); /* too long for any function word */
            prev = lc;
        } else if (c == '\'' || c == 0x2019) {
            prev = 0; /* "don't": the word goes on */
            if (wn && wn < sizeof(w))
                wn = sizeof(w);
        } else {
            if (wn) {
                k->words++;
                if (wn < sizeof(w))
                    score_word(&fx, w, wn, k->hits);
                if (k->words >= LANGID_MAX_WORDS)
                    break;
            }
            wn = 0;
            prev = 0;
        }
        i += adv;
    }
}

const char *att__langid_lean(const char *text, size_t len)
{
    counts k;
    if (!text)
        return "de";
    count_text(text, len, &k);
    return k.hits[L_EN] > k.hits[L_DE] ? "en" : "de";
}

const char *att__langid(const char *text, size_t len, double *confidence)
{
    counts k;
    double score[L_COUNT], best, second, conf;
    int bi = -1;

    if (confidence)
        *confidence = 0.0;
    if (!text)
        return "und";
    count_text(text, len, &k);
    if (k.words < 3 || k.latin + k.other < 12 || k.other * 2 > k.latin)
        return "und";
    for (int l = 0; l < L_COUNT; l++)
        score[l] = (double)k.hits[l] / (double)k.words;
    /* character hints: umlauts are about 1.5% of German letters and rare
     * elsewhere among these languages (Swedish and Turkish have ä/ö/ü too,
     * their function words outweigh the bonus); "th"/"wh" are about 3% of
     * English letter pairs. */
    if (k.umlaut * 200 >= k.latin)
        score[L_DE] += 0.05;
    if (k.th * 50 >= k.latin)
        score[L_EN] += 0.05;
    best = -1.0;
    for (int l = 0; l < L_COUNT; l++)
        if (score[l] > best) {
            best = score[l];
            bi = l;
        }
    second = 0.0;
    for (int l = 0; l < L_COUNT; l++)
        if (l != bi && score[l] > second)
            second = score[l];
    if ((bi != L_DE && bi != L_EN) || best < 0.12 || second >= best * 0.75)
        return "und";
    conf = (best - second) / best;
    if (k.words < 40)
        conf *= (double)k.words / 40.0;
    if (conf > 1.0)
        conf = 1.0;
    if (confidence)
        *confidence = conf;
    return bi == L_DE ? "de" : "en";
}
