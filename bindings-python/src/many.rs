//! `Ruleset.assess_many`: bulk assessment on worker threads, streamed.
//!
//! The main thread (with the GIL) pulls proposals from the Python iterable in chunks, copies them
//! out of Python ([`crate::input`]) and hands the chunks to worker threads. The workers decode,
//! score and serialize (into [`Out`] trees) without the GIL. The main thread turns finished chunks
//! into Python objects, in input order, while the workers go on with the next chunks. Only a few
//! chunks are in flight at any time, so an iterable of millions of proposals is never held in
//! memory.

use std::collections::{BTreeMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use sociale_bril::ProposalError;
use sociale_bril::table::ProposalColumns;

use crate::output::{Out, ToPy};
use crate::{Detail, Input, Shared, assessment_out, errors, input, row_input, run};

/// How a run goes.
pub(crate) struct Options {
    /// Threads, the caller's included.
    pub jobs: usize,
    /// Yield errors instead of raising them.
    pub return_errors: bool,
    pub detail: Detail,
    /// The columns of a table, when the proposals are its rows.
    pub columns: Option<Arc<ProposalColumns>>,
}

/// Most worker threads.
pub(crate) const MAX_JOBS: usize = 256;
/// Proposals per chunk: small enough that a chunk of results is still in the cache when the
/// main thread turns it into Python objects.
fn chunk(detail: Detail) -> usize {
    match detail {
        Detail::Full => 16,
        Detail::Summary => 64,
    }
}

type Outcome = Result<Out, ProposalError>;

struct Job {
    seq: u64,
    inputs: Vec<Input>,
}

struct Done {
    seq: u64,
    /// `Err` with a message when the core panicked (it promises not to).
    results: Result<Vec<Outcome>, String>,
}

fn work(shared: &Shared, inputs: &[Input], detail: Detail) -> Vec<Outcome> {
    inputs
        .iter()
        .map(|i| {
            run(&shared.rs, i).and_then(|a| {
                assessment_out(&shared.strings, &a, detail).map_err(|e| {
                    ProposalError::from(sociale_bril::ProposalIssue::new(
                        "internal",
                        "",
                        format!("cannot convert the assessment: {e}"),
                    ))
                })
            })
        })
        .collect()
}

/// Runs one chunk; a panic of the core (it promises none) becomes an error message.
fn run_job(shared: &Shared, job: Job, detail: Detail) -> Done {
    let results =
        catch_unwind(AssertUnwindSafe(|| work(shared, &job.inputs, detail))).map_err(|p| {
            p.downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a worker thread panicked".into())
        });
    Done {
        seq: job.seq,
        results,
    }
}

/// The chunks waiting for a thread, in order.
#[derive(Default)]
struct Queue {
    jobs: Mutex<QueueState>,
    ready: Condvar,
}

#[derive(Default)]
struct QueueState {
    waiting: VecDeque<Job>,
    closed: bool,
}

impl Queue {
    fn push(&self, job: Job) -> bool {
        let Ok(mut q) = self.jobs.lock() else {
            return false;
        };
        q.waiting.push_back(job);
        self.ready.notify_one();
        true
    }

    /// The next chunk for a worker; `None` once the queue is closed and empty.
    fn next(&self) -> Option<Job> {
        let mut q = self.jobs.lock().ok()?;
        loop {
            if let Some(job) = q.waiting.pop_front() {
                return Some(job);
            }
            if q.closed {
                return None;
            }
            q = self.ready.wait(q).ok()?;
        }
    }

    /// The chunk `seq`, if no thread has started it yet.
    fn take(&self, seq: u64) -> Option<Job> {
        let mut q = self.jobs.lock().ok()?;
        if q.waiting.front().is_some_and(|j| j.seq == seq) {
            q.waiting.pop_front()
        } else {
            None
        }
    }

    fn close(&self) {
        if let Ok(mut q) = self.jobs.lock() {
            q.closed = true;
            q.waiting.clear();
        }
        self.ready.notify_all();
    }
}

fn worker(shared: Arc<Shared>, queue: Arc<Queue>, done: Sender<Done>, detail: Detail) {
    while let Some(job) = queue.next() {
        if done.send(run_job(&shared, job, detail)).is_err() {
            return;
        }
    }
}

/// The threads of one run: `size - 1` workers, and the caller, which runs the chunk it needs
/// next itself when no worker has started it (so `jobs=1`, or workers that are slow to get a
/// CPU, cost no more than a plain loop), and otherwise turns results into Python objects while
/// the workers score. Dropping the pool closes the queue; the workers then end on their own.
struct Pool {
    queue: Arc<Queue>,
    done: Mutex<Receiver<Done>>,
    shared: Arc<Shared>,
    detail: Detail,
    size: usize,
}

impl Pool {
    fn start(shared: &Arc<Shared>, size: usize, detail: Detail) -> PyResult<Pool> {
        let queue = Arc::new(Queue::default());
        let (done_tx, done_rx) = channel::<Done>();
        for n in 0..size.saturating_sub(1) {
            let (shared, queue, done_tx) =
                (Arc::clone(shared), Arc::clone(&queue), done_tx.clone());
            std::thread::Builder::new()
                .name(format!("sociale-bril-{n}"))
                .spawn(move || worker(shared, queue, done_tx, detail))
                .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread: {e}")))?;
        }
        Ok(Pool {
            queue,
            done: Mutex::new(done_rx),
            shared: Arc::clone(shared),
            detail,
            size,
        })
    }

    /// A finished chunk, without the GIL: chunk `seq` itself if no worker has started it (run
    /// here), otherwise the next chunk a worker finishes.
    fn next_done(&self, seq: u64) -> Option<Done> {
        if let Some(job) = self.queue.take(seq) {
            return Some(run_job(&self.shared, job, self.detail));
        }
        self.done.lock().ok().and_then(|rx| rx.recv().ok())
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.queue.close();
    }
}

/// The results of `Ruleset.assess_many`, in the order of the proposals. An iterator: each result
/// is made when it is asked for.
#[pyclass(module = "sociale_bril._native")]
pub(crate) struct AssessmentIterator {
    shared: Arc<Shared>,
    /// The proposals still to read; `None` once exhausted.
    source: Option<Py<PyIterator>>,
    /// An exception the source raised, re-raised after the results before it.
    source_error: Option<PyErr>,
    pool: Option<Pool>,
    /// Sequence number of the next chunk to submit, and of the next chunk to yield from.
    next_submit: u64,
    next_take: u64,
    /// Chunks finished out of order.
    finished: BTreeMap<u64, Vec<Outcome>>,
    /// Results ready to yield.
    ready: VecDeque<Outcome>,
    /// Position of the next result.
    index: u64,
    /// How many proposals have been read.
    read: u64,
    return_errors: bool,
    columns: Option<Arc<ProposalColumns>>,
    to_py: ToPy,
}

impl AssessmentIterator {
    pub(crate) fn start(
        shared: Arc<Shared>,
        source: Bound<'_, PyIterator>,
        options: Options,
    ) -> PyResult<Self> {
        let pool = Pool::start(&shared, options.jobs, options.detail)?;
        Ok(AssessmentIterator {
            shared,
            source: Some(source.unbind()),
            source_error: None,
            pool: Some(pool),
            next_submit: 0,
            next_take: 0,
            finished: BTreeMap::new(),
            ready: VecDeque::new(),
            index: 0,
            read: 0,
            return_errors: options.return_errors,
            columns: options.columns,
            to_py: ToPy::new(),
        })
    }

    /// Reads and submits chunks until enough are in flight or the source is exhausted.
    fn fill(&mut self, py: Python<'_>) {
        let Some(pool) = &self.pool else { return };
        let max_in_flight = (2 * pool.size).max(2) as u64;
        while self.next_submit - self.next_take < max_in_flight {
            let Some(source) = &self.source else { return };
            let mut source = source.bind(py).clone();
            let size = chunk(pool.detail);
            let mut inputs = Vec::with_capacity(size);
            let mut exhausted = false;
            while inputs.len() < size {
                match source.next() {
                    Some(Ok(obj)) => {
                        inputs.push(match &self.columns {
                            // The header is line 1; rows follow it.
                            Some(columns) => row_input(columns, self.read + 2, &obj),
                            None => input(&obj),
                        });
                        self.read += 1;
                    }
                    Some(Err(e)) => {
                        self.source_error = Some(e);
                        exhausted = true;
                        break;
                    }
                    None => {
                        exhausted = true;
                        break;
                    }
                }
            }
            if exhausted {
                self.source = None;
            }
            if inputs.is_empty() {
                return;
            }
            let job = Job {
                seq: self.next_submit,
                inputs,
            };
            if !pool.queue.push(job) {
                return;
            }
            self.next_submit += 1;
        }
    }

    /// Stops the run: the workers end, nothing more is read.
    fn stop(&mut self) {
        self.pool = None;
        self.source = None;
        self.ready.clear();
        self.finished.clear();
        self.next_take = self.next_submit;
    }
}

#[pymethods]
impl AssessmentIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            if let Some(outcome) = self.ready.pop_front() {
                let index = self.index;
                self.index += 1;
                let shared = Arc::clone(&self.shared);
                return match outcome {
                    Ok(out) => self.to_py.convert(py, &shared.strings, out).map(Some),
                    Err(e) => {
                        let err = errors::proposal_error(py, &shared.strings, &e, Some(index));
                        if self.return_errors {
                            Ok(Some(err.into_value(py).into_bound(py).into_any()))
                        } else {
                            self.stop();
                            Err(err)
                        }
                    }
                };
            }
            if let Some(results) = self.finished.remove(&self.next_take) {
                self.next_take += 1;
                self.ready.extend(results);
                // Keep the workers busy while this chunk becomes Python objects.
                self.fill(py);
                continue;
            }
            if self.next_take == self.next_submit {
                if self.source.is_some() && self.pool.is_some() {
                    self.fill(py);
                    if self.next_take != self.next_submit {
                        continue;
                    }
                }
                if let Some(e) = self.source_error.take() {
                    self.stop();
                    return Err(e);
                }
                self.stop();
                return Ok(None);
            }
            let Some(pool) = &self.pool else {
                return Ok(None);
            };
            let seq = self.next_take;
            let received = py.detach(|| pool.next_done(seq));
            match received {
                Some(Done {
                    seq,
                    results: Ok(results),
                }) => {
                    self.finished.insert(seq, results);
                }
                Some(Done {
                    results: Err(msg), ..
                }) => {
                    self.stop();
                    return Err(PyRuntimeError::new_err(format!(
                        "sociale-bril failed on a proposal (please report this bug): {msg}"
                    )));
                }
                None => {
                    self.stop();
                    return Err(PyRuntimeError::new_err("the worker threads stopped"));
                }
            }
        }
    }

    /// Stops the run early and frees its threads (also done when the iterator is dropped).
    fn close(&mut self) {
        self.stop();
    }
}
