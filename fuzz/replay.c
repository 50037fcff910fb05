/*
 * replay.c - runs a libFuzzer harness over files, without libFuzzer.
 *
 *   build-asan/fuzz/replay_read fuzz/corpus/read/...
 *
 * Lets a gcc-only build (and `make test` under ASan+UBSan) replay every
 * corpus file through the harness.  Prints "<harness>: N passed, 0 failed"
 * when no input crashed (a crash aborts the run under the sanitizers).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int done = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: cannot stat\n", argv[i]);
            bad++;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            while (d && (e = readdir(d)) != NULL) {
                char path[4096];
                if (e->d_name[0] == '.')
                    continue;
                snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
                if (run_file(path) == 0)
                    done++;
                else
                    bad++;
            }
            if (d)
                closedir(d);
        } else if (run_file(argv[i]) == 0) {
            done++;
        } else {
            bad++;
        }
    }
    printf("%s: %d passed, %d failed\n", argv[0], done, bad);
    return bad ? 1 : 0;
}
