# bench/common.sh - sourced by bench/extra.sh, bench/syscalls.sh and
# bench/profile.sh: what each sets up the same way.

# bench_clean_env KEEP: no REDO* variable but KEEP (the settings of the
# redo being timed must not leak into the runs), no make jobserver or
# CDPATH from the caller
bench_clean_env() {
	for _v in $(env | sed -n 's/^\(REDO[A-Za-z0-9_]*\)=.*/\1/p'); do
		[ "$_v" = "$1" ] || unset "$_v"
	done
	unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS CDPATH
}

# bench_bin DIR REDO: DIR holds a copy of REDO and its command names
bench_bin() {
	mkdir -p "$1"
	cp "$2" "$1/redo"
	for _n in redo-ifchange redo-ifcreate redo-always redo-stamp; do
		ln -sf redo "$1/$_n"
	done
}
