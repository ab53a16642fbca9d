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

    /// The kernel hands typed bytes to the terminal asynchronously.
    fn wait(done: impl Fn() -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !done() {
            assert!(std::time::Instant::now() < deadline, "timed out");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}
