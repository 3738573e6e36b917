# SPEC §1 (issue 2): a .do inherits its caller's environment (and variables a .do exports reach nested .do scripts); redo never sets DO_BUILT.
do_file t.do <<'X'
echo "mine=$MINE do_built=${DO_BUILT-unset}"
export FROM_T=yes
redo-ifchange u
cat u
X
do_file u.do <<'X'
echo "u sees $FROM_T $MINE"
X
MINE=here redo t
assert_eq "$(cat t)" "mine=here do_built=unset
u sees yes here" "environment"
