/*
 * test_base.c - unit tests of base/: buffers, arenas, hashing, UTF-8, JSON
 * escaping, dates and text normalisation (doc/).
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "doc/doc.h"
#include "test.h"

TEST(buf_grows_and_stops_at_max)
{
    att_buf b;
    att__buf_init(&b, 10);
    CHECK_INT(att__buf_adds(&b, "hello"), 0);
    CHECK_INT(att__buf_printf(&b, "%d", 1234), 0);
    CHECK_STR(b.data, "hello1234");
    CHECK_INT(att__buf_adds(&b, "xy"), ATT_ENOMEM); /* 11 > 10 */
    CHECK_STR(b.data, "hello1234");
    CHECK_INT(att__buf_addc(&b, '!'), 0);
    CHECK_INT(b.len, 10);
    att__buf_free(&b);
}

TEST(buf_printf_long)
{
    att_buf b;
    char big[1000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    att__buf_init(&b, 0);
    CHECK_INT(att__buf_printf(&b, "<%s>", big), 0);
    CHECK_INT(b.len, 1001);
    CHECK(b.data[0] == '<' && b.data[1000] == '>');
    att__buf_free(&b);
}

TEST(arena_alignment_and_big_blocks)
{
    att_arena a;
    att__arena_init(&a);
    for (int i = 0; i < 1000; i++) {
        char *p = att__arena_alloc(&a, (size_t)(i % 37) + 1);
        CHECK(p != NULL);
        CHECK(((uintptr_t)p & 15) == 0);
    }
    char *big = att__arena_alloc(&a, 1 << 20);
    CHECK(big != NULL);
    big[(1 << 20) - 1] = 1;
    CHECK_STR(att__arena_strdup(&a, "Tokajew"), "Tokajew");
    CHECK(att__arena_array(&a, SIZE_MAX / 2, 4) == NULL);
    att__arena_free(&a);
}

TEST(hash_is_stable)
{
    char h[17];
    att__hex64(att__hash64("", 0, 0), h);
    CHECK_INT(strlen(h), 16);
    CHECK(att__hash64("abc", 3, 0) != att__hash64("abd", 3, 0));
    CHECK(att__hash64("abcdefghij", 10, 0) == att__hash64("abcdefghij", 10, 0));
    /* the id of a text must never change between versions */
    att__hex64(att__hash64("Kasachstan", 10, 0), h);
    CHECK_STR(h, "919923aea4bac38a");
}

TEST(utf8_validation)
{
    CHECK(att__utf8_invalid_at("Größe „Zitat“ Токаев", strlen("Größe „Zitat“ Токаев")) ==
          (size_t)-1);
    CHECK_INT(att__utf8_invalid_at("ab\xff", 3), 2);
    CHECK_INT(att__utf8_invalid_at("a\xc3", 2), 1);          /* truncated */
    CHECK_INT(att__utf8_invalid_at("\xc0\xaf", 2), 0);        /* overlong */
    CHECK_INT(att__utf8_invalid_at("x\xed\xa0\x80", 4), 1);   /* surrogate */
    CHECK_INT(att__utf8_invalid_at("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
    char out[4];
    CHECK_INT(att__utf8_encode(0x20AC, out), 3);
    size_t adv;
    CHECK_INT(att__utf8_decode(out, 3, &adv), 0x20AC);
    CHECK_INT(adv, 3);
}

TEST(binary_sniff)
{
    CHECK(att__looks_binary("abc\0def", 7));
    CHECK(!att__looks_binary("Zeile eins\nZeile zwei\r\n", 23));
    CHECK(att__looks_binary("\x01\x02\x03\x04\x05\x06", 6));
}

TEST(json_escaping)
{
    att_buf b;
    att__buf_init(&b, 0);
    att__json_cstr(&b, "a\"b\\c\nd\x01 \xe2\x80\xa8 „x“");
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\nd\\u0001 \\u2028 „x“\"");
    att__buf_reset(&b);
    att__json_cstr(&b, NULL);
    CHECK_STR(b.data, "null");
    att__buf_free(&b);
}

TEST(csv_cells)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(att_csv_fputs(f, "plain"), 0);
    fputc('|', f);
    CHECK_INT(att_csv_fputs(f, "a,b"), 0);
    fputc('|', f);
    CHECK_INT(att_csv_fputs(f, "say \"hi\"\nnow"), 0);
    fputc('|', f);
    CHECK_INT(att_csv_fputs(f, NULL), 0);
    fclose(f);
    CHECK_STR(mem, "plain|\"a,b\"|\"say \"\"hi\"\"\nnow\"|");
    free(mem);
}

TEST(dates)
{
    char out[32];
    CHECK_INT(att__date_parse("2024-04", 7, out), ATT_PREC_MONTH);
    CHECK_STR(out, "2024-04");
    CHECK_INT(att__date_parse("2024", 4, out), ATT_PREC_YEAR);
    CHECK_INT(att__date_parse(" 2025-10-24 ", 12, out), ATT_PREC_DAY);
    CHECK_STR(out, "2025-10-24");
    CHECK_INT(att__date_parse("24.10.2025", 10, out), ATT_PREC_DAY);
    CHECK_STR(out, "2025-10-24");
    /* dates with month names and short numbers, German and English */
    {
        static const struct {
            const char *in, *out;
            att_precision p;
        } words[] = {
            {"14. März 2025", "2025-03-14", ATT_PREC_DAY},
            {"14 March 2025", "2025-03-14", ATT_PREC_DAY},
            {"March 14, 2025", "2025-03-14", ATT_PREC_DAY},
            {"3. Jänner 2016", "2016-01-03", ATT_PREC_DAY},
            {"1.4.2025", "2025-04-01", ATT_PREC_DAY},
            {"Dez. 2024", "2024-12", ATT_PREC_MONTH},
            {"32. März 2025", "", ATT_PREC_NONE},
            {"14. Märchen 2025", "", ATT_PREC_NONE},
            {"Mai", "", ATT_PREC_NONE},
        };
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
            CHECK_INT(att__date_parse(words[i].in, strlen(words[i].in), out), words[i].p);
            if (words[i].p)
                CHECK_STR(out, words[i].out);
        }
    }
    const char *t = "2020-01-29T11:39:03+01:00";
    CHECK_INT(att__date_parse(t, strlen(t), out), ATT_PREC_SECOND);
    CHECK_STR(out, t);
    t = "2020-01-29T11:39:03.123Z";
    CHECK_INT(att__date_parse(t, strlen(t), out), ATT_PREC_SECOND);
    CHECK_STR(out, "2020-01-29T11:39:03Z");
    CHECK_INT(att__date_parse("2024-13", 7, out), ATT_PREC_NONE);
    CHECK_INT(att__date_parse("gestern", 7, out), ATT_PREC_NONE);
    CHECK_INT(att__date_parse("", 0, out), ATT_PREC_NONE);
    CHECK_INT(att__date_parse("2024-04-17x", 11, out), ATT_PREC_NONE);
}

TEST(normalize_text)
{
    char *out;
    size_t n;
    const char *in = "\xEF\xBB\xBF  Titel  \r\n\r\n\r\n\r\nErster Absatz.\t\nZweite Zeile.\n\n\n";
    CHECK_INT(att__text_normalize(NULL, in, strlen(in), &out, &n), 0);
    CHECK_STR(out, "  Titel\n\nErster Absatz.\nZweite Zeile.");
    free(out);
    /* NFD "Gro\u0308" composes to NFC "Grö" */
    CHECK_INT(att__text_normalize(NULL, "Gro\xcc\x88\xc3\x9f" "e", 8, &out, &n), 0);
    CHECK_STR(out, "Größe");
    free(out);
}

TEST(doc_id_and_paragraphs)
{
    att_doc *a, *b;
    const att_span *p;
    att_meta m = {0};
    m.published = "2024-04";
    CHECK_INT(att_doc_from_text(NULL, "Eins.\n\nZwei.", 12, &m, &a), 0);
    CHECK_INT(att_doc_from_text(NULL, "Eins.\r\n\r\n\r\nZwei.\n", 17, NULL, &b), 0);
    CHECK_STR(att_doc_id(a), att_doc_id(b)); /* same normalised text, same id */
    CHECK_INT(att_doc_paragraphs(a, &p), 2);
    CHECK_INT(p[1].start, 7);
    CHECK_INT(p[1].end, 12);
    CHECK_STR(att_doc_published(a), "2024-04");
    CHECK_INT(att_doc_published_precision(a), ATT_PREC_MONTH);
    CHECK(att_doc_published(b) == NULL);
    att_doc_free(a);
    att_doc_free(b);
    att_doc_free(NULL);
    CHECK_INT(att_doc_from_text(NULL, "a\xff", 2, NULL, &a), ATT_EUTF8);
    CHECK(a == NULL);
}

int main(void)
{
    RUN(buf_grows_and_stops_at_max);
    RUN(buf_printf_long);
    RUN(arena_alignment_and_big_blocks);
    RUN(hash_is_stable);
    RUN(utf8_validation);
    RUN(binary_sniff);
    RUN(json_escaping);
    RUN(csv_cells);
    RUN(dates);
    RUN(normalize_text);
    RUN(doc_id_and_paragraphs);
    return test_summary();
}
