#!/usr/bin/python3
"""dateparser_bench.py - dateparser (Debian python3-dateparser) over the
first N articles of fang-covid-news, the peer attache's temporal tagger is
measured against in `make bench`.

    /usr/bin/python3 bench/dateparser_bench.py SHARED N

Prints TSV rows "suite metric value unit": documents/s and MB/s of article
text and the number of expressions found, each article searched with
search_dates(languages=['de']) relative to its publication date, timing
only that call.
"""
import datetime, json, sys, time, warnings

def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser_bench: skipped: python3-dateparser is not installed", file=sys.stderr)
        return 0
    path = shared + "/data/fang-covid-news/fang-covid-real-6000.jsonl"
    try:
        with open(path, encoding="utf-8") as f:
            docs = [json.loads(l) for _, l in zip(range(count), f)]
    except OSError:
        print("dateparser_bench: skipped: %s not found" % path, file=sys.stderr)
        return 0
    warnings.simplefilter("ignore")
    size = sum(len(d.get("article", "").encode("utf-8")) for d in docs)
    found = 0
    t0 = time.perf_counter()
    for d in docs:
        settings = {}
        if d.get("date"):
            settings["RELATIVE_BASE"] = datetime.datetime.fromisoformat(d["date"][:19])
        found += len(search_dates(d.get("article", ""), languages=["de"], settings=settings) or [])
    secs = time.perf_counter() - t0
    print("dateparser\tdocuments\t%d\tdocs" % len(docs))
    print("dateparser\tdocs_per_s\t%.1f\tdocs/s" % (len(docs) / secs))
    print("dateparser\tmb_per_s\t%.3f\tMB/s" % (size / 1e6 / secs))
    print("dateparser\texpressions\t%d\tcount" % found)
    return 0

sys.exit(main())
