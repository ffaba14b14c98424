//! Independent jobs spread over the machine's cores: the loader reads spec
//! files this way, and the Rust emitter prints area modules this way.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work(&state, job)` for every job in `order`, on the calling thread
/// and up to `available_parallelism - 1` scoped helper threads. Each thread
/// makes its own `state` (the emitter's context holds token streams, which
/// cannot cross threads) and takes the next job from a shared counter, so a
/// long job does not hold up the rest. Returns the results indexed by job
/// number (`0..=max(order)`); a job left out of `order` stays `None`.
///
/// A panic in a helper is a bug in the caller's job; it is re-raised on the
/// calling thread.
pub fn run<S, R, F>(order: &[usize], state: impl Fn() -> S + Sync, work: F) -> Vec<Option<R>>
where
    R: Send,
    F: Fn(&S, usize) -> R + Sync,
{
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None)
        .take(order.iter().max().map_or(0, |&max| max + 1))
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(order.len());
    let next = AtomicUsize::new(0);
    let drain = || {
        let state = state();
        let mut done = Vec::new();
        while let Some(&job) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((job, work(&state, job)));
        }
        done
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(drain)).collect();
        let mut finished = vec![drain()];
        for helper in helpers {
            match helper.join() {
                Ok(done) => finished.push(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (job, result) in finished.into_iter().flatten() {
            results[job] = Some(result);
        }
    });
    results
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_job_runs_once_and_lands_at_its_index() {
        let order = [3, 0, 2, 1, 4];
        let results = super::run(&order, || 10, |base, job| base + job);
        assert_eq!(results, [Some(10), Some(11), Some(12), Some(13), Some(14)]);
    }

    #[test]
    fn jobs_left_out_of_the_order_stay_empty() {
        let results = super::run(&[2], || (), |(), job| job * 2);
        assert_eq!(results, [None, None, Some(4)]);
    }
}
