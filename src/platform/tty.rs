//! The terminal the picker reads: whether it is gone, and how much was
//! typed before the picker was ready to read it.

/// Whether the terminal on stdin hung up (its window or tmux server was
/// closed, an SSH connection dropped). Reading such a terminal returns end of
/// file or EIO forever, and crossterm's reader spins on it instead of
/// failing, so the picker asks the kernel directly.
#[cfg(unix)]
pub fn hung_up() -> bool {
    fd_hung_up(libc::STDIN_FILENO)
}

#[cfg(not(unix))]
pub fn hung_up() -> bool {
    false
}

/// Bytes typed on stdin's terminal and not read yet.
#[cfg(unix)]
pub fn pending_input() -> usize {
    fd_pending(libc::STDIN_FILENO)
}

#[cfg(not(unix))]
pub fn pending_input() -> usize {
    0
}

/// What reached stdin's terminal after the line just read, within a few
/// milliseconds, whole lines or not: the rest of a paste that held a line
/// break (no one types the next answer before its question is shown).
/// Taken from the terminal, so it answers nothing. Empty when stdin is no
/// terminal, or where this cannot be known.
#[cfg(unix)]
pub fn take_pasted_rest() -> Vec<u8> {
    fd_take_rest(libc::STDIN_FILENO, 30)
}

#[cfg(not(unix))]
pub fn take_pasted_rest() -> Vec<u8> {
    Vec::new()
}

/// What is typed on stdin's terminal while `canned` finishes after the
/// picker has left the screen (a copy waiting on a display that does not
/// answer, 10 s): not echoed, and dropped when the guard is, so that none
/// of it reaches the shell as a command once `canned` exits. The
/// terminal's settings come back on drop.
pub struct TypingSwallowed {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

#[cfg(unix)]
pub fn swallow_typing() -> TypingSwallowed {
    let fd = libc::STDIN_FILENO;
    // SAFETY: termios is plain data that tcgetattr fills in.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: a valid descriptor and a termios to fill.
    if unsafe { libc::isatty(fd) } != 1 || unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
        return TypingSwallowed { saved: None };
    }
    let mut quiet = saved;
    quiet.c_lflag &= !(libc::ECHO | libc::ICANON);
    // SAFETY: settings copied from the terminal's own.
    let set = unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } == 0;
    TypingSwallowed {
        saved: set.then_some(saved),
    }
}

#[cfg(not(unix))]
pub fn swallow_typing() -> TypingSwallowed {
    TypingSwallowed {}
}

impl Drop for TypingSwallowed {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            // SAFETY: drops what was typed, then restores what tcgetattr gave.
            unsafe {
                libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved);
            }
        }
    }
}

/// The canonical line discipline hands out whole lines only, so the rest
/// of a paste without its final line break is invisible until the next
/// Enter: with `ICANON` off for a moment, every byte typed is readable.
#[cfg(unix)]
fn fd_take_rest(fd: libc::c_int, wait_ms: libc::c_int) -> Vec<u8> {
    // SAFETY: termios is plain data that tcgetattr fills in.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: a valid descriptor and a termios to fill.
    if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 || saved.c_lflag & libc::ICANON == 0 {
        return Vec::new();
    }
    let mut raw = saved;
    raw.c_lflag &= !libc::ICANON;
    raw.c_cc[libc::VMIN] = 0;
    raw.c_cc[libc::VTIME] = 0;
    // SAFETY: as above, with settings copied from the terminal's own.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &raw) } != 0 {
        return Vec::new();
    }
    let mut rest = Vec::new();
    let mut pollfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let mut buf = [0u8; 4096];
    let mut wait = wait_ms;
    // SAFETY: one valid pollfd; reads into a live buffer of its length.
    while unsafe { libc::poll(&mut pollfd, 1, wait) } == 1 && pollfd.revents & libc::POLLIN != 0 {
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        let Ok(n @ 1..) = usize::try_from(n) else {
            break;
        };
        rest.extend_from_slice(&buf[..n]);
        // The rest of a paste comes at once; no more waiting for it.
        wait = 0;
    }
    // SAFETY: restores what tcgetattr gave.
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
    rest
}

#[cfg(unix)]
fn fd_hung_up(fd: libc::c_int) -> bool {
    let mut pollfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no timeout.
    let n = unsafe { libc::poll(&mut pollfd, 1, 0) };
    n == 1 && pollfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(unix)]
fn fd_pending(fd: libc::c_int) -> usize {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    let ok = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) };
    if ok == 0 {
        usize::try_from(n).unwrap_or(0)
    } else {
        0
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A pseudo-terminal: (the terminal's end, the program's end).
    fn pty() -> (libc::c_int, libc::c_int) {
        // SAFETY: POSIX calls on descriptors made here; ptsname's string is
        // used before any other call could overwrite it.
        unsafe {
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
            assert!(master >= 0, "posix_openpt");
            assert_eq!(libc::grantpt(master), 0);
            assert_eq!(libc::unlockpt(master), 0);
            let name = libc::ptsname(master);
            assert!(!name.is_null());
            let slave = libc::open(name, libc::O_RDWR | libc::O_NOCTTY);
            assert!(slave >= 0, "open the pty");
            (master, slave)
        }
    }

    #[test]
    fn a_terminal_whose_window_closed_has_hung_up() {
        let (master, slave) = pty();
        assert!(!fd_hung_up(slave));
        // SAFETY: closing descriptors this test opened.
        unsafe { libc::close(master) };
        assert!(fd_hung_up(slave));
        unsafe { libc::close(slave) };
    }

    #[test]
    fn counts_what_was_typed_and_not_read() {
        let (master, slave) = pty();
        assert_eq!(fd_pending(slave), 0);
        let typed = b"ok\n";
        // SAFETY: writing a live buffer to a descriptor this test opened.
        let written = unsafe { libc::write(master, typed.as_ptr().cast(), typed.len()) };
        assert_eq!(written, 3);
        wait(|| fd_pending(slave) == 3);
        unsafe {
            libc::close(master);
            libc::close(slave);
        }
    }

    /// A canonical terminal, as a shell leaves it.
    fn canonical(fd: libc::c_int) {
        // SAFETY: termios filled by tcgetattr, set back on the same fd.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(fd, &mut t), 0);
            t.c_lflag |= libc::ICANON;
            assert_eq!(libc::tcsetattr(fd, libc::TCSANOW, &t), 0);
        }
    }

    fn read_line(fd: libc::c_int) -> Vec<u8> {
        let mut buf = [0u8; 64];
        // SAFETY: reads into a live buffer of its length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        buf[..usize::try_from(n).expect("read")].to_vec()
    }

    #[test]
    fn the_rest_of_a_paste_after_its_line_break_is_taken_whole_line_or_not() {
        let (master, slave) = pty();
        canonical(slave);
        let pasted = b"Mary\nAnn";
        // SAFETY: writing a live buffer to a descriptor this test opened.
        unsafe { libc::write(master, pasted.as_ptr().cast(), pasted.len()) };
        assert_eq!(read_line(slave), b"Mary\n");
        assert_eq!(fd_take_rest(slave, 1000), b"Ann");
        // Taken: nothing is left to answer the next question, and the
        // terminal reads whole lines again.
        assert_eq!(fd_take_rest(slave, 0), b"");
        let typed = b"Ann\n";
        unsafe { libc::write(master, typed.as_ptr().cast(), typed.len()) };
        assert_eq!(read_line(slave), b"Ann\n");
        unsafe {
            libc::close(master);
            libc::close(slave);
        }
    }

    /// The kernel hands typed bytes to the terminal asynchronously.
    fn wait(done: impl Fn() -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !done() {
            assert!(std::time::Instant::now() < deadline, "timed out");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}
