/*
 * test.h - the unit-test harness: one header, no dependencies.
 *
 *   TEST(name) { CHECK(expr); CHECK_STR(a, b); CHECK_INT(a, b); }
 *   int main(void) { RUN(name); ...; return test_summary(); }
 *
 * A failed CHECK prints file:line and the values, marks the test failed and
 * goes on with the next check, so one run shows every broken expectation.
 * test_summary() prints "<program>: N passed, N failed" (counting tests) and
 * returns the exit status; scripts/run-tests adds these lines up.
 */
#ifndef ATT_TEST_H
#define ATT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_cur_failed;
static const char *test_cur_name;

#define TEST(name) static void name(void)

#define CHECK(expr)                                                                         \
    do {                                                                                    \
        if (!(expr)) {                                                                      \
            fprintf(stderr, "  %s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,          \
                    test_cur_name, #expr);                                                  \
            test_cur_failed = 1;                                                            \
        }                                                                                   \
    } while (0)

#define CHECK_INT(a, b)                                                                     \
    do {                                                                                    \
        long long va_ = (long long)(a), vb_ = (long long)(b);                               \
        if (va_ != vb_) {                                                                   \
            fprintf(stderr, "  %s:%d: %s: %s == %lld, expected %lld\n", __FILE__, __LINE__, \
                    test_cur_name, #a, va_, vb_);                                           \
            test_cur_failed = 1;                                                            \
        }                                                                                   \
    } while (0)

#define CHECK_STR(a, b)                                                                     \
    do {                                                                                    \
        const char *sa_ = (a), *sb_ = (b);                                                  \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                                        \
            fprintf(stderr, "  %s:%d: %s: %s == \"%s\", expected \"%s\"\n", __FILE__,       \
                    __LINE__, test_cur_name, #a, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)"); \
            test_cur_failed = 1;                                                            \
        }                                                                                   \
    } while (0)

#define RUN(name)                                                                           \
    do {                                                                                    \
        test_cur_name = #name;                                                              \
        test_cur_failed = 0;                                                                \
        name();                                                                             \
        if (test_cur_failed) {                                                              \
            test_failed++;                                                                  \
            fprintf(stderr, "FAIL %s\n", #name);                                            \
        } else {                                                                            \
            test_passed++;                                                                  \
        }                                                                                   \
    } while (0)

static inline int test_summary_named(const char *prog)
{
    printf("%s: %d passed, %d failed\n", prog, test_passed, test_failed);
    return test_failed ? 1 : 0;
}
#define test_summary() test_summary_named(__FILE__)

#endif
