# issue 14 (fix 12): redo run from make without job slots to share (make -j with no number, or a recipe without '+') warns once, from the top-level redo only, and builds; with '+' and -jN, or given -jN itself, it does not warn.
command -v make >/dev/null 2>&1 || skip "make not installed"
make --version 2>/dev/null | grep -q 'GNU Make' || skip "make is not GNU make"
do_file all.do <<'X'
redo-ifchange a b
redo b
X
do_file a.do <<'X'
redo-ifchange b
echo a
X
do_file b.do <<'X'
echo b
X
printf 'all:\n\tredo all\n' >plain.mk
printf 'all:\n\t+redo all\n' >plus.mk
printf 'all:\n\tredo -j2 all\n' >own.mk
make -s -j -f plain.mk >out 2>err || fail "make -j: $(cat err)"
[ -f a ] && [ -f b ] || fail "not built"
assert_eq "$(grep -c '^redo: warning: make -j without a number shares no job slots' err)" 1 \
	"one warning under make -j: $(cat err)"
assert_eq "$(grep -c '^redo: warning' err)" 1 "no other warning: $(cat err)"
rm -rf .redo a b
make -s -j -f plus.mk >out 2>err || fail "make -j with +: $(cat err)"
assert_eq "$(grep -c '^redo: warning: make -j without a number' err)" 1 "'+' does not help make -j"
make -s -j -f own.mk >out 2>err || fail "make -j, redo -j2: $(cat err)"
grep -q 'warning' err && fail "redo -j2 under make -j warned: $(cat err)"
# make -j2 without '+': make closes its descriptors; one warning
make -s -j2 -f plain.mk >out 2>err || fail "make -j2: $(cat err)"
assert_eq "$(grep -c '^redo: warning' err)" 1 "one warning under make -j2 without +: $(cat err)"
# with '+': shared, no word
make -s -j2 -f plus.mk >out 2>err || fail "make -j2 +: $(cat err)"
grep -q 'warning' err && fail "make -j2 with + warned: $(cat err)"
# without -j: nothing to share, nothing said
make -s -f plain.mk >out 2>err || fail "make: $(cat err)"
grep -q 'warning' err && fail "plain make warned: $(cat err)"
exit 0
