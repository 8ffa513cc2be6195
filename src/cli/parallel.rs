//! Ordered parallel map for the streaming commands: a feeder thread reads work items, `jobs`
//! workers transform them, and the calling thread receives the results in input order, so
//! output is byte-identical whatever `--jobs` says. At most `IN_FLIGHT_PER_JOB × jobs` items
//! exist at once (read, in work, or waiting to be written), which bounds memory even when one
//! item is slow and the others pile up behind it.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// Items in flight per worker thread.
const IN_FLIGHT_PER_JOB: usize = 4;

/// The number of worker threads for `--jobs N`: 0 means one per available core.
pub fn resolve_jobs(jobs: usize) -> usize {
    if jobs > 0 {
        return jobs;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` over every item of `source` on `jobs` threads and passes the results to `sink`
/// in the order of `source`. `work` also gets the index of the worker running it (0..jobs), so
/// workers can keep state of their own (a cache) without locking each other out. Stops early,
/// without reading further, when `sink` fails; that error is returned. With one job everything
/// runs on the calling thread.
pub fn ordered_map<I, O, E>(
    jobs: usize,
    source: impl Iterator<Item = I> + Send,
    work: impl Fn(usize, I) -> O + Sync,
    mut sink: impl FnMut(O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
{
    if jobs <= 1 {
        for item in source {
            sink(work(0, item))?;
        }
        return Ok(());
    }
    let capacity = jobs * IN_FLIGHT_PER_JOB;
    std::thread::scope(|scope| {
        // Tokens bound the items in flight: the feeder takes one per item, the sink gives it
        // back once the result is written.
        let (token_tx, token_rx) = sync_channel::<()>(capacity);
        for _ in 0..capacity {
            let _ = token_tx.send(());
        }
        let (item_tx, item_rx) = sync_channel::<(u64, I)>(capacity);
        let (result_tx, result_rx) = sync_channel::<(u64, O)>(capacity);
        scope.spawn(move || {
            for (seq, item) in (0u64..).zip(source) {
                if token_rx.recv().is_err() || item_tx.send((seq, item)).is_err() {
                    return;
                }
            }
        });
        let item_rx = Arc::new(Mutex::new(item_rx));
        for worker in 0..jobs {
            let item_rx = Arc::clone(&item_rx);
            let result_tx = result_tx.clone();
            let work = &work;
            scope.spawn(move || {
                while let Some((seq, item)) = next_item(&item_rx) {
                    if result_tx.send((seq, work(worker, item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_tx);
        let outcome = drain_in_order(&result_rx, &token_tx, &mut sink);
        // Unblock the feeder and the workers before the scope joins them.
        drop(token_tx);
        drop(result_rx);
        outcome
    })
}

fn next_item<I>(rx: &Mutex<Receiver<(u64, I)>>) -> Option<(u64, I)> {
    let guard = rx.lock().ok()?;
    guard.recv().ok()
}

fn drain_in_order<O, E>(
    results: &Receiver<(u64, O)>,
    tokens: &std::sync::mpsc::SyncSender<()>,
    sink: &mut impl FnMut(O) -> Result<(), E>,
) -> Result<(), E> {
    let mut next = 0u64;
    let mut waiting: BTreeMap<u64, O> = BTreeMap::new();
    for (seq, out) in results.iter() {
        waiting.insert(seq, out);
        while let Some(out) = waiting.remove(&next) {
            sink(out)?;
            next += 1;
            let _ = tokens.try_send(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::ordered_map;

    #[test]
    fn results_keep_input_order_for_any_job_count() {
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            let r: Result<(), ()> = ordered_map(
                jobs,
                0..1000u64,
                |_, i| {
                    // Uneven work so that results finish out of order.
                    if i % 7 == 0 {
                        std::thread::yield_now();
                    }
                    i * 2
                },
                |o| {
                    seen.push(o);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            assert_eq!(
                seen,
                (0..1000u64).map(|i| i * 2).collect::<Vec<_>>(),
                "{jobs}"
            );
        }
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let mut seen = 0;
        let r = ordered_map(
            2,
            0..1_000_000u64,
            |_, i| i,
            |o| {
                seen += 1;
                if o == 10 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("stop"));
        assert_eq!(seen, 11);
    }
}
