/*
 * test_lang.c - unit tests of the language layer: tokenizer, sentence
 * splitter and language id.
 *
 * Each tokenizer case writes the tokens of a text as "a|b|c" (or with
 * their kinds) and compares the string, so a failure shows the whole cut.
 * The robustness tests feed random code points (NUL, controls, any plane)
 * and random bytes and check the layer invariants: tokens in order, not
 * empty, inside the text; sentences cover tokens in order and never cross
 * a paragraph.  The seed articles in ../shared/seeds are used when present.
 * The sbd_* tests cover the boundary model (sbd.h): the embedded blob, the
 * checks on malformed blobs, and the gaps it decides and leaves alone.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "lang/sbd.h"
#include "test.h"

static att_doc *mkdoc(const char *text, const char *lang)
{
    att_doc *doc = NULL;
    if (att_doc_from_text(NULL, text, strlen(text), NULL, &doc))
        return NULL;
    doc->lang = lang ? lang : att__langid(doc->text, doc->len, NULL);
    if (att__tokenize(doc) || att__split_sentences(doc)) {
        att_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* The tokens of text joined with "|" into buf. */
static const char *toks(const char *text, char *buf, size_t cap)
{
    att_doc *doc = mkdoc(text, "de");
    size_t n = 0;
    buf[0] = '\0';
    if (!doc)
        return "(error)";
    for (size_t i = 0; i < doc->ntok; i++) {
        const att_token *t = &doc->toks[i];
        n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", i ? "|" : "", (int)(t->end - t->start),
                              doc->text + t->start);
        if (n >= cap)
            break;
    }
    att_doc_free(doc);
    return buf;
}

/* The kinds of the tokens as letters: W N O A P Q U E S. */
static const char *kinds(const char *text, char *buf, size_t cap)
{
    static const char letters[] = "?WNOAPQUES";
    att_doc *doc = mkdoc(text, "de");
    size_t i;
    if (!doc)
        return "(error)";
    for (i = 0; i < doc->ntok && i + 1 < cap; i++)
        buf[i] = doc->toks[i].kind < sizeof(letters) - 1 ? letters[doc->toks[i].kind] : '?';
    buf[i] = '\0';
    att_doc_free(doc);
    return buf;
}

/* The sentences of text joined with "|". */
static const char *sents(const char *text, const char *lang, char *buf, size_t cap)
{
    att_doc *doc = mkdoc(text, lang);
    size_t n = 0;
    buf[0] = '\0';
    if (!doc)
        return "(error)";
    for (size_t i = 0; i < doc->nsent; i++) {
        const att_span *s = &doc->sents[i];
        n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", i ? "|" : "", (int)(s->end - s->start),
                              doc->text + s->start);
        if (n >= cap)
            break;
    }
    att_doc_free(doc);
    return buf;
}

TEST(tok_numbers)
{
    char b[512];
    CHECK_STR(toks("1.000,5 800.000 3,5 1,000.5 17.45", b, sizeof b),
              "1.000,5|800.000|3,5|1,000.5|17.45");
    CHECK_STR(kinds("1.000,5 800.000 3,5 1,000.5", b, sizeof b), "NNNN");
    CHECK_STR(toks("470 Millionen Euro", b, sizeof b), "470|Millionen|Euro");
    CHECK_STR(toks("5 Mrd. Euro und 3 Mio. Dollar", b, sizeof b), "5|Mrd.|Euro|und|3|Mio.|Dollar");
    CHECK_STR(kinds("5 Mrd. Euro", b, sizeof b), "NAW");
    CHECK_STR(toks("von 1990-2000", b, sizeof b), "von|1990|-|2000");
    CHECK_STR(toks("+3,5 % und 20 € oder $5", b, sizeof b), "+|3,5|%|und|20|€|oder|$|5");
    CHECK_STR(kinds("3,5 % 20 € $5", b, sizeof b), "NSNSSN");
}

TEST(tok_ordinals)
{
    char b[512];
    CHECK_STR(toks("am 1. September", b, sizeof b), "am|1.|September");
    CHECK_STR(kinds("am 1. September", b, sizeof b), "WOW");
    CHECK_STR(kinds("Am 12. Dezember 2023 kam er", b, sizeof b), "WOWNWW");
    CHECK_STR(kinds("im 19. Jahrhundert", b, sizeof b), "WOW");
    CHECK_STR(kinds("der 3. große Sieg", b, sizeof b), "WOWW");
    CHECK_STR(kinds("zum 5. Mal", b, sizeof b), "WOW");
    CHECK_STR(toks("im Jahr 2024. Danach", b, sizeof b), "im|Jahr|2024|.|Danach");
    CHECK_STR(kinds("Er wurde 3. Danach ging er", b, sizeof b), "WWNPWWW");
    CHECK_STR(kinds("1. Einleitung\n2. Methode", b, sizeof b), "OWOW");
}

TEST(tok_abbrevs)
{
    char b[512];
    CHECK_STR(toks("z. B. heute, u. a. morgen", b, sizeof b), "z. B.|heute|,|u. a.|morgen");
    CHECK_STR(kinds("z. B. heute, u. a. morgen", b, sizeof b), "AWPAW");
    CHECK_STR(toks("z.B. und d. h. und v. Chr.", b, sizeof b), "z.B.|und|d. h.|und|v. Chr.");
    CHECK_STR(kinds("Dr. St. bzw. ca. Nr. Prof. Jan. Mr. Abb. zzgl. österr. Mär.", b, sizeof b),
              "AAAAAAAAAAAA");
    CHECK_STR(toks("the U.S. and e.g. this", b, sizeof b), "the|U.S.|and|e.g.|this");
    CHECK_STR(kinds("the U.S. and e.g. this", b, sizeof b), "WAWAW");
    CHECK_STR(toks("Vgl. dazu J. K. Rowling", b, sizeof b), "Vgl.|dazu|J.|K.|Rowling");
    CHECK_STR(toks("Das Haus. Der Hund.", b, sizeof b), "Das|Haus|.|Der|Hund|.");
    CHECK_STR(toks("z. Bsp. heute", b, sizeof b), "z|.|Bsp.|heute");
}

TEST(tok_quotes)
{
    char b[512];
    CHECK_STR(toks("„Ja“ »Nein« \"So\" ‚A‘ 'B' “C” ``D''", b, sizeof b),
              "„|Ja|“|»|Nein|«|\"|So|\"|‚|A|‘|'|B|'|“|C|”|``|D|''");
    CHECK_STR(kinds("„Ja“ »Nein« \"So\" ‚A‘ 'B' “C”", b, sizeof b), "QWQQWQQWQQWQQWQQWQ");
    CHECK_STR(toks("Das ist teil’s gut, don't worry, geht's?", b, sizeof b),
              "Das|ist|teil’s|gut|,|don't|worry|,|geht's|?");
}

TEST(tok_words)
{
    char b[512];
    CHECK_STR(toks("COP29-Veranstaltung Glasfaserkabel-Highway Kassym-Schomart UN-Klimakonferenz",
                   b, sizeof b),
              "COP29-Veranstaltung|Glasfaserkabel-Highway|Kassym-Schomart|UN-Klimakonferenz");
    CHECK_STR(toks("18-Jähriger und 5G-Netz", b, sizeof b), "18-Jähriger|und|5G-Netz");
    CHECK_STR(toks("Ein- und Ausfuhr", b, sizeof b), "Ein|-|und|Ausfuhr");
    CHECK_STR(toks("Москва и Київ", b, sizeof b), "Москва|и|Київ");
    CHECK_STR(toks("Straße (Süd) – Ende…", b, sizeof b), "Straße|(|Süd|)|–|Ende|…");
}

TEST(tok_urls)
{
    char b[512];
    CHECK_STR(
        toks("Mehr unter https://example.org/a?b=1. Oder www.spiegel.de/x, bild.de!", b, sizeof b),
        "Mehr|unter|https://example.org/a?b=1|.|Oder|www.spiegel.de/x|,|bild.de|!");
    CHECK_STR(kinds("unter https://example.org/a. Oder bild.de", b, sizeof b), "WUPWU");
    CHECK_STR(toks("(siehe https://de.wikipedia.org/wiki/A_(B)).", b, sizeof b),
              "(|siehe|https://de.wikipedia.org/wiki/A_(B)|)|.");
    CHECK_STR(toks("Mail an max.muster@firma.de.", b, sizeof b), "Mail|an|max.muster@firma.de|.");
    CHECK_STR(kinds("Mail an max.muster@firma.de.", b, sizeof b), "WWEP");
}

TEST(tok_flags)
{
    att_doc *doc = mkdoc("Österreich und éclair,\nÜber.\n\nZweiter Absatz", "de");
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK_INT(doc->ntok, 8);
    CHECK(doc->toks[0].flags & ATT_TOKF_UPPER);
    CHECK(doc->toks[0].flags & ATT_TOKF_SPACE);
    CHECK(!(doc->toks[1].flags & ATT_TOKF_UPPER));
    CHECK(!(doc->toks[2].flags & ATT_TOKF_UPPER));
    CHECK(!(doc->toks[2].flags & ATT_TOKF_SPACE)); /* éclair, */
    CHECK(doc->toks[3].flags & ATT_TOKF_SPACE);    /* ,\n */
    CHECK(doc->toks[4].flags & ATT_TOKF_UPPER);    /* Über */
    CHECK(doc->toks[5].flags & ATT_TOKF_PARA);     /* . */
    CHECK(!(doc->toks[4].flags & ATT_TOKF_PARA));
    CHECK(doc->toks[7].flags & ATT_TOKF_PARA);
    CHECK(!(doc->toks[7].flags & ATT_TOKF_SPACE));
    att_doc_free(doc);
}

TEST(sent_basic)
{
    char b[1024];
    CHECK_STR(sents("Am 1. September kam er. Danach ging er.", "de", b, sizeof b),
              "Am 1. September kam er.|Danach ging er.");
    CHECK_STR(sents("Er kam im Jahr 2024. Danach ging er.", "de", b, sizeof b),
              "Er kam im Jahr 2024.|Danach ging er.");
    CHECK_STR(sents("„Das ist wichtig.“ Danach ging er.", "de", b, sizeof b),
              "„Das ist wichtig.“|Danach ging er.");
    CHECK_STR(sents("„Warum?“, fragte er. „Darum!“ Gut.", "de", b, sizeof b),
              "„Warum?“, fragte er.|„Darum!“|Gut.");
    CHECK_STR(sents("Was? Wirklich! Ja… Nein... Doch.", "de", b, sizeof b),
              "Was?|Wirklich!|Ja…|Nein...|Doch.");
    CHECK_STR(sents("Das kostet z. B. 5 Mio. Euro. Dr. Müller kam am 12. Dezember 2023.", "de", b,
                    sizeof b),
              "Das kostet z. B. 5 Mio. Euro.|Dr. Müller kam am 12. Dezember 2023.");
    CHECK_STR(sents("Es gab Äpfel, Birnen usw. Die Preise stiegen.", "de", b, sizeof b),
              "Es gab Äpfel, Birnen usw.|Die Preise stiegen.");
    CHECK_STR(sents("He works for Apple Inc. The company grew. Mr. Smith left.", "en", b, sizeof b),
              "He works for Apple Inc.|The company grew.|Mr. Smith left.");
    CHECK_STR(sents("It is 5 p.m. here? no, it is later.", "en", b, sizeof b),
              "It is 5 p.m. here? no, it is later.");
    CHECK_STR(sents("(Das ist so.) Danach nicht.", "de", b, sizeof b),
              "(Das ist so.)|Danach nicht.");
}

TEST(sent_lines)
{
    char b[1024];
    /* a paragraph always ends a sentence */
    CHECK_STR(sents("Titel ohne Punkt\n\nText hier.", "de", b, sizeof b),
              "Titel ohne Punkt|Text hier.");
    /* a short title line before the body */
    CHECK_STR(sents("Treffen mit Amtskollegen\nIm Rahmen seiner Reise traf er viele Leute aus "
                    "vielen Ländern der Welt.",
                    "de", b, sizeof b),
              "Treffen mit Amtskollegen|Im Rahmen seiner Reise traf er viele Leute aus vielen "
              "Ländern der Welt.");
    /* list items */
    CHECK_STR(sents("Zutaten:\n- Mehl\n- Zucker", "de", b, sizeof b), "Zutaten:|- Mehl|- Zucker");
    /* hard-wrapped text goes on */
    CHECK_STR(sents("Der Präsident empfing am Montag den Außenminister des\nNachbarlandes, der "
                    "zu einem offiziellen Besuch in der\nHauptstadt eingetroffen ist.",
                    "de", b, sizeof b),
              "Der Präsident empfing am Montag den Außenminister des\nNachbarlandes, der zu "
              "einem offiziellen Besuch in der\nHauptstadt eingetroffen ist.");
    /* German text without full stops */
    CHECK_STR(sents("Absolut zu empfehlen Wir kommen wieder.", "de", b, sizeof b),
              "Absolut zu empfehlen|Wir kommen wieder.");
    CHECK_STR(sents("Er spielte in Der Pate mit.", "de", b, sizeof b),
              "Er spielte in Der Pate mit.");
}

TEST(sent_colon)
{
    char b[1024];
    /* a full sentence after a colon, with a clause before it */
    CHECK_STR(sents("Die Lage im Land ist nun endgültig klar: Der Präsident tritt zurück.", "de", b,
                    sizeof b),
              "Die Lage im Land ist nun endgültig klar:|Der Präsident tritt zurück.");
    /* speech after a verb of saying, a short lead-in, a list, a quote */
    CHECK_STR(sents("Er sagte am Montag vor der Presse: Die Lage ist ernst.", "de", b, sizeof b),
              "Er sagte am Montag vor der Presse: Die Lage ist ernst.");
    CHECK_STR(sents("Der Minister fügte am Ende noch hinzu: Wir bleiben hart.", "de", b, sizeof b),
              "Der Minister fügte am Ende noch hinzu: Wir bleiben hart.");
    CHECK_STR(sents("Fest steht: Männer können das.", "de", b, sizeof b),
              "Fest steht: Männer können das.");
    CHECK_STR(sents("Auf dem Markt gab es alles zu kaufen: Äpfel, Birnen und Pflaumen.", "de", b,
                    sizeof b),
              "Auf dem Markt gab es alles zu kaufen: Äpfel, Birnen und Pflaumen.");
    CHECK_STR(
        sents("Der Minister war am Ende sehr deutlich: „Das geht so nicht.“", "de", b, sizeof b),
        "Der Minister war am Ende sehr deutlich: „Das geht so nicht.“");
    /* a name is not a clause; English keeps its colons */
    CHECK_STR(sents("Auf der Bühne stand an diesem Abend: Thomas Müller Band.", "de", b, sizeof b),
              "Auf der Bühne stand an diesem Abend: Thomas Müller Band.");
    CHECK_STR(
        sents("The answer is very clear to all of us: The president resigns.", "en", b, sizeof b),
        "The answer is very clear to all of us: The president resigns.");
}

TEST(sent_semicolon)
{
    char b[1024];
    CHECK_STR(
        sents("So hatten wir das gedacht; Die Versuche ergaben etwas anderes.", "de", b, sizeof b),
        "So hatten wir das gedacht;|Die Versuche ergaben etwas anderes.");
    /* lower case, nouns and names go on */
    CHECK_STR(sents("Er kam; sie ging. Er kam; Berlin lag im Regen.", "de", b, sizeof b),
              "Er kam; sie ging.|Er kam; Berlin lag im Regen.");
    CHECK_STR(sents("He came; The Times reported it.", "en", b, sizeof b),
              "He came; The Times reported it.");
}

TEST(sent_emoticons)
{
    char b[1024];
    /* an emoticon or emoji before a capital ends a sentence */
    CHECK_STR(sents("Kann ich nur weiterempfehlen ;-) So eben war ich dort.", "de", b, sizeof b),
              "Kann ich nur weiterempfehlen ;-)|So eben war ich dort.");
    CHECK_STR(sents("Alles super!!! :-) Wir kommen wieder.", "de", b, sizeof b),
              "Alles super!!! :-)|Wir kommen wieder.");
    CHECK_STR(sents("Great food :D The staff was nice.", "en", b, sizeof b),
              "Great food :D|The staff was nice.");
    CHECK_STR(sents("Sehr gut \xF0\x9F\x98\x80 Danke", "de", b, sizeof b),
              "Sehr gut \xF0\x9F\x98\x80|Danke");
    CHECK_STR(sents("Dort lagen Scherben: ( Die Gruppe war groß.", "de", b, sizeof b),
              "Dort lagen Scherben: (|Die Gruppe war groß.");
    /* not before lower case, not a bracket after a letter or number */
    CHECK_STR(sents("Das war toll :) ich komme wieder.", "de", b, sizeof b),
              "Das war toll :) ich komme wieder.");
    CHECK_STR(sents("Nach Artikel 3 (a) Die Regeln gelten.", "de", b, sizeof b),
              "Nach Artikel 3 (a) Die Regeln gelten.");
    CHECK_STR(sents("Stand: 8) Die Lage bleibt gleich.", "de", b, sizeof b),
              "Stand: 8) Die Lage bleibt gleich.");
    CHECK_STR(sents("Siehe dort: (Die Tabelle) und mehr.", "de", b, sizeof b),
              "Siehe dort: (Die Tabelle) und mehr.");
}

TEST(sent_invariants)
{
    att_doc *doc = mkdoc("Eins. Zwei\n\nDrei? Vier!\n\n\nFünf", "de");
    size_t t = 0;
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK_INT(doc->nsent, 5);
    for (size_t s = 0; s < doc->nsent; s++) {
        /* each sentence starts at a token start and ends at a SENT_END token */
        CHECK(t < doc->ntok && doc->toks[t].start == doc->sents[s].start);
        while (t < doc->ntok && !(doc->toks[t].flags & ATT_TOKF_SENT_END))
            t++;
        CHECK(t < doc->ntok && doc->toks[t].end == doc->sents[s].end);
        for (uint32_t k = doc->sents[s].start; k + 1 < doc->sents[s].end; k++)
            CHECK(!(doc->text[k] == '\n' && doc->text[k + 1] == '\n'));
        t++;
    }
    CHECK_INT(t, doc->ntok);
    att_doc_free(doc);
}

/* Checks the layer invariants on any document. */
static int layers_ok(const att_doc *doc)
{
    uint32_t prev = 0;
    size_t t = 0;
    for (size_t i = 0; i < doc->ntok; i++) {
        const att_token *k = &doc->toks[i];
        if (k->start >= k->end || k->end > doc->len || k->start < prev || k->kind < ATT_TOK_WORD ||
            k->kind > ATT_TOK_SYMBOL)
            return 0;
        prev = k->end;
    }
    for (size_t s = 0; s < doc->nsent; s++) {
        if (t >= doc->ntok || doc->toks[t].start != doc->sents[s].start)
            return 0;
        while (t < doc->ntok && !(doc->toks[t].flags & ATT_TOKF_SENT_END))
            t++;
        if (t >= doc->ntok || doc->toks[t].end != doc->sents[s].end)
            return 0;
        t++;
    }
    return t == doc->ntok;
}

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

TEST(robust_random)
{
    static const char *const pieces[] = {
        "1.", "z.",       " B.",  "„",    "“",  "-",    ".",    "...", "\n",     "\n\n",
        "Dr", "http://a", "@",    "3,5",  "'",  "U.S.", "www.", "€",   " ",      "Die",
        "am", "a.de",     " Wir", " gut", " (", ") ",   ": ",   " 5 ", " Komme", "``"};
    uint64_t seed = 0x9E3779B97F4A7C15u;
    char buf[600];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        int mode = round % 3;
        while (n + 8 < sizeof(buf)) {
            uint64_t r = rnd(&seed);
            if (mode == 0) {
                /* random code points of any plane, NUL and controls included */
                int32_t cp = (int32_t)(r % 0x110000);
                if (r & 0x100000000u)
                    cp = (int32_t)(r % 0x80);
                if (cp >= 0xD800 && cp <= 0xDFFF)
                    cp = 0x20;
                n += att__utf8_encode(cp, buf + n);
            } else if (mode == 1) {
                const char *p = pieces[r % ATT_ARRAY_LEN(pieces)];
                size_t l = strlen(p);
                if (n + l >= sizeof(buf))
                    break;
                memcpy(buf + n, p, l);
                n += l;
            } else {
                buf[n++] = (char)(r & 0xFF); /* any byte: not valid UTF-8 */
            }
            if (r % 97 == 0)
                break;
        }
        char *text = malloc(n + 1);
        att_doc *doc = NULL;
        if (!text)
            return;
        memcpy(text, buf, n);
        text[n] = '\0';
        /* bypass validation on purpose: the tokenizer must survive anything */
        CHECK_INT(att__doc_new(NULL, text, n, &doc), 0);
        if (!doc)
            return;
        doc->lang = att__langid(doc->text, doc->len, NULL);
        CHECK_INT(att__tokenize(doc), 0);
        CHECK_INT(att__split_sentences(doc), 0);
        CHECK(layers_ok(doc));
        /* and again as German, so the boundary model sees the junk too */
        doc->lang = "de";
        CHECK_INT(att__split_sentences(doc), 0);
        CHECK(layers_ok(doc));
        att_doc_free(doc);
    }
}

TEST(sbd_blob)
{
    static uint64_t junk[64]; /* 8-byte aligned */
    const att__sbd_model *m = att__sbd_model_default();
    CHECK(m != NULL); /* data/models/sbd-de.bin is embedded */
    if (m) {
        CHECK(m->feat_slots > 0 && m->lex_slots > 0);
        /* a truncated copy is refused */
        CHECK(att__sbd_model_from_blob(m, sizeof(att__sbd_model) - 1) == NULL);
        CHECK(att__sbd_model_from_blob(m, m->total - 1) == NULL);
        CHECK(att__sbd_model_from_blob(m, m->total) == m);
    }
    CHECK(att__sbd_model_from_blob(NULL, 100) == NULL);
    CHECK(att__sbd_model_from_blob(junk, sizeof(junk)) == NULL);
    CHECK(att__sbd_model_from_blob((const char *)junk + 1, sizeof(junk) - 1) == NULL);
    /* word keys fold the case of ASCII and Latin-1 letters, nothing else */
    CHECK(att__sbd_word_key("Über", strlen("Über")) == att__sbd_word_key("über", strlen("über")));
    CHECK(att__sbd_word_key("WIR", 3) == att__sbd_word_key("wir", 3));
    CHECK(att__sbd_word_key("wir", 3) != att__sbd_word_key("wie", 3));
    CHECK(att__sbd_word_key("", 0) != 0);
    CHECK_INT(att__sbd_ratio_bucket(1, 0), 0);
    CHECK_INT(att__sbd_ratio_bucket(0, 10), 1);
    CHECK_INT(att__sbd_ratio_bucket(10, 10), 10);
}

TEST(sbd_candidates)
{
    att_doc *doc = mkdoc("Super Service Komme gerne wieder: Die (Nr. 5) „Top“ Essen. Wir", "de");
    CHECK(doc != NULL);
    if (!doc)
        return;
    /* Super|Service|Komme|gerne|wieder|:|Die|(|Nr.|5|)|„|Top|“|Essen|.|Wir */
    CHECK_INT(doc->ntok, 17);
    CHECK(att__sbd_candidate(doc, 0, doc->ntok));   /* Super | Service */
    CHECK(att__sbd_candidate(doc, 1, doc->ntok));   /* Service | Komme */
    CHECK(!att__sbd_candidate(doc, 2, doc->ntok));  /* Komme | gerne: lower case */
    CHECK(!att__sbd_candidate(doc, 5, doc->ntok));  /* : | Die: the colon is the rules' */
    CHECK(!att__sbd_candidate(doc, 6, doc->ntok));  /* Die | (: a bracket opens nothing */
    CHECK(!att__sbd_candidate(doc, 8, doc->ntok));  /* Nr. | 5: abbreviations are the rules' */
    CHECK(att__sbd_candidate(doc, 10, doc->ntok));  /* ) | „Top */
    CHECK(att__sbd_candidate(doc, 13, doc->ntok));  /* “ | Essen */
    CHECK(!att__sbd_candidate(doc, 15, doc->ntok)); /* . | Wir: punctuation decides */
    CHECK(!att__sbd_candidate(doc, 16, doc->ntok)); /* the last token */
    CHECK(att__sbd_marked_end(doc, 15));
    CHECK(!att__sbd_marked_end(doc, 4));
    att_doc_free(doc);
}

TEST(sbd_sentences)
{
    char b[1024];
    /* web text without full stops: the model finds the ends */
    CHECK_STR(sents("Das Essen war sehr gut Wir kommen gerne wieder.", "de", b, sizeof b),
              "Das Essen war sehr gut|Wir kommen gerne wieder.");
    CHECK_STR(sents("Der Service war super Ich kann den Laden nur empfehlen", "de", b, sizeof b),
              "Der Service war super|Ich kann den Laden nur empfehlen");
    /* news text: capitalised nouns and names inside a sentence stay inside */
    CHECK_STR(sents("Die Bundesregierung hat am Montag in Berlin neue Regeln für Reisende aus "
                    "Frankreich beschlossen. Kanzlerin Angela Merkel sagte, die Lage sei ernst.",
                    "de", b, sizeof b),
              "Die Bundesregierung hat am Montag in Berlin neue Regeln für Reisende aus Frankreich "
              "beschlossen.|Kanzlerin Angela Merkel sagte, die Lage sei ernst.");
    CHECK_STR(sents("Er spielte in Der Pate mit.", "de", b, sizeof b),
              "Er spielte in Der Pate mit.");
    /* English text is left to the punctuation rules */
    CHECK_STR(sents("The food was great We will come back", "en", b, sizeof b),
              "The food was great We will come back");
}

TEST(sbd_rules_only)
{
    /* without a model the splitter is the rule splitter, rule 8 on or off */
    att_doc *doc = mkdoc("Absolut zu empfehlen Wir kommen wieder. Super Service Komme gerne", "de");
    att__split_cfg cfg = {NULL, 0, 1, 0};
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK_INT(att__split_sentences_cfg(doc, &cfg), 0);
    CHECK_INT(doc->nsent, 3); /* rule 8 before "Wir" */
    cfg.starters = 0;
    CHECK_INT(att__split_sentences_cfg(doc, &cfg), 0);
    CHECK_INT(doc->nsent, 2);
    CHECK(layers_ok(doc));
    att_doc_free(doc);
}

/* Sentences of text split with the default model and a given drop. */
static size_t count_informal(const char *text, float drop)
{
    att_doc *doc = mkdoc(text, "de");
    att__split_cfg cfg = {att__sbd_model_default(), 0, 1, drop};
    size_t n = 0;
    if (!doc || !cfg.model)
        return 0;
    cfg.threshold = cfg.model->threshold;
    if (att__split_sentences_cfg(doc, &cfg) == 0 && layers_ok(doc))
        n = doc->nsent;
    att_doc_free(doc);
    return n;
}

TEST(sbd_informal)
{
    /* the model ends three sentences without a full stop: the document is
     * informal and split again with a lower threshold (here: every gap the
     * model decides) */
    const char *review = "Das Essen war sehr gut Wir kommen gerne wieder. Der Service war super "
                         "Ich kann den Laden nur empfehlen. Tolles Hotel mit Blick Wir waren "
                         "begeistert. Die Zimmer sind sauber Das Personal ist freundlich.";
    const char *news = "Die Bundesregierung hat am Montag in Berlin neue Regeln für Reisende aus "
                       "Frankreich beschlossen. Kanzlerin Angela Merkel sagte, die Lage sei ernst.";
    size_t base = count_informal(review, 0);
    CHECK(base >= 8);
    CHECK(count_informal(review, 100) > base);
    /* edited text keeps the strict threshold, also far from informal text
     * in the same document (an article after its comments) */
    CHECK_INT(count_informal(news, 100), count_informal(news, 0));
    {
        char text[4096];
        size_t n = (size_t)snprintf(text, sizeof text, "%s", review);
        for (int k = 0; k < 80 && n < sizeof text - 200; k++)
            n += (size_t)snprintf(text + n, sizeof text - n, " Es regnet.");
        snprintf(text + n, sizeof text - n, " %s", news);
        CHECK_INT(count_informal(text, 100) - count_informal(text, 0),
                  count_informal(review, 100) - count_informal(review, 0));
    }
    CHECK_INT(count_informal(news, 0), 2);
}

/* Sentences of text when the model splits at every gap it is asked about. */
static size_t count_eager(const char *text)
{
    att_doc *doc = mkdoc(text, "de");
    att__split_cfg cfg = {att__sbd_model_default(), -1000, 1, 0};
    size_t n = 0;
    if (doc && cfg.model && att__split_sentences_cfg(doc, &cfg) == 0)
        n = doc->nsent;
    att_doc_free(doc);
    return n;
}

TEST(sbd_noun_phrase)
{
    /* article + lower-case word + noun: the model is not asked */
    CHECK_INT(count_eager("Die offene Küche und der grosse Aufenthaltsraum sind schön."), 1);
    CHECK_INT(count_eager("Doch die versammelten Zugpflegerinnen müssen passen."), 1);
    /* a relative pronoun after a comma is no article */
    CHECK_INT(count_eager("Wir danken allen, die halfen Wir kommen wieder."), 2);
}

TEST(langid_cases)
{
    double conf = 0;
    {
        const char *de = "Der Präsident empfing am Montag den Außenminister, der zu einem "
                         "offiziellen Besuch in die Hauptstadt gekommen ist.";
        CHECK_STR(att__langid(de, strlen(de), &conf), "de");
    }
    CHECK(conf > 0.3);
    {
        const char *en = "The president met the foreign minister on Monday, who had arrived "
                         "for an official visit to the capital. Both sides said that the talks "
                         "were very useful.";
        CHECK_STR(att__langid(en, strlen(en), &conf), "en");
        CHECK(conf > 0.3);
    }
    {
        const char *fr = "Le président a reçu lundi le ministre des affaires étrangères, qui "
                         "est arrivé pour une visite officielle dans la capitale.";
        const char *es = "El presidente recibió el lunes al ministro de asuntos exteriores, que "
                         "llegó para una visita oficial a la capital del país.";
        const char *it = "Il presidente ha ricevuto lunedì il ministro degli esteri, che è "
                         "arrivato per una visita ufficiale nella capitale del paese.";
        const char *nl = "De president heeft maandag de minister van buitenlandse zaken "
                         "ontvangen, die voor een officieel bezoek naar de hoofdstad is gekomen.";
        const char *ru = "Президент в понедельник принял министра иностранных дел, который "
                         "прибыл с официальным визитом в столицу.";
        const char *tr = "Cumhurbaşkanı pazartesi günü resmi bir ziyaret için başkente gelen "
                         "dışişleri bakanını kabul etti ve bu görüşme çok önemli olarak "
                         "değerlendirildi.";
        CHECK_STR(att__langid(fr, strlen(fr), NULL), "und");
        CHECK_STR(att__langid(es, strlen(es), NULL), "und");
        CHECK_STR(att__langid(it, strlen(it), NULL), "und");
        CHECK_STR(att__langid(nl, strlen(nl), NULL), "und");
        CHECK_STR(att__langid(ru, strlen(ru), NULL), "und");
        CHECK_STR(att__langid(tr, strlen(tr), NULL), "und");
    }
    CHECK_STR(att__langid("Hallo", 5, &conf), "und");
    CHECK(conf == 0.0);
    CHECK_STR(att__langid("", 0, NULL), "und");
    CHECK_STR(att__langid(NULL, 0, NULL), "und");
    CHECK_STR(att__langid("12345 67890 !!! ???", 19, NULL), "und");
}

TEST(langid_seeds)
{
    const char *dir = "../shared/seeds";
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d) {
        fprintf(stderr, "  langid_seeds: %s not found, skipped\n", dir);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char path[512];
        char *text = NULL;
        size_t len = 0;
        if (!strstr(e->d_name, ".txt"))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (att__read_file(NULL, path, (size_t)1 << 24, &text, &len))
            continue;
        CHECK_STR(att__langid(text, len, NULL), "de");
        free(text);
        n++;
    }
    closedir(d);
    CHECK(n > 0);
}

int main(void)
{
    RUN(tok_numbers);
    RUN(tok_ordinals);
    RUN(tok_abbrevs);
    RUN(tok_quotes);
    RUN(tok_words);
    RUN(tok_urls);
    RUN(tok_flags);
    RUN(sent_basic);
    RUN(sent_lines);
    RUN(sent_invariants);
    RUN(robust_random);
    RUN(sbd_blob);
    RUN(sbd_candidates);
    RUN(sent_colon);
    RUN(sent_semicolon);
    RUN(sent_emoticons);
    RUN(sbd_informal);
    RUN(sbd_noun_phrase);
    RUN(sbd_sentences);
    RUN(sbd_rules_only);
    RUN(langid_cases);
    RUN(langid_seeds);
    return test_summary();
}
