//! Signals that ask a full-screen program to leave: while the picker owns
//! the terminal, SIGINT, SIGHUP, SIGQUIT and SIGTERM (on Windows, what the
//! console delivers as SIGINT and SIGTERM) set a flag instead of killing
//! the process, so the picker restores the terminal before it exits. SIGTSTP
//! (unix) sets another, so the picker gives the terminal back before it
//! stops, and takes it again when continued.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::SigId;

/// Watches for termination signals until dropped; from then on a signal
/// has its default effect again (the process ends).
pub struct Termination {
    flag: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
    ids: Vec<SigId>,
    /// Set on drop: a signal then takes the default action. (signal-hook
    /// cannot reinstall the OS default once its handler is in, so this
    /// emulates it.)
    done: Arc<AtomicBool>,
}

impl Termination {
    /// Termination and stop signals alike, for a program that owns the
    /// terminal.
    pub fn watch() -> std::io::Result<Termination> {
        Termination::register(true)
    }

    /// Termination signals only, for a program waiting on another that owns
    /// the terminal (an editor): it leaves once that one is done. A stop
    /// stops both, as the editor's Ctrl-Z stops its whole process group,
    /// and the shell takes the terminal back.
    pub fn deferred() -> std::io::Result<Termination> {
        Termination::register(false)
    }

    fn register(with_stops: bool) -> std::io::Result<Termination> {
        let flag = Arc::new(AtomicBool::new(false));
        let suspend = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        for signal in signals() {
            signal_hook::flag::register_conditional_default(signal, Arc::clone(&done))?;
            ids.push(signal_hook::flag::register(signal, Arc::clone(&flag))?);
        }
        for signal in stops().into_iter().filter(|_| with_stops) {
            signal_hook::flag::register_conditional_default(signal, Arc::clone(&done))?;
            ids.push(signal_hook::flag::register(signal, Arc::clone(&suspend))?);
        }
        Ok(Termination {
            flag,
            suspend,
            ids,
            done,
        })
    }

    /// Whether a signal asked the program to leave.
    pub fn requested(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Whether a signal asked the program to stop (`kill -TSTP`), since
    /// last asked.
    pub fn suspend_requested(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }
}

/// Whether this system stops a program on request (Ctrl-Z, SIGTSTP).
pub const CAN_SUSPEND: bool = cfg!(unix);

/// Stops the process as SIGTSTP would have, until it is continued
/// (`fg`); returns then. Does nothing where programs are not stopped.
pub fn stop_self() {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    }
}

impl Drop for Termination {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        // The flag is no longer read; the conditional default stays, armed.
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

#[cfg(unix)]
fn signals() -> [i32; 4] {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    [SIGINT, SIGHUP, SIGQUIT, SIGTERM]
}

#[cfg(unix)]
fn stops() -> [i32; 1] {
    [signal_hook::consts::SIGTSTP]
}

#[cfg(not(unix))]
fn stops() -> [i32; 0] {
    []
}

#[cfg(not(unix))]
fn signals() -> [i32; 2] {
    use signal_hook::consts::{SIGINT, SIGTERM};
    [SIGINT, SIGTERM]
}
