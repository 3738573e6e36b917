/* t/shimloaded.c - linked into every LD_PRELOAD shim of t/ (t/par.sh
 * build_shim): loading the shim creates the file $SHIM_LOADED, if set,
 * so that a test can see whether the shim takes effect in redo at all
 * (it does not in a static binary) before it waits for what the shim
 * would do. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#ifdef __GNUC__
__attribute__((constructor))
#endif
static void shim_loaded(void)
{
	const char *path = getenv("SHIM_LOADED");
	int fd;
	if (path && (fd = open(path, O_WRONLY | O_CREAT, 0666)) >= 0)
		close(fd);
}
