# SPEC §7, §8, issue 7: a missing .do, an unreadable .do, a .do that is a directory or a dangling link or names a missing interpreter, a read-only target directory and a full disk each give a short `redo: TARGET: ...` error and a non-zero exit, never a crash, and never lose the old target or record.
unit=${UNIT:-$T_TOP/t/unit}
case $unit in /*) ;; *) unit=$T_TOP/$unit ;; esac
root=
[ "$(id -u)" = 0 ] && root=1
skipped=

# bad WHAT TARGET CMD...: CMD must fail (exit 1..127) and say, in lines
# of redo's own, what went wrong with TARGET: at most three, the last
# "failed (exit N)" or the only one.  Lines from the .do are allowed.
bad() {
	_what=$1 _t=$2
	shift 2
	"$@" >out.log 2>err.log
	_rc=$?
	[ $_rc -ne 0 ] || fail "$_what: '$*' succeeded"
	[ $_rc -lt 128 ] || { cat err.log; fail "$_what: '$*' crashed ($_rc)"; }
	grep '^redo: ' err.log >msgs
	[ -s msgs ] || { cat err.log; fail "$_what: no 'redo: ' message"; }
	grep -v "^redo: $_t: " msgs | grep -v '^redo: all: failed' | grep -q . &&
		{ cat err.log; fail "$_what: a message not about $_t"; }
	[ "$(lines msgs)" -le 3 ] || { cat err.log; fail "$_what: too many messages"; }
	echo "$_what: $(head -n 1 msgs)"
}
note() {
	echo "note: $*"
	skipped="$skipped; $*"
}

bad "missing .do" nothere redo-ifchange nothere
assert_eq "$(cat msgs)" "redo: nothere: no rule to build it" "missing .do"
bad "missing .do, forced" nothere redo nothere
bad "missing .do in a subdirectory" sub/x redo-ifchange sub/x
bad "empty name" redo-ifchange redo-ifchange ''

mkdir dirdo.do
bad ".do is a directory" dirdo redo-ifchange dirdo
assert_eq "$(cat msgs)" "redo: dirdo: no rule to build it" ".do is a directory"

ln -s nowhere.do dangling.do
bad ".do is a dangling symlink" dangling redo-ifchange dangling

printf '#!/nonexistent/interpreter\necho x\n' >interp.do
bad ".do names a missing interpreter" interp redo-ifchange interp

echo 'echo secret' >unread.do
chmod 000 unread.do
if [ -r unread.do ]; then
	note "unreadable .do: chmod 000 does not stop us reading (running as root)"
else
	bad "unreadable .do" unread redo-ifchange unread
fi
chmod 644 unread.do

# a target whose build failed keeps its old file and record
echo 'echo old' >keep.do
ok redo-ifchange keep 2>/dev/null
cp .redo/keep,r keep.rec
echo 'exit 3' >keep.do
bad "failing .do" keep redo-ifchange keep
assert_eq "$(cat keep)" old "failing .do: old target kept"
[ -x "$unit" ] && { "$unit" parse .redo/keep,r >/dev/null || fail "record"; }

# mnt DIR: a fresh 64 kB tmpfs on DIR (root only, where allowed)
mounted=
mnt() {
	mkdir -p "$1" && mount -t tmpfs -o size=64k tmpfs "$1" 2>/dev/null ||
		return 1
	mounted="$1 $mounted"
}
trap 'for m in $mounted; do umount "$m" 2>/dev/null; done' EXIT
canmount=
[ -n "$root" ] && mnt probe && canmount=1

# ---- a read-only target directory ----
# (the .do outside it, in a writable one: its stdout has nowhere to go)
do_file default.ro.do <<'X'
echo "built $2"
X
if [ -n "$canmount" ]; then
	mnt rodir
	ok redo-ifchange rodir/t.ro 2>/dev/null
	mount -o remount,ro rodir || fail "remount ro"
	echo 'echo "new $2"' >default.ro.do
	bad "read-only target directory" rodir/t.ro redo-ifchange rodir/t.ro
	# issue 14 fix 10: the message names the directory
	grep -q '^redo: rodir/t.ro: cannot write output in rodir: ' msgs ||
		fail "read-only: the directory not named: $(cat msgs)"
	assert_eq "$(cat rodir/t.ro)" "built rodir/t" "read-only: old file kept"
	# and a .do inside the read-only directory: its lock cannot be made
	umount rodir && mounted=${mounted#rodir } && mnt rodir
	echo 'echo inside' >rodir/in.do
	mount -o remount,ro rodir || fail "remount ro"
	bad "read-only .do directory" rodir/in redo-ifchange rodir/in
else
	mkdir rodir
	ok redo-ifchange rodir/t.ro 2>/dev/null
	chmod 555 rodir
	echo 'echo "new $2"' >default.ro.do
	if touch rodir/probe 2>/dev/null; then
		note "read-only directory: chmod 555 does not stop us (root, and no tmpfs)"
	else
		bad "read-only target directory" rodir/t.ro redo-ifchange rodir/t.ro
		grep -q '^redo: rodir/t.ro: cannot write output in rodir: ' msgs ||
			fail "read-only: the directory not named: $(cat msgs)"
		assert_eq "$(cat rodir/t.ro)" "built rodir/t" "read-only: old file kept"
	fi
	chmod 755 rodir
fi

# ---- a full disk ----
if [ -n "$canmount" ]; then
	mnt full
	echo 'echo small' >full/big.do
	echo 'echo small' >full/rec.do
	ok redo-ifchange full/big full/rec 2>/dev/null
	cp full/.redo/big,r big.rec
	cp full/.redo/rec,r rec.rec
	# stdout too big for the target's directory
	echo 'head -c 1000000 /dev/zero' >full/big.do
	bad "full disk (stdout)" full/big redo-ifchange full/big
	assert_eq "$(cat full/big)" small "full disk: old target kept"
	ls -a full | grep -q 'redo.tmp' && fail "full disk: temp file left"
	# $3 too big
	echo 'head -c 1000000 /dev/zero >"$3"' >full/big.do
	bad "full disk (\$3)" full/big redo-ifchange full/big
	assert_eq "$(cat full/big)" small "full disk: old target kept"
	# no room even for the record: the old one stays, whole
	echo ': >"$3"' >full/rec.do
	head -c 1000000 /dev/zero >full/filler 2>/dev/null
	bad "full disk (record)" full/rec redo-ifchange full/rec
	assert_eq "$(cat full/rec)" small "full disk: old target kept"
	cmp -s full/.redo/rec,r rec.rec || fail "full disk: record changed"
	ls -a full/.redo | grep -q '^tmp' && fail "full disk: temp record left"
	# the temp directory full: stdout cannot be captured (not under
	# valgrind, which needs $TMPDIR for itself)
	mnt fulltmp
	head -c 1000000 /dev/zero >fulltmp/filler 2>/dev/null
	echo 'echo hello; echo world' >tmpout.do
	if [ -L "$(command -v redo)" ]; then
		otmp=${TMPDIR-}
		TMPDIR=$PWD/fulltmp
		export TMPDIR
		bad "full \$TMPDIR" tmpout redo-ifchange tmpout
		if [ -n "$otmp" ]; then TMPDIR=$otmp; else unset TMPDIR; fi
	else
		note "full \$TMPDIR: not under valgrind (it writes there too)"
	fi
	# room again: everything builds
	rm full/filler fulltmp/filler
	echo 'head -c 20000 /dev/zero >"$3"' >full/big.do
	ok redo-ifchange full/big full/rec tmpout 2>/dev/null
	assert_eq "$(wc -c <full/big | tr -d ' ')" 20000 "full disk: rebuilt later"
	assert_eq "$(cat tmpout)" "hello
world" "full \$TMPDIR: rebuilt later"
else
	note "full disk: cannot mount a small tmpfs here (needs root)"
fi
[ -n "$skipped" ] && echo "partly skipped$skipped"
exit 0
