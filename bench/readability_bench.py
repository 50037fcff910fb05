#!/usr/bin/python3
"""readability_bench.py - readability-lxml (Debian python3-readability) over
the trafilatura-eval pages, the peer attache's HTML reader is measured
against in `make bench`.

    /usr/bin/python3 bench/readability_bench.py SHARED

Prints TSV rows "suite metric value unit": pages, seconds, pages/s, MB/s of
HTML, timing only the extraction (Document(html).summary()), after the
pages are decompressed, as bench_html does for attache.
"""
import glob, gzip, os, sys, time

def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    try:
        from readability import Document
    except ImportError:
        print("readability_bench: skipped: python3-readability is not installed", file=sys.stderr)
        return 0
    root = os.path.join(shared, "data", "trafilatura-eval")
    files = sorted(glob.glob(os.path.join(root, "eval", "*.gz")) + glob.glob(os.path.join(root, "cache", "*.gz")))
    if not files:
        print("readability_bench: skipped: no pages under %s" % root, file=sys.stderr)
        return 0
    pages = [gzip.open(f, "rb").read() for f in files]
    size = sum(len(p) for p in pages)
    done = 0
    t0 = time.perf_counter()
    for p in pages:
        try:
            Document(p).summary()
            done += 1
        except Exception:
            pass
    secs = time.perf_counter() - t0
    print("readability-lxml\tpages\t%d\tcount" % done)
    print("readability-lxml\tseconds\t%.2f\ts" % secs)
    print("readability-lxml\tpages_per_s\t%.1f\tpages/s" % (len(pages) / secs))
    print("readability-lxml\tmb_per_s\t%.2f\tMB/s" % (size / 1e6 / secs))
    return 0

sys.exit(main())
