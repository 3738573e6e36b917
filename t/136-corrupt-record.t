# SPEC §5 (issue 2): a record that cannot be parsed (garbage, truncated, a newer format version) gets a one-line warning and a rebuild, never a crash.
do_file out.do <<'X'
redo-ifchange in
cat in
echo out >>runs.log
X
echo x >in
n=1
check() {  # check WHAT: the record was damaged; expect a warning and a rebuild
	redo-ifchange out 2>err
	rc=$?
	[ $rc -eq 0 ] || fail "$1: exit $rc: $(cat err)"
	n=$((n + 1))
	assert_eq "$(ran out)" $n "$1: rebuilt"
	assert_eq "$(grep -c 'out' err)" 2 "$1: one warning line and the progress line: $(cat err)"
	grep -q '^redo: out: .*record' err || fail "$1: warning wording: $(cat err)"
	head -n 1 .redo/out,r | grep -qx 'redo-record 2' || fail "$1: record not rewritten"
	ok redo-ifchange out
	assert_eq "$(ran out)" $n "$1: clean after the rebuild"
}
ok redo out
# garbage
printf 'j\001\377unk\n\n\n' >.redo/out,r
check garbage
# truncated in the middle (no "end")
head -c 60 .redo/out,r >r && cat r >.redo/out,r
check truncated
# truncated at a line boundary, before "end"
sed '$d' .redo/out,r >r && cat r >.redo/out,r
check "missing end"
# a future version
sed '1s/.*/redo-record 9/' .redo/out,r >r && cat r >.redo/out,r
check "future version"
# empty
: >.redo/out,r
check empty
# a bad stamp and an overlong line
sed 's/^stamp .*/stamp f:zzz/' .redo/out,r >r && cat r >.redo/out,r
check "bad stamp"
# (a damaged stamp must not pass for a hand edit of the target)
sed 's/^stamp .*/stamp junk/' .redo/out,r >r && cat r >.redo/out,r
check "junk stamp"
sed 's/^dep c [^ ]*/dep c f:1:2/' .redo/out,r >r && cat r >.redo/out,r
check "bad dependency stamp"
{ echo 'redo-record 2'; head -c 100000 /dev/zero | tr '\0' a; echo; } >.redo/out,r
check "long line"
# a record that is a directory
rm .redo/out,r && mkdir .redo/out,r
redo-ifchange out 2>err
rc=$?
[ $rc -lt 128 ] || fail "crashed on a directory record ($rc)"
