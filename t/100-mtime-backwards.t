# SPEC §4 (issue 2, 13): an input whose mtime moves backwards (touch -d into the past) is a change when its content changed, even with the same size; with the same content it is verified unchanged, unless REDO_VERIFY=0 asks for pure stat semantics.
do_file out.do <<'X'
redo-ifchange in
cat in
echo out >>runs.log
X
echo one >in
ok redo out
assert_eq "$(ran out)" 1 "first build"
ok redo-ifchange out
assert_eq "$(ran out)" 1 "no-op"
# new content, same size, the mtime moved into the past
echo two >in
touch -d '2001-01-01 00:00:00' in
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after an edit with an mtime in the past"
assert_eq "$(cat out)" two "built from the edit"
ok redo-ifchange out
assert_eq "$(ran out)" 2 "clean again"
# and back again, further into the past, same content: verified
touch -d '1999-06-01 12:00:00' in
ok redo-ifchange out
assert_eq "$(ran out)" 2 "same content with an older mtime: unchanged"
# pure stat semantics: the same step back is a change
touch -d '1998-06-01 12:00:00' in
REDO_VERIFY=0 redo-ifchange out || fail "REDO_VERIFY=0 redo-ifchange out"
assert_eq "$(ran out)" 3 "REDO_VERIFY=0: rebuilt after the mtime went into the past"
