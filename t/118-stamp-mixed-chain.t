# SPEC §6, §9, issue 3: mixed stamped/unstamped chains: unstamped targets between a stamped one and the parent are rebuilt first, and the parent only if a checksum really changed.
# chain: top <- mid (plain) <- leaf (stamped) <- in ;  top also <- side (plain) <- sin
do_file leaf.do <<'X'
echo leaf >>runs.log
redo-ifchange in
head -n 1 in
head -n 1 in | redo-stamp
X
do_file mid.do <<'X'
echo mid >>runs.log
redo-ifchange leaf
echo "mid($(cat leaf))"
X
do_file side.do <<'X'
echo side >>runs.log
redo-ifchange sin
cat sin
X
do_file top.do <<'X'
echo top >>runs.log
redo-ifchange mid side
echo "top $(cat mid) $(cat side)"
X
printf 'A\nx\n' >in
echo S >sin
ok redo top
assert_eq "$(cat top)" "top mid(A) S" "first build"
# leaf rebuilt to the same content: nothing above it runs
printf 'A\ny\n' >in
ok redo-ifchange top
assert_eq "$(ran leaf)" 2 "leaf rebuilt"
assert_eq "$(ran mid)" 1 "mid not rebuilt"
assert_eq "$(ran top)" 1 "top not rebuilt"
# leaf changes: mid (unstamped, in between) is rebuilt, then top
printf 'B\ny\n' >in
ok redo-ifchange top
assert_eq "$(ran leaf)" 3 "leaf rebuilt"
assert_eq "$(ran mid)" 2 "mid rebuilt"
assert_eq "$(ran top)" 2 "top rebuilt"
assert_eq "$(cat top)" "top mid(B) S" "with the new content"
# an unchanged stamped leaf plus a changed unstamped sibling: top rebuilds, mid does not
printf 'B\nz\n' >in
echo T >sin
ok redo-ifchange top
assert_eq "$(ran leaf)" 4 "leaf rebuilt"
assert_eq "$(ran mid)" 2 "mid not rebuilt"
assert_eq "$(ran side)" 2 "side rebuilt"
assert_eq "$(ran top)" 3 "top rebuilt for side"
assert_eq "$(cat top)" "top mid(B) T" "content"
# a stamped target above an unstamped one: the plain one changes, the stamped one stays equal
do_file raw.do <<'X'
echo raw >>runs.log
redo-ifchange rin
cat rin
X
do_file digest.do <<'X'
echo digest >>runs.log
redo-ifchange raw
wc -l <raw | tr -d ' '
wc -l <raw | redo-stamp
X
do_file report.do <<'X'
echo report >>runs.log
redo-ifchange digest
echo "lines: $(cat digest)"
X
printf 'a\nb\n' >rin
ok redo report
printf 'c\nd\n' >rin
ok redo-ifchange report
assert_eq "$(ran raw)" 2 "raw rebuilt"
assert_eq "$(ran digest)" 2 "digest rebuilt"
assert_eq "$(ran report)" 1 "report not rebuilt: digest's checksum is the same"
printf 'c\nd\ne\n' >rin
ok redo-ifchange report
assert_eq "$(ran report)" 2 "report rebuilt when the line count changed"
assert_eq "$(cat report)" "lines: 3" "content"
