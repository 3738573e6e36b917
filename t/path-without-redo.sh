# t/path-without-redo.sh - sourced by tests that need a PATH with no redo
# command on it (t/600, t/601).  Sets redo_names (every command name)
# and clean_path: $PATH without the
# harness's bin dir; a directory that holds some other redo (say
# /usr/bin with a distribution's redo) is replaced by a directory of
# links to everything else in it, under ./nonredo-N.
# the command names: redo and the Makefile's NAMES (what make install links)
redo_names=$(awk '/^NAMES[ \t]*=/ { on = 1; sub(/^NAMES[ \t]*=/, "") }
	on { more = sub(/\\$/, ""); print; if (!more) exit }' "$T_TOP/Makefile")
case " $(echo $redo_names) " in
*" redo-ifchange "*) redo_names="redo $(echo $redo_names)" ;;
*) echo "cannot read NAMES from $T_TOP/Makefile" >&2; exit 2 ;;
esac
clean_path=
_n=0
_ifs=$IFS
IFS=:
for _d in $PATH; do
	IFS=$_ifs
	[ -n "$_d" ] && [ -d "$_d" ] || continue
	_has=
	for _c in $redo_names; do
		[ -e "$_d/$_c" ] && _has=1
	done
	if [ -n "$_has" ]; then
		[ "$_d" = "${T_REAL%/*}/bin" ] && continue   # the harness's
		_n=$((_n + 1))
		mkdir "$PWD/nonredo-$_n" || exit 2
		for _f in "$_d"/* "$_d"/.[!.]*; do
			[ -e "$_f" ] || continue
			case ${_f##*/} in
			redo | redo-*) ;;
			*) ln -s "$_f" "$PWD/nonredo-$_n/" ;;
			esac
		done
		_d=$PWD/nonredo-$_n
	fi
	clean_path=${clean_path:+$clean_path:}$_d
done
IFS=$_ifs
unset _n _d _has _c _f _ifs
