/*
 * runstat.c - run a command, then report its wall time and peak memory.
 *
 *   build/bench/runstat OUT.tsv command args...
 *
 * Writes "seconds<TAB>max_rss_kb" to OUT.tsv (stdout of the command goes to
 * /dev/null unless it is redirected by the caller through a shell).  Uses
 * wait4() so the peak RSS is the child's own, not the shell's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct rusage ru;
    int status;
    pid_t pid;
    FILE *out;

    if (argc < 3) {
        fprintf(stderr, "usage: runstat OUT.tsv command [args...]\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0) {
        perror("runstat: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("runstat: exec");
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("runstat: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 2;
    }
    fprintf(out, "%.3f\t%ld\n",
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
            ru.ru_maxrss);
    fclose(out);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
