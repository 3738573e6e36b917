# issue 15: redo-log --trace writes Chrome trace-event JSON: one complete event per run, lanes that never overlap, the critical path and each run's CPU time (of its whole process tree) in the args.
command -v python3 >/dev/null 2>&1 || skip "python3 is missing (it checks the JSON)"
# as in 192: mid waits for fast's file (made after the odd name's), so
# all <- slow <- mid bounds the build
do_file all.do <<'X'
redo-ifchange slow fast
X
do_file fast.do <<'X'
redo-ifchange 'q"uo\te sp'
echo fast >>runs.log
echo fast
X
do_file 'q"uo\te sp.do' <<'X'
echo odd >>runs.log
X
do_file slow.do <<'X'
redo-ifchange mid
echo slow >>runs.log
X
do_file mid.do <<'X'
until [ -e fast ]; do sleep 0.01 2>/dev/null || sleep 1; done
echo mid >>runs.log
X
ok redo -j2 all 2>err
redo-log --trace >trace.json || fail "redo-log --trace"
python3 - trace.json >got <<'X' || { cat trace.json; fail "the JSON"; }
import json, sys
d = json.load(open(sys.argv[1]))
ev = [e for e in d["traceEvents"] if e["ph"] == "X"]
for e in ev:
    assert e["pid"] == 1 and e["ts"] >= 0 and e["dur"] >= 0, e
    assert e["name"] == e["args"]["target"], e
    assert e["args"]["status"] == 0 and e["args"]["cpu_us"] >= 0, e
# a lane holds one run at a time
by = {}
for e in ev:
    by.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
for spans in by.values():
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        assert a[1] <= b[0], spans
cpu = {e["name"]: e["args"]["cpu_us"] for e in ev}
# all's process tree holds the nested redo that reaped the others
assert cpu["all"] + 1000 >= cpu["slow"] + cpu["fast"], cpu
print(" ".join(sorted(e["name"] for e in ev)))
print(" ".join(sorted(e["name"] for e in ev if e["args"]["critical"])))
X
assert_eq "$(sed -n 1p got)" 'all fast mid q"uo\te sp slow' "one event per run"
assert_eq "$(sed -n 2p got)" "all mid slow" "the critical path"
assert_eq "$(lines runs.log)" 4 "the runs"
exit 0
