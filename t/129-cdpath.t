# SPEC §1 (issue 2): a .do inherits the caller's environment with CDPATH unset.
mkdir -p elsewhere/sub sub
do_file out.do <<'X'
echo "cdpath=${CDPATH-unset} var=$MYVAR"
cd sub
pwd -P
X
CDPATH=$PWD/elsewhere MYVAR=kept redo out
assert_eq "$(head -n 1 out)" "cdpath=unset var=kept" "CDPATH unset, others inherited"
assert_eq "$(sed -n 2p out)" "$(pwd -P)/sub" "cd went to ./sub"
