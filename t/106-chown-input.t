# SPEC §4 (issue 2): chown/chgrp of an input is a change (uid and gid are part of the stamp); needs root.
[ "$(id -u)" = 0 ] || skip "not running as root: cannot chown"
do_file out.do <<'X'
redo-ifchange in
cat in
echo out >>runs.log
X
echo x >in
chown 0:0 in
ok redo out
chown 1 in || skip "chown refused here"
ok redo-ifchange out
assert_eq "$(ran out)" 2 "rebuilt after chown"
ok redo-ifchange out
assert_eq "$(ran out)" 2 "clean"
chgrp 1 in
ok redo-ifchange out
assert_eq "$(ran out)" 3 "rebuilt after chgrp"
