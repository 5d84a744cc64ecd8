//! Temporary files removed when the process is interrupted while it writes one (SIGINT,
//! SIGTERM, SIGHUP): a page of 150 MB takes long enough to write that Ctrl-C can land in the
//! middle, and the file must not be left beside the target (docs/spec 12).
//!
//! A writer registers the temporary file's path for as long as it fills it ([`while_writing`]).
//! The handler unlinks every registered path (`unlink(2)` is async-signal-safe), then passes
//! the signal on: to the handler that was there before (`edit`'s, which restores the cursor),
//! or, with the default action restored, to the process itself, which ends as the signal
//! says. A signal the process ignores (`nohup`) stays ignored.

use std::ffi::{CString, c_char, c_int};
use std::path::Path;
use std::sync::Once;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// At most this many temporary files are registered at once (writes on several workers);
/// past it a write goes unregistered, as before.
const SLOTS: usize = 16;

static PATHS: [AtomicPtr<c_char>; SLOTS] = [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];

const SIGNALS: [c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// The handler each of [`SIGNALS`] had before, as `signal(2)` returned it.
static BEFORE: [AtomicUsize; 3] = [const { AtomicUsize::new(libc::SIG_DFL) }; 3];

static INSTALL: Once = Once::new();

/// Runs `write` with `path` removed if the process is interrupted meanwhile.
pub(super) fn while_writing<T>(path: &Path, write: impl FnOnce() -> T) -> T {
    let _registered = Registered::new(path);
    write()
}

/// `path` is removed if the process is interrupted while this is alive.
pub(super) struct Registered(Option<usize>);

impl Registered {
    pub(super) fn new(path: &Path) -> Registered {
        use std::os::unix::ffi::OsStrExt;
        INSTALL.call_once(install);
        let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
            return Registered(None);
        };
        let raw = c.into_raw();
        for (i, slot) in PATHS.iter().enumerate() {
            if slot
                .compare_exchange(
                    std::ptr::null_mut(),
                    raw,
                    Ordering::SeqCst,
                    Ordering::SeqCst,
                )
                .is_ok()
            {
                return Registered(Some(i));
            }
        }
        // SAFETY: `raw` came from `into_raw` above and was stored nowhere.
        drop(unsafe { CString::from_raw(raw) });
        Registered(None)
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let Some(slot) = self.0.and_then(|i| PATHS.get(i)) else {
            return;
        };
        // Whoever swaps the pointer out owns it: this, or the handler (which never frees).
        let raw = slot.swap(std::ptr::null_mut(), Ordering::SeqCst);
        if !raw.is_null() {
            // SAFETY: `raw` came from `CString::into_raw` in `Registered::new`, and the swap
            // took it out of the slot, so nothing else can free or read it.
            drop(unsafe { CString::from_raw(raw) });
        }
    }
}

extern "C" fn on_signal(signal: c_int) {
    for slot in &PATHS {
        let raw = slot.swap(std::ptr::null_mut(), Ordering::SeqCst);
        if !raw.is_null() {
            // SAFETY: a NUL-terminated path from `CString::into_raw`, never freed once taken
            // here; unlink(2) is async-signal-safe.
            unsafe {
                libc::unlink(raw);
            }
        }
    }
    let before = SIGNALS
        .iter()
        .position(|s| *s == signal)
        .and_then(|i| BEFORE.get(i))
        .map_or(libc::SIG_DFL, |b| b.load(Ordering::SeqCst));
    // SAFETY: signal(2), raise(2) and the previous handler (itself a signal handler) are
    // async-signal-safe.
    unsafe {
        if before != libc::SIG_DFL && before != libc::SIG_IGN && before != libc::SIG_ERR {
            let previous: extern "C" fn(c_int) = std::mem::transmute(before);
            previous(signal);
        }
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

fn install() {
    let handler: extern "C" fn(c_int) = on_signal;
    for (signal, before) in SIGNALS.iter().zip(&BEFORE) {
        // SAFETY: installs a handler that only calls async-signal-safe functions.
        let previous = unsafe { libc::signal(*signal, handler as libc::sighandler_t) };
        if previous == libc::SIG_IGN {
            // Ignored (nohup): left ignored.
            // SAFETY: as above.
            unsafe {
                libc::signal(*signal, libc::SIG_IGN);
            }
        } else if previous != libc::SIG_ERR {
            before.store(previous, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registered_path_is_released_when_the_write_ends() {
        let dir = std::env::temp_dir().join(format!("samictl-interrupt-{}", std::process::id()));
        let taken = || {
            PATHS
                .iter()
                .filter(|p| !p.load(Ordering::SeqCst).is_null())
                .count()
        };
        let before = taken();
        let inside = while_writing(&dir.join("x.tmp"), taken);
        assert_eq!(inside, before + 1);
        assert_eq!(taken(), before);
    }
}
