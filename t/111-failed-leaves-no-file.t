# SPEC §3 (issue 2): a failed build that leaves no file stops being a target: a file the user then creates is a source (no warning); if still missing, the .do runs when asked.
do_file out.do <<'X'
echo out >>runs.log
exit 1
X
fails redo out 2>/dev/null
assert_eq "$(ran out)" 1 "ran"
[ -e out ] && fail "a failed build left a file"
# still missing: the .do runs again when asked (in a new session)
fails redo-ifchange out 2>/dev/null
assert_eq "$(ran out)" 2 "ran again"
# the user creates it: a source now, no warning, never overwritten
echo mine >out
ok redo-ifchange out 2>err
assert_eq "$(ran out)" 2 "not run for a user-created file"
assert_eq "$(cat err)" "" "no warning"
assert_eq "$(cat out)" mine "kept"
redo out 2>err
assert_eq "$?" 0 "redo on it succeeds"
assert_eq "$(cat err)" "redo: out: exists and not marked as generated; not redoing." "treated as a source"
assert_eq "$(ran out)" 2 "still not run"
