//! The terminal the picker reads: whether it is gone, and how much was
//! typed before the picker was ready to read it.

/// Whether the terminal on stdin hung up (its window or tmux server was
/// closed, an SSH connection dropped). Reading such a terminal returns end of
/// file or EIO forever, and crossterm's reader spins on it instead of
/// failing, so the picker asks the kernel directly.
#[cfg(unix)]
pub fn hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no timeout.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n == 1 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
pub fn hung_up() -> bool {
    false
}

/// Bytes typed on stdin's terminal and not read yet.
#[cfg(unix)]
pub fn pending_input() -> usize {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    let ok = unsafe { libc::ioctl(libc::STDIN_FILENO, libc::FIONREAD, &mut n) };
    if ok == 0 {
        usize::try_from(n).unwrap_or(0)
    } else {
        0
    }
}

#[cfg(not(unix))]
pub fn pending_input() -> usize {
    0
}
