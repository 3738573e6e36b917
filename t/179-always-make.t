# issue 14: redo -B (and -f) rebuilds every target reachable from the named ones, each once in the session, even when two nested processes ask for it; sources are untouched; a target edited by hand is kept, with the warning.
do_file all.do <<'X'
echo all >>runs.log
redo-ifchange a b
X
do_file a.do <<'X'
echo a >>runs.log
redo-ifchange lib gen.h
echo a
X
do_file b.do <<'X'
echo b >>runs.log
redo-ifchange lib
echo b
X
do_file lib.do <<'X'
echo lib >>runs.log
redo-ifchange src.c
cat src.c
X
do_file gen.h.do <<'X'
echo gen.h >>runs.log
echo gen
X
echo 'int x;' >src.c
ok redo 2>/dev/null
for t in all a b lib gen.h; do assert_eq "$(ran $t)" 1 "first build: $t"; done
cp src.c src.keep
ok redo -B 2>err
for t in all a b lib gen.h; do assert_eq "$(ran $t)" 2 "-B: $t rebuilt once"; done
cmp -s src.c src.keep || fail "-B touched a source"
grep -q 'src.c' err && fail "-B said something about the source: $(cat err)"
# up to date, -B still rebuilds; -f is the same; in parallel too
ok redo -f all 2>/dev/null
for t in all a b lib gen.h; do assert_eq "$(ran $t)" 3 "-f: $t"; done
ok redo -j4 --always-make 2>/dev/null
for t in all a b lib gen.h; do assert_eq "$(ran $t)" 4 "-B -j4: $t once"; done
# only what is below the named target
ok redo -B b 2>/dev/null
assert_eq "$(ran b)" 5 "b"
assert_eq "$(ran lib)" 5 "lib below b"
assert_eq "$(ran gen.h)" 4 "gen.h is not below b"
assert_eq "$(ran a)" 4 "a is not below b"
# a target edited by hand is kept, with the warning, once
echo mine >gen.h
ok redo -B 2>err
assert_eq "$(cat gen.h)" mine "an edited target is kept"
assert_eq "$(ran gen.h)" 4 "its .do did not run"
assert_eq "$(grep -c 'gen.h - you modified it; skipping' err)" 1 "warned once: $(cat err)"
assert_eq "$(ran lib)" 6 "lib rebuilt"
# without -B, nothing below is rebuilt (no -B left in the environment)
ok redo 2>/dev/null
assert_eq "$(ran lib)" 6 "plain redo after -B"
assert_eq "$(ran all)" 6 "all (named, forced)"
exit 0
