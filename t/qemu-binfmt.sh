#!/bin/sh
# t/qemu-binfmt.sh ARCH PROBE - make the kernel run ARCH's binaries,
# such as the cross-built binary PROBE, so that it and the redo-* names
# pointing at it run as if native: `make check-s390x`, `make
# check-i686` and .ci/run.
#
# If PROBE runs already (an i686 binary on most x86-64 kernels, or a
# registration made before), nothing is done.  Otherwise ARCH is
# registered with binfmt_misc to run through qemu-user-static, mounting
# binfmt_misc first if needed.  The registration keeps argv[0] (flag
# P), which redo needs to know which command it is, and opens qemu at
# once (F).  Debian's qemu-user-static has a /usr/lib/binfmt.d file for
# every ARCH but the host's own family; for i386 (an x86-64 kernel
# without IA-32 emulation) the line is made here from the ELF header:
# 32-bit, little-endian, version 1, any OS ABI, an executable or a
# shared object (PIE, ld.so), machine 3 (EM_386).
# Needs root to register.  Exits 0 if PROBE now runs, 77 with the
# reason on stdout if it cannot (not root, no binfmt_misc in this
# kernel or container, no qemu).
set -u
[ $# -eq 2 ] || { echo "usage: t/qemu-binfmt.sh ARCH PROBE" >&2; exit 2; }
arch=$1 probe=$2
misc=/proc/sys/fs/binfmt_misc
conf=/usr/lib/binfmt.d/qemu-$arch.conf
qemu=/usr/bin/qemu-$arch-static

cannot() {
	echo "cannot run $arch binaries: $*"
	exit 77
}

runs() {
	"$probe" --version >/dev/null 2>&1
}

runs && exit 0
[ "$(id -u)" = 0 ] || cannot "$probe does not run, and only root can register qemu"
[ -x "$qemu" ] || cannot "no $qemu (apt-get install qemu-user-static)"
if [ ! -e "$misc/register" ]; then
	mount -t binfmt_misc binfmt_misc "$misc" 2>/dev/null ||
		cannot "binfmt_misc cannot be mounted here (a container?)"
fi
if [ -f "$conf" ]; then
	line=$(grep -v '^#' "$conf" | head -n 1)
elif [ "$arch" = i386 ]; then
	# the interpreter's name ending in -binfmt-P tells qemu that the
	# kernel passes argv[0] along
	interp=/usr/local/libexec/qemu-binfmt/i386-binfmt-P
	mkdir -p "${interp%/*}" && ln -sf "$qemu" "$interp" ||
		cannot "cannot make $interp"
	line=":qemu-i386:M::\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00"
	line="$line:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
	line="$line:$interp:OPF"
else
	cannot "no $conf"
fi
name=$(echo "$line" | cut -d: -f2)
# an old registration (a disabled one, or one whose qemu has gone)
[ -e "$misc/$name" ] && echo -1 >"$misc/$name" 2>/dev/null
printf '%s\n' "$line" >"$misc/register" 2>/dev/null ||
	cannot "the kernel refused the registration of $name"
runs || cannot "$probe does not run even through $qemu"
exit 0
