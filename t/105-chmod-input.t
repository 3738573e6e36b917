# SPEC §4 (issue 2): chmod of an input is a change (mode is part of the stamp).
do_file out.do <<'X'
redo-ifchange in
cat in
echo out >>runs.log
X
echo x >in
chmod 644 in
ok redo out
chmod 600 in
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after chmod"
ok redo-ifchange out
assert_eq "$(ran out)" 2 "clean"
chmod 644 in
ok redo-ifchange out
assert_eq "$(ran out)" 3 "rebuilt after chmod back"
# a .do file is an input too
chmod +x out.do
ok redo-ifchange out
assert_eq "$(ran out)" 4 "rebuilt after chmod of the .do"
