#!/bin/sh
# t/coarse-suite.sh REDO [TEST...] - the suite (or TESTs) with every
# test's directory on a file system whose mtimes have whole seconds
# (ext4 with 128-byte inodes, loop-mounted, as FAT, HFS+ and many NFS
# setups behave): `make check-coarse` and .ci/run.  Edits in the tick
# of redo's own writes are the rule there, not a rare race: what a
# fine clock hides, this shows.  Needs root (mount) and mkfs.ext4;
# exits 77 with the reason on stdout where it cannot.
set -u
[ "$(id -u)" = 0 ] || { echo "needs root to loop-mount an ext4 image"; exit 77; }
command -v mkfs.ext4 >/dev/null 2>&1 || { echo "no mkfs.ext4 (e2fsprogs)"; exit 77; }
d=$(mktemp -d "${TMPDIR:-/tmp}/redo-coarse.XXXXXX") || exit 1
trap 'umount "$d/mnt" 2>/dev/null; rm -rf "$d"' EXIT
trap 'exit 1' INT TERM
# 2 GB, sparse: t/191 writes 500 MB of log (twice, for a moment)
# (mkfs warns that 128-byte inodes end in 2038: that is the point)
dd if=/dev/zero of="$d/img" bs=1048576 count=0 seek=2048 2>/dev/null &&
	mkfs.ext4 -q -F -I 128 "$d/img" >"$d/mkfs.out" 2>&1 ||
	{ cat "$d/mkfs.out"; exit 1; }
mkdir "$d/mnt"
mount -o loop "$d/img" "$d/mnt" 2>"$d/err" ||
	{ echo "cannot loop-mount an ext4 image: $(head -n 1 "$d/err")"; exit 77; }
mkdir "$d/mnt/tmp" && chmod 1777 "$d/mnt/tmp" || exit 1
: >"$d/mnt/probe"
case $(ls -l --full-time "$d/mnt/probe" 2>/dev/null) in
*.000000000*) ;;
*) echo "the image's mtimes have fractions of a second: $(ls -l --full-time "$d/mnt/probe")"
   exit 1 ;;
esac
echo "suite with TMPDIR on a 1-second-mtime ext4 image ($d/mnt)"
TMPDIR=$d/mnt/tmp sh "$(dirname "$0")/run.sh" "$@"
