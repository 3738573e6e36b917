# t/coarse.sh - sourced by the tests that need a filesystem whose
# timestamps have whole seconds (as FAT, HFS+ and many NFS setups do).
# coarse_fs DIR: mounts on DIR a fresh ext4 image with 128-byte inodes
# (no room for nanoseconds: every mtime is a whole second), unmounted
# when the test ends.  Skips, with the reason, where that cannot be done
# (not root, no mkfs.ext4, no loop device); CI runs as root and has all.
coarse_fs() {
	[ "$(id -u)" = 0 ] ||
		skip "needs root to loop-mount an ext4 image with 1-second mtimes"
	command -v mkfs.ext4 >/dev/null 2>&1 || skip "no mkfs.ext4 (e2fsprogs)"
	dd if=/dev/zero of=coarse.img bs=1024 count=16384 2>/dev/null ||
		fail "cannot write the image coarse.img"
	mkfs.ext4 -q -F -I 128 coarse.img >mkfs.out 2>&1 ||
		skip "mkfs.ext4 -I 128 failed: $(head -n 1 mkfs.out)"
	mkdir -p "$1"
	mount -o loop coarse.img "$1" 2>mount.err ||
		skip "cannot loop-mount an ext4 image: $(head -n 1 mount.err)"
	coarse_dir=$(cd "$1" && pwd -P)
	trap 'cd / && umount "$coarse_dir" 2>/dev/null' EXIT
	trap 'exit 1' INT TERM
	# the point of it: no nanoseconds in this filesystem's mtimes
	: >"$1/probe"
	case $(stat -c %y "$1/probe" 2>/dev/null) in
	*.000000000*) ;;
	"") ;;
	*) fail "mtimes on $1 have nanoseconds: $(stat -c %y "$1/probe")" ;;
	esac
	rm -f "$1/probe"
}
