# SPEC §9, issue 3: early cutoff: a redo-stamp target rebuilt to the same content does not rebuild its dependents; a real change does.
do_file mid.do <<'X'
echo mid >>runs.log
redo-ifchange in
# only the first line matters
head -n 1 in >$3
redo-stamp <$3
X
do_file top.do <<'X'
echo top >>runs.log
redo-ifchange mid
echo "top: $(cat mid)"
X
printf 'one\nnoise1\n' >in
ok redo top
assert_eq "$(cat top)" "top: one" "first build"
printf 'one\nnoise2\n' >in
ok redo-ifchange top
assert_eq "$(ran mid)" 2 "mid rebuilt (its input changed)"
assert_eq "$(ran top)" 1 "top not rebuilt: mid's checksum did not change"
ok redo-ifchange top
assert_eq "$(ran mid)" 2 "then a no-op for mid"
assert_eq "$(ran top)" 1 "and for top"
printf 'two\nnoise2\n' >in
ok redo-ifchange top
assert_eq "$(ran mid)" 3 "mid rebuilt"
assert_eq "$(ran top)" 2 "top rebuilt: the checksum changed"
assert_eq "$(cat top)" "top: two" "with the new content"
# redo (forced) on the stamped target, same content: its dependent stays clean
ok redo mid
assert_eq "$(ran mid)" 4 "redo mid ran it"
ok redo-ifchange top
assert_eq "$(ran top)" 2 "top still clean"
# the checksum is in the record, as plain text
sum=$(printf 'two\n' | sha1sum 2>/dev/null | cut -d' ' -f1)
if [ -n "$sum" ]; then
	grep -qx "sum $sum" .redo/mid,r || fail "checksum not recorded: $(cat .redo/mid,r)"
fi
