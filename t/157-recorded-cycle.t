# SPEC §6: cycles in recorded dependencies never make the check recurse forever (a depends on b, b on a, in the records).
do_file a.do <<'X'
echo a >>runs.log
redo-ifchange b src
cat src
X
do_file b.do <<'X'
echo b >>runs.log
[ -e flag ] && redo-ifchange a
echo b
X
echo s >src
ok redo a
touch flag
# b is rebuilt on its own while a is clean: b now records a dependency on a
ok redo b
grep -q ' a$' .redo/b,r || skip "could not make b depend on a: $(cat .redo/b,r)"
grep -q ' b$' .redo/a,r || fail "a lost its dependency on b"
redo-ifchange a 2>err
rc=$?
[ $rc -lt 128 ] || fail "crashed ($rc)"
redo-ifchange b 2>>err
rc=$?
[ $rc -lt 128 ] || fail "crashed ($rc)"
# redo-ood walks the same graph
redo-ood >/dev/null 2>>err
rc=$?
[ $rc -lt 128 ] || fail "redo-ood crashed ($rc)"
# a change below the cycle is still seen, and the build terminates
echo s2 >src
redo-ifchange a 2>>err
rc=$?
[ $rc -lt 128 ] || fail "crashed ($rc)"
# break the live cycle: the recorded one resolves, and then all is clean
rm flag
ok redo-ifchange a
ok redo-ifchange a b
n=$(lines runs.log)
ok redo-ifchange a b
assert_eq "$(lines runs.log)" "$n" "clean once the cycle is gone"
