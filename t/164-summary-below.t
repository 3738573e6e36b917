# SPEC §6, issue 6: a summary names a target with a big summary of its own by a `below` line instead of copying it; changes through one or two such levels are still seen, a target rebuilt alone below is seen, and the summary above stays small.
mkdir -p grp lib
# 3 groups of 30 objects: each group's own summary has more than 64
# entries, so all's summary names the groups instead of copying them
do_file lib/default.o.do <<'X'
redo-ifchange "$2.c" ../inc.h
echo "$2.o" >>../runs.log
cat "$2.c" ../inc.h
X
i=0
while [ $i -lt 90 ]; do
	echo "src $i" >lib/f$i.c
	i=$((i + 1))
done
echo h >inc.h
for g in 0 1 2; do
	i=$((g * 30))
	m=
	while [ $i -lt $((g * 30 + 30)) ]; do
		m="$m ../lib/f$i.o"
		i=$((i + 1))
	done
	do_file grp/g$g.do <<X
redo-ifchange $m
echo g$g >>../runs.log
cat $m | cksum
X
done
do_file all.do <<'X'
redo-ifchange grp/g0 grp/g1 grp/g2
echo all >>runs.log
cat grp/g0 grp/g1 grp/g2
X
ok redo all
[ "$(grep -c '^deep ' grp/.redo/r.g1)" -gt 64 ] ||
	fail "g1 (built nested) has no big summary of its own"
grep -q '^below .* grp/g1$' .redo/r.all ||
	fail "all's summary does not name g1: $(cat .redo/r.all)"
grep -q '^deep .*lib/f40\.c$' .redo/r.all &&
	fail "all's summary copies what g1's own summary holds"
[ "$(grep -c '^deep \|^below ' .redo/r.all)" -lt 30 ] ||
	fail "all's summary is not small: $(grep -c '^deep \|^below ' .redo/r.all) entries"
ok redo-ifchange all
assert_eq "$(ran all)" 1 "a no-op through the below lines"

# a source below g1, seen through all's below line and g1's summary
tick
echo "src 40 edited" >lib/f40.c
ok redo-ifchange all
assert_eq "$(ran f40.o)" 2 "f40.o rebuilt"
assert_eq "$(ran f41.o)" 1 "f41.o not rebuilt"
assert_eq "$(ran g1)" 2 "g1 rebuilt"
assert_eq "$(ran g0)" 1 "g0 not rebuilt"
assert_eq "$(ran all)" 2 "all rebuilt"
ok redo-ifchange all
assert_eq "$(ran all)" 2 "then a no-op"

# g2 rebuilt alone (its record changes, its output does not)
ok redo grp/g2
ok redo-ifchange all
assert_eq "$(ran all)" 3 "all rebuilt after g2 was rebuilt alone"

# g0's file removed: seen although all's summary names only g0's record
rm grp/g0
ok redo-ifchange all
assert_eq "$(ran g0)" 2 "g0 rebuilt when its file was removed"
assert_eq "$(ran all)" 4 "all rebuilt"

# g1 edited by hand: an override, seen through the below line
tick
echo mine >grp/g1
redo-ifchange all 2>err || fail "build with g1 overridden failed"
grep -q 'g1 - you modified it' err || fail "no override warning: $(cat err)"
assert_eq "$(sed -n 2p all)" mine "all rebuilt against the user's g1"
rm grp/g1
ok redo-ifchange all

# two levels of below lines: top -> all -> groups
do_file top.do <<'X'
redo-ifchange all
echo top >>runs.log
cat all
X
ok redo top
n=$(ran top)
ok redo-ifchange top
assert_eq "$(ran top)" "$n" "no-op through two levels"
tick
echo "src 75 edited" >lib/f75.c
ok redo-ifchange top
assert_eq "$(ran f75.o)" 2 "f75.o rebuilt through two levels"
assert_eq "$(ran top)" $((n + 1)) "top rebuilt"
assert_eq "$(cat top)" "$(cat all)" "top has the new all"
assert_eq "$(sed -n 3p all)" "$(cat lib/f60.o lib/f61.o lib/f62.o lib/f63.o lib/f64.o \
	lib/f65.o lib/f66.o lib/f67.o lib/f68.o lib/f69.o lib/f70.o lib/f71.o \
	lib/f72.o lib/f73.o lib/f74.o lib/f75.o lib/f76.o lib/f77.o lib/f78.o \
	lib/f79.o lib/f80.o lib/f81.o lib/f82.o lib/f83.o lib/f84.o lib/f85.o \
	lib/f86.o lib/f87.o lib/f88.o lib/f89.o | cksum)" "g2's checksum in all is that of the new objects"
grep -q 'src 75 edited' lib/f75.o || fail "f75.o lacks the edit"

# a record below a below line that cannot be read: the check falls back
# to the full check, which rebuilds what it must
echo garbage >grp/.redo/r.g0
ok redo-ifchange all 2>err
n=$(ran g0)
ok redo-ifchange all
assert_eq "$(ran g0)" "$n" "after the rebuild, a no-op again"
