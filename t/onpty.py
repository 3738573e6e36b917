# t/onpty.py COLS NEWCOLS WATCH CMD... - runs CMD on a pseudo-terminal
# COLS wide and copies what it writes to stdout.  Once the file WATCH
# exists, the terminal is resized to NEWCOLS (the kernel sends SIGWINCH
# to CMD) and the file "go" is created.  Exits with CMD's status.
import os, pty, select, struct, sys, fcntl, termios

def size(fd, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))

cols, newcols, watch, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    size(0, cols)       # before redo starts: no race
    os.execvp(cmd[0], cmd)
out, resized = b"", False
while True:
    if not resized and os.path.exists(watch):
        size(fd, newcols)
        resized = True
        open("go", "w").close()
    r, _, _ = select.select([fd], [], [], 0.01)
    if not r:
        continue
    try:
        data = os.read(fd, 65536)
    except OSError:     # EIO: the terminal's other side is closed
        break
    if not data:
        break
    out += data
sys.stdout.buffer.write(out)
_, st = os.waitpid(pid, 0)
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128 + os.WTERMSIG(st))
