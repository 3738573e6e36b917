# issue 14: redo -n lists the named targets and, below them, the recorded dependencies out of date, running and changing nothing; redo -q exits 0 if every named target is up to date, 1 if not, printing nothing.
do_file all.do <<'X'
redo-ifchange app
X
do_file app.do <<'X'
redo-ifchange main.o util.o
echo app >>runs.log
cat main.o util.o
X
do_file default.o.do <<'X'
redo-ifchange "$2.c" h.h
echo "$2.o" >>runs.log
cat "$2.c"
X
echo m >main.c
echo u >util.c
echo h >h.h
# never built: only the named target (its dependencies are not known)
redo -n all >out 2>err || fail "redo -n before any build: $(cat err)"
assert_eq "$(cat out)" all "-n before a build"
exits 1 redo -q all
exits 1 redo -q app
[ ! -d .redo ] || fail "-n or -q wrote state"
ok redo 2>/dev/null
# the state and the targets, as a build leaves them (a record holds
# its target's stamp, and a build writes a new record)
snap() { ls .redo; cat .redo/* app main.o util.o; }
snap >before
exits 0 redo -q app
exits 0 redo -q all main.o
exits 0 redo --question h.h
redo -n >out
assert_eq "$(cat out)" all "-n with all up to date: the named target only"
echo h2 >>h.h
exits 1 redo -q app
exits 1 redo -q main.o util.o
redo -q app >out 2>err
assert_eq "$(cat out err)" "" "-q prints nothing"
redo --dry-run all >out || fail "-n"
printf 'all\n  app\n    main.o\n    util.o\n' >want
cmp -s out want || fail "redo -n: $(cat out)"
redo -n app util.o >out
printf 'app\n  main.o\n  util.o\n' >want
cmp -s out want || fail "redo -n app util.o (each once): $(cat out)"
# a source named: nothing; a name with no .do: said, exit 1
redo -n h.h >out || fail "redo -n h.h"
assert_eq "$(cat out)" "" "a source is not built"
exits 1 redo -n nothere 2>err
grep -q '^redo: nothere: no rule to build it$' err || fail "no rule: $(cat err)"
# nothing ran, nothing changed (h.h is newer, the rest as it was)
assert_eq "$(ran app)" 1 "app.do ran once (the real build)"
snap >after
cmp -s before after || fail "-n/-q changed state: $(diff before after)"
# -n -B: every target below; a target edited by hand is none of them
redo -n -B app >out
printf 'app\n  main.o\n  util.o\n' >want
cmp -s out want || fail "redo -n -B: $(cat out)"
ok redo 2>/dev/null
redo -n -B app >out
cmp -s out want || fail "redo -n -B when up to date: $(cat out)"
exits 1 redo -q -B app
echo mine >util.o
redo -n -B app >out
printf 'app\n  main.o\n' >want
cmp -s out want || fail "-n -B lists an edited target: $(cat out)"
# odd names are escaped, one per line
do_file 'odd
name.do' <<'X'
redo-ifchange h.h
echo odd
X
ok redo 'odd
name' 2>/dev/null
echo h3 >>h.h
redo -n 'odd
name' >out
assert_eq "$(cat out)" 'odd\nname' "escaped name"
exit 0
