//! The sandbox's state: resources with their lifecycle state, DOKU
//! Request-Ids already answered, and injected faults. Lives behind one
//! `Mutex` in [`crate::App`]; every request does all its reading and
//! writing in one critical section with no await inside, so concurrent
//! callers never see a half-applied action.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use payspec_codegen_core::ir::{Ir, Lifecycle};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A resource to create: `POST /_sandbox/seed` or one element of `--seed FILE`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    /// Provider module name (`doku`).
    pub provider: String,
    /// Lifecycle resource name (`card_payment`).
    pub resource: String,
    /// The resource id (invoice number, order id, ref number).
    pub id: String,
    /// Start state; default: the lifecycle's initial state.
    #[serde(default)]
    pub state: Option<String>,
    /// Amount in whole rupiah.
    #[serde(default)]
    pub amount: i64,
    /// Other attributes transitions match or guards read (`authorize_id`, `channel`, `bank`).
    #[serde(default)]
    pub attributes: HashMap<String, String>,
    /// How long ago it entered its state, in seconds (to test time limits).
    #[serde(default)]
    pub age_secs: u64,
    /// Where to POST notifications about this resource.
    #[serde(default)]
    pub notify_url: Option<String>,
}

/// One resource and where it is in its lifecycle.
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    /// Provider module name.
    pub provider: String,
    /// Lifecycle name.
    pub resource: String,
    /// Id.
    pub id: String,
    /// Current state.
    pub state: String,
    /// Amount in whole rupiah.
    pub amount: i64,
    /// Sum applied by cumulative actions (refunds) so far.
    pub applied: i64,
    /// Attributes.
    pub attributes: HashMap<String, String>,
    /// Actions applied, in order, with their amounts.
    pub history: Vec<(String, i64)>,
    /// When it entered `state`.
    #[serde(skip)]
    pub entered: SystemTime,
    /// Notification URL of this resource.
    #[serde(skip)]
    pub notify_url: Option<String>,
    /// The answers of idempotent calls (`idempotent_by`), by action and key:
    /// a repeated call gets the same status and body again.
    #[serde(skip)]
    /// The time of the first call is kept for `idempotent_window`.
    pub replies: HashMap<(String, String), (u16, serde_json::Value, SystemTime)>,
}

/// A fault to inject into the next calls of one endpoint.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Endpoint name (`card_refund`).
    pub endpoint: String,
    /// Wait this long before answering.
    #[serde(default)]
    pub delay_ms: u64,
    /// Process the request, then drop the connection instead of answering.
    #[serde(default)]
    pub drop_after_processing: bool,
    /// Answer this status (500, 503) without processing.
    #[serde(default)]
    pub status: Option<u16>,
    /// How many calls it applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

/// A DOKU answer kept for replays of the same Request-Id.
#[derive(Debug, Clone)]
pub struct Answered {
    /// SHA-256 digest of the request body and the target.
    pub fingerprint: String,
    /// The original body bytes.
    pub body: Vec<u8>,
}

/// The DOKU answers kept for replays, oldest forgotten first, so a
/// long-running sandbox does not grow with every request it has served.
#[derive(Debug, Default)]
pub struct ReplayLog {
    by_id: HashMap<String, Answered>,
    order: std::collections::VecDeque<String>,
}

impl ReplayLog {
    /// Request-Ids remembered; DOKU's own replay window is not documented,
    /// and this covers any test run while bounding memory (~100 MB at most).
    pub const CAPACITY: usize = 200_000;

    /// The answer kept for `request_id`.
    pub fn get(&self, request_id: &str) -> Option<&Answered> {
        self.by_id.get(request_id)
    }

    /// Keeps `answer` for `request_id`, forgetting the oldest past capacity.
    pub fn insert(&mut self, request_id: String, answer: Answered) {
        if self.by_id.insert(request_id.clone(), answer).is_none() {
            self.order.push_back(request_id);
        }
        while self.order.len() > Self::CAPACITY {
            if let Some(oldest) = self.order.pop_front() {
                self.by_id.remove(&oldest);
            }
        }
    }
}

/// Everything mutable.
#[derive(Debug, Default)]
pub struct World {
    /// Resources by (provider, resource, id).
    pub resources: HashMap<(String, String, String), Resource>,
    /// DOKU answers by Request-Id, the newest [`ReplayLog::CAPACITY`].
    pub answered: ReplayLog,
    /// Pending faults by endpoint name.
    pub faults: HashMap<String, Fault>,
    /// Access tokens issued by token endpoints (`auth.token`).
    pub tokens: crate::token::Issued,
    /// How far the sandbox clock is from the real one, in seconds
    /// (`/_sandbox/clock`); every resource time and generated timestamp
    /// reads [`World::now`].
    pub clock_offset_secs: i64,
}

impl Resource {
    /// A resource entering `state` now, with no attributes or history.
    pub fn new(
        provider: &str,
        resource: &str,
        id: &str,
        state: &str,
        amount: i64,
        now: SystemTime,
    ) -> Self {
        Resource {
            provider: provider.to_owned(),
            resource: resource.to_owned(),
            id: id.to_owned(),
            state: state.to_owned(),
            amount,
            applied: 0,
            attributes: HashMap::new(),
            history: Vec::new(),
            entered: now,
            notify_url: None,
            replies: HashMap::new(),
        }
    }
}

impl World {
    /// The sandbox clock: the real clock moved by `clock_offset_secs`.
    pub fn now(&self) -> SystemTime {
        shift(SystemTime::now(), self.clock_offset_secs)
    }

    /// Adds (or replaces) `r`.
    pub fn insert(&mut self, r: Resource) {
        let key = (r.provider.clone(), r.resource.clone(), r.id.clone());
        self.resources.insert(key, r);
    }

    /// Creates (or replaces) a resource; checks provider, lifecycle and state.
    pub fn seed(&mut self, ir: &Ir, seed: Seed) -> Result<(), String> {
        let lifecycle = lifecycle(ir, &seed.provider, &seed.resource)?;
        let state = seed.state.unwrap_or_else(|| lifecycle.initial.clone());
        if !lifecycle.states.contains(&state) {
            return Err(format!(
                "`{state}` is not a state of {}/{} (states: {})",
                seed.provider,
                seed.resource,
                lifecycle.states.join(", ")
            ));
        }
        if seed.amount < 0 {
            return Err("amount must not be negative".to_owned());
        }
        let entered = self
            .now()
            .checked_sub(Duration::from_secs(seed.age_secs))
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let key = (
            seed.provider.clone(),
            seed.resource.clone(),
            seed.id.clone(),
        );
        self.resources.insert(
            key,
            Resource {
                provider: seed.provider,
                resource: seed.resource,
                id: seed.id,
                state,
                amount: seed.amount,
                applied: 0,
                attributes: seed.attributes,
                history: Vec::new(),
                entered,
                notify_url: seed.notify_url,
                replies: HashMap::new(),
            },
        );
        Ok(())
    }

    /// Finds the resource whose `attribute` (`id` or another) equals `value`.
    pub fn find_mut(
        &mut self,
        provider: &str,
        resource: &str,
        attribute: &str,
        value: &str,
    ) -> Option<&mut Resource> {
        self.resources.values_mut().find(|r| {
            r.provider == provider
                && r.resource == resource
                && if attribute == "id" {
                    r.id == value
                } else {
                    r.attributes.get(attribute).is_some_and(|v| v == value)
                }
        })
    }

    /// Takes one use of the fault for `endpoint`, if any.
    pub fn take_fault(&mut self, endpoint: &str) -> Option<Fault> {
        let fault = self.faults.get_mut(endpoint)?;
        let taken = fault.clone();
        fault.times = fault.times.saturating_sub(1);
        if fault.times == 0 {
            self.faults.remove(endpoint);
        }
        Some(taken)
    }

    /// Forgets everything.
    pub fn reset(&mut self) {
        *self = World::default();
    }
}

/// The lifecycle `resource` of `provider`.
pub fn lifecycle<'i>(ir: &'i Ir, provider: &str, resource: &str) -> Result<&'i Lifecycle, String> {
    ir.providers
        .iter()
        .find(|p| p.name == provider)
        .ok_or_else(|| format!("no provider `{provider}`"))?
        .lifecycles
        .iter()
        .find(|l| l.name == resource)
        .ok_or_else(|| format!("provider `{provider}` has no lifecycle resource `{resource}`"))
}

/// Moves `r` to `state`, restarting its clock.
pub fn enter(r: &mut Resource, action: &str, state: &str, amount: i64, now: SystemTime) {
    if r.state != state {
        r.entered = now;
    }
    r.state = state.to_owned();
    r.history.push((action.to_owned(), amount));
}

/// Whether `r` is still within `days` of entering its state.
pub fn within(r: &Resource, days: u32, now: SystemTime) -> bool {
    within_days_of(r.entered, days, now)
}

/// Whether `now` is at most `days` days after `since`.
pub fn within_days_of(since: SystemTime, days: u32, now: SystemTime) -> bool {
    let limit = Duration::from_secs(u64::from(days) * 24 * 60 * 60);
    now.duration_since(since)
        .map(|age| age <= limit)
        .unwrap_or(true)
}

/// `time` moved by `secs` either way (clamped at the epoch).
pub fn shift(time: SystemTime, secs: i64) -> SystemTime {
    let by = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 {
        time.checked_add(by).unwrap_or(time)
    } else {
        time.checked_sub(by).unwrap_or(SystemTime::UNIX_EPOCH)
    }
}

/// A JSON view of `r` for the control API.
pub fn view(r: &Resource) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::{Answered, ReplayLog};

    fn answer(n: usize) -> Answered {
        Answered {
            fingerprint: format!("f{n}"),
            body: n.to_string().into_bytes(),
        }
    }

    #[test]
    fn the_replay_log_forgets_the_oldest_past_capacity() {
        let mut log = ReplayLog::default();
        for n in 0..=ReplayLog::CAPACITY {
            log.insert(format!("rid-{n}"), answer(n));
        }
        assert_eq!(log.order.len(), ReplayLog::CAPACITY);
        assert_eq!(log.by_id.len(), ReplayLog::CAPACITY);
        assert!(log.get("rid-0").is_none(), "the oldest is forgotten");
        assert_eq!(
            log.get("rid-1").map(|a| a.body.clone()),
            Some(b"1".to_vec())
        );
        let last = format!("rid-{}", ReplayLog::CAPACITY);
        assert!(log.get(&last).is_some());
        // Re-inserting a kept id does not count it twice.
        log.insert(last.clone(), answer(7));
        assert_eq!(log.order.len(), ReplayLog::CAPACITY);
        assert_eq!(log.get(&last).map(|a| a.body.clone()), Some(b"7".to_vec()));
    }
}
