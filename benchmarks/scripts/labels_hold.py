#!/usr/bin/env python3
"""Label N pairs of the review queue from a truth.json through the HTTP API, save a config change, wait for the full
re-match, and check every verdict holds (same -> one canonical event, different -> two).

Needs a running server (`serve`) on a database psql can read, with the truth's listings ingested:
  python3 benchmarks/scripts/labels_hold.py http://localhost:8080 admin PASSWORD \
      ../shared/data/sample/truth.json 'postgresql://postgres@127.0.0.1:5432/event_dedup' 200
The build's LabelsBindRunsIT checks the same through the worker's ports."""
import base64, json, sys, time, urllib.request, subprocess

BASE, USER, PASSWORD, TRUTH, DBURL, N = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

def call(method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Authorization", AUTH)
    req.add_header("Origin", BASE)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as r:
            raw = r.read()
            return r.status, dict(r.headers), (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()

def psql(sql):
    return subprocess.run(["psql", DBURL, "-Atc", sql], capture_output=True, text=True, check=True).stdout.strip()

truth = json.load(open(TRUTH))
same = set()
for a, b in truth["pairs"]:
    same.add((min(a, b), max(a, b)))
entity_of = {}
for e, ids in truth.get("entities", {}).items():
    for i in ids:
        entity_of[i] = e

def runs_done():
    return int(psql("SELECT count(*) FROM pipeline_runs WHERE status='completed'") or 0)

# ambiguous pairs, most uncertain first, from the review queue
picked, offset = [], 0
while len(picked) < N:
    st, h, page = call("GET", f"/api/review/pairs?limit=200&offset={offset}&order=uncertainty")
    assert st == 200, (st, page)
    if not page["items"]:
        break
    for item in page["items"]:
        a, b = item["a"]["id"], item["b"]["id"]
        if a in entity_of and b in entity_of:
            picked.append((a, b, "same" if (min(a, b), max(a, b)) in same else "different", item["decision"]))
        if len(picked) == N:
            break
    offset += 200
print(f"picked {len(picked)} pairs from the review queue: {sum(1 for p in picked if p[2]=='same')} same, "
      f"{sum(1 for p in picked if p[2]=='different')} different; decisions {sorted(set(p[3] for p in picked))}")
t0 = time.time()
for a, b, label, _ in picked:
    st, h, body = call("PUT", "/api/labels", {"a": a, "b": b, "label": label})
    assert st == 200, (st, body)
print(f"labelled through PUT /api/labels in {time.time() - t0:.1f} s")

def canonical(i):
    return psql(f"SELECT canonical_event_id FROM canonical_event_sources WHERE source_event_id = '{i}'")

def check(stage):
    broken = [(a, b, l) for a, b, l, _ in picked if (canonical(a) == canonical(b)) != (l == "same")]
    print(f"{stage}: {len(picked) - len(broken)} of {len(picked)} verdicts hold" + (f"; broken: {broken[:5]}" if broken else ""))
    return not broken

def wait_for_run(before, timeout=300):
    t = time.time()
    while runs_done() <= before:
        if time.time() - t > timeout:
            raise SystemExit("no run finished")
        time.sleep(0.5)
    return time.time() - t

before = runs_done()
print(f"label run finished {wait_for_run(before):.1f} s after the last label")
ok1 = check("after the labels' run")
st, h, cfg = call("GET", "/api/config")
version = h.get("ETag") or h.get("Etag")
before = runs_done()
st, h, body = call("PATCH", "/api/config", {"thresholds": {"high": 0.7}}, {"If-Match": version})
assert st == 200, (st, body)
print(f"saved thresholds.high 0.70; full re-match finished {wait_for_run(before):.1f} s later, mode "
      + psql("SELECT mode FROM pipeline_runs ORDER BY id DESC LIMIT 1"))
ok2 = check("after the full re-match")
sys.exit(0 if ok1 and ok2 else 1)
