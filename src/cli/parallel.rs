//! Work spread over every core, results in input order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};

/// `items.iter().map(f)`, run on up to `available_parallelism` threads; the output order is the
/// input order whatever order the work finishes in.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break;
                        };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, r) in done {
                slots[i] = Some(r);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// Runs `f` on every item on up to `available_parallelism` threads and hands each result to
/// `sink` on the calling thread, in input order, as soon as every earlier one has been handed
/// over. Items are taken from `items` one at a time as a thread is free (an iterator that finds
/// them as it goes is never drained ahead), and at most `window` results are computed ahead of
/// the sink, so memory holds a window of items and results, not one per item. When `sink`
/// fails, the remaining items are not started and the first error is returned.
pub fn for_each_in_order<I, R, E>(
    items: I,
    window: usize,
    f: impl Fn(I::Item) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: IntoIterator,
    I::IntoIter: Send,
    I::Item: Send,
    R: Send,
{
    let mut items = items.into_iter();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The first items are taken before starting threads: one file starts none.
    let first: Vec<I::Item> = items.by_ref().take(cores).collect();
    let threads = cores.min(first.len());
    let items = first.into_iter().chain(items);
    if threads <= 1 {
        return items.map(f).try_for_each(sink);
    }
    let window = window.max(threads);
    // The next item and its index, taken by one thread at a time.
    let source = Mutex::new(items.enumerate());
    // How many results the sink has taken, and whether to stop (sink error or a worker panic).
    let progress = Mutex::new((0_usize, false));
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (source, progress, moved, f) = (&source, &progress, &moved, &f);
            scope.spawn(move || {
                let _stop_on_panic = StopOnPanic(progress, moved);
                loop {
                    if lock(progress).1 {
                        break;
                    }
                    let next = lock(source).next();
                    let Some((i, item)) = next else {
                        break;
                    };
                    {
                        let mut state = lock(progress);
                        while !state.1 && i >= state.0 + window {
                            state = moved.wait(state).unwrap_or_else(PoisonError::into_inner);
                        }
                        if state.1 {
                            break;
                        }
                    }
                    if tx.send((i, f(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut expected = 0;
        let mut outcome = Ok(());
        // Ends when every worker has finished (or stopped) and dropped its sender.
        for (i, r) in rx.iter() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&expected) {
                expected += 1;
                if outcome.is_ok() {
                    outcome = sink(r);
                }
                let mut state = lock(&progress);
                state.0 = expected;
                state.1 |= outcome.is_err();
                moved.notify_all();
            }
        }
        outcome
    })
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Tells the other workers to stop when a worker unwinds, so none waits for a result that will
/// never come (the scope then re-raises the panic).
struct StopOnPanic<'a>(&'a Mutex<(usize, bool)>, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            lock(self.0).1 = true;
            self.1.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    #[test]
    fn keeps_input_order() {
        let items: Vec<u64> = (0..1000).collect();
        let out = super::map(&items, |i| {
            // Uneven work, so threads finish out of order.
            if i % 10 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            i * 2
        });
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn hands_results_over_in_order_within_the_window() {
        let items: Vec<u64> = (0..2000).collect();
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let ahead = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        let r: Result<(), ()> = super::for_each_in_order(
            &items,
            8,
            |i| {
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(100));
                }
                // How far this item is ahead of the sink when it starts.
                let lead = (*i as usize).saturating_sub(taken.load(Ordering::SeqCst));
                ahead.fetch_max(lead, Ordering::SeqCst);
                i * 3
            },
            |r| {
                seen.push(r);
                taken.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(seen, items.iter().map(|i| i * 3).collect::<Vec<_>>());
        let window = 8_usize.max(std::thread::available_parallelism().map_or(1, |n| n.get()));
        assert!(ahead.load(Ordering::SeqCst) <= window, "{ahead:?}");
    }

    #[test]
    fn stops_at_the_first_sink_error() {
        let items: Vec<u64> = (0..5000).collect();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = Vec::new();
        let r = super::for_each_in_order(
            &items,
            16,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                *i
            },
            |i| {
                if i == 100 {
                    return Err(i);
                }
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(r, Err(100));
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
        assert!(started.load(Ordering::SeqCst) < 1000);
    }
}
