# SPEC §8 (issue 2): $3 may be a directory (mkdir $3): it becomes the target; a directory target is stamped as a directory.
do_file d.do <<'X'
echo d >>runs.log
redo-ifchange in
mkdir $3
cp in $3/file
X
echo one >in
ok redo d
[ -d d ] || fail "d is not a directory"
assert_eq "$(cat d/file)" one "content"
ok redo-ifchange d
assert_eq "$(ran d)" 1 "no-op"
# changes inside the directory do not make it out of date
echo junk >d/extra
ok redo-ifchange d
assert_eq "$(ran d)" 1 "changes inside a directory target are not a change"
echo two >in
ok redo-ifchange d
assert_eq "$(ran d)" 2 "rebuilt when its input changed"
assert_eq "$(cat d/file)" two "replaced whole"
[ -e d/extra ] && fail "old directory content left"
# a .do that makes $1 a directory itself: kept, stamped as a directory
do_file e.do <<'X'
echo e >>runs.log
mkdir -p $1
echo x >$1/f
X
ok redo e
[ -d e ] || fail "e is not a directory"
echo y >e/g
ok redo-ifchange e
assert_eq "$(ran e)" 1 "directory \$1 clean after changes inside"
true
