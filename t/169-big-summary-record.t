# DESIGN 19, issue 17: the record of a target with a big summary (more than 64 lines) is read in two parts, and the summary is let go once checked.  Such a record laid out otherwise by hand still reads the same, a damaged line in its summary still gets the warning and a rebuild, and checks and rebuilds through it stay exact.
mkdir -p lib
do_file lib/default.o.do <<'X'
redo-ifchange "$2.c"
echo "$2.o" >>../runs.log
cat "$2.c"
X
i=0 m=
while [ $i -lt 80 ]; do
	echo "src $i" >lib/f$i.c
	m="$m lib/f$i.o"
	i=$((i + 1))
done
do_file grp.do <<X
redo-ifchange $m
echo grp >>runs.log
cat $m | cksum
X
do_file all.do <<'X'
redo-ifchange grp
echo all >>runs.log
cat grp
X
age *.do lib/*.do lib/*.c
ok redo all
big=$(grep -c '^deep \|^below \|^fresh \|^dir ' .redo/grp,r)
[ "$big" -gt 64 ] || fail "grp has no big summary ($big lines)"
tail -n 1 .redo/grp,r | grep -qx end || fail "record does not end with end"

ok redo-ifchange all
assert_eq "$(ran grp)" 1 "a no-op through the big summary"
assert_eq "$(ran all)" 1 "all not rebuilt"

# a dependency line moved after the summary: the same record, read whole
awk '/^dep /{d=d $0 "\n"; next} /^end$/{printf "%s", d} {print}' \
	.redo/grp,r >r && cat r >.redo/grp,r
grep -n '^dep ' .redo/grp,r | tail -n 1 | grep -q "^$(($(wc -l <.redo/grp,r) - 1)):" ||
	fail "the dep lines were not moved to the end: $(tail -n 3 .redo/grp,r)"
redo-ifchange all 2>err || fail "no-op with a reordered record failed: $(cat err)"
[ ! -s err ] || fail "a reordered record was taken for a damaged one: $(cat err)"
assert_eq "$(ran grp)" 1 "reordered record: still a no-op"

# a source below it edited: seen, exactly the one object and its parents
# (its mtime set back, out of the file clock's tick: on a file system
# with 1-second mtimes a source edited in the build's own tick gives grp
# no summary at all, rightly, and the damage below needs one)
echo "src 70 edited" >lib/f70.c
touch -t 200001020000 lib/f70.c
ok redo-ifchange all
assert_eq "$(ran f70.o)" 2 "f70.o rebuilt"
assert_eq "$(ran f69.o)" 1 "f69.o not rebuilt"
assert_eq "$(ran grp)" 2 "grp rebuilt"
assert_eq "$(ran all)" 2 "all rebuilt"
ok redo-ifchange all
assert_eq "$(ran all)" 2 "then a no-op again"

# one line of the summary damaged (no stamp, no name): a warning, and
# grp is rebuilt, never taken for up to date
big=$(grep -c '^deep \|^below \|^fresh \|^dir ' .redo/grp,r)
[ "$big" -gt 64 ] || fail "grp's rebuild wrote no big summary ($big lines)"
n=$(grep -n '^deep ' .redo/grp,r | sed -n 40p | cut -d: -f1)
[ -n "$n" ] || fail "no 40th deep line in grp's record"
sed "${n}s/.*/deep/" .redo/grp,r >r && cat r >.redo/grp,r
redo-ifchange all 2>err || fail "build with a damaged summary failed: $(cat err)"
grep -q '^redo: grp: .*record' err || fail "no warning about grp's record: $(cat err)"
assert_eq "$(ran grp)" 3 "grp rebuilt after its summary was damaged"
assert_eq "$(ran f1.o)" 1 "its objects not rebuilt"
ok redo-ifchange all
assert_eq "$(ran grp)" 3 "then a no-op"

# a summary line after "end": damaged, as before
echo "deep - lib/nothing" >>.redo/grp,r
redo-ifchange all 2>err || fail "build with data after end failed: $(cat err)"
grep -q '^redo: grp: .*record' err || fail "no warning for data after end: $(cat err)"
assert_eq "$(ran grp)" 4 "grp rebuilt after data after its end"
