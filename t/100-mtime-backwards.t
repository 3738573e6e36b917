# SPEC §4 (issue 2): an input whose mtime moves backwards (touch -d into the past) is a change.
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
# same content, same size: only the mtime moves, and it moves back
touch -d '2001-01-01 00:00:00' in
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after the mtime went into the past"
ok redo-ifchange out
assert_eq "$(ran out)" 2 "clean again"
# and back again, further into the past
touch -d '1999-06-01 12:00:00' in
ok redo-ifchange out
assert_eq "$(ran out)" 3 "rebuilt after a second step back"
