//! Reading a sparsity pattern off a recording.

use crate::tape::Tape;
use crate::{Real, SparsityPattern};

/// The most index entries a detection keeps (64 MiB of `u32`): past it the
/// pattern is taken as dense, which costs less to evaluate than to detect.
const MAX_ENTRIES: usize = 1 << 24;

/// The Jacobian pattern of `outputs` (each the slot of a variable, or
/// `None` for a constant) with respect to the tape's `inputs` input
/// slots: output i depends on input j when slot j + 1 is an ancestor of
/// its slot. The index set of each slot is the union of its parents'
/// (inputs start with their own index), sorted, kept in one arena.
///
/// Returns `None` once the sets would hold more than `budget` entries
/// (then evaluating the dense Jacobian is cheaper than detecting): a
/// dense function stops early instead of building n² sets.
pub(crate) fn dependencies<T: Real>(
    tape: &Tape<T>,
    outputs: &[Option<u32>],
    inputs: usize,
    budget: usize,
) -> Option<SparsityPattern> {
    let budget = budget.min(MAX_ENTRIES);
    let slots = tape.slots();
    let live = ancestors(tape, outputs, inputs);
    let mut arena: Vec<u32> = (0..inputs as u32).collect();
    // The set of slot s is arena[span[s].0 .. span[s].0 + span[s].1].
    let mut span: Vec<(usize, usize)> = Vec::with_capacity(slots);
    span.push((0, 0));
    span.extend((0..inputs).map(|k| (k, 1)));
    for (s, [p0, p1]) in tape.parents().enumerate().skip(inputs + 1) {
        if !live[s] {
            span.push((0, 0));
            continue;
        }
        let (a, b) = (span[p0 as usize], span[p1 as usize]);
        let start = arena.len();
        merge_into(&mut arena, a, b);
        let len = arena.len() - start;
        // A set equal to a parent's shares the parent's entries.
        let set = if len == a.1 {
            arena.truncate(start);
            a
        } else if len == b.1 {
            arena.truncate(start);
            b
        } else {
            (start, len)
        };
        if arena.len() > budget {
            return None;
        }
        span.push(set);
    }
    let rows = outputs.iter().map(|out| {
        let (start, len) = out.map_or((0, 0), |slot| span[slot as usize]);
        arena[start..start + len].iter().copied()
    });
    Some(SparsityPattern::from_rows(inputs, rows))
}

/// Which slots the outputs depend on (all inputs count): a backward pass
/// over the parents, so that detection skips what no output reads (the
/// values of a Hessian's recording, which its gradient does not use).
fn ancestors<T: Real>(tape: &Tape<T>, outputs: &[Option<u32>], inputs: usize) -> Vec<bool> {
    let parents: Vec<[u32; 2]> = tape.parents().collect();
    let mut live = vec![false; parents.len()];
    for slot in outputs.iter().flatten() {
        live[*slot as usize] = true;
    }
    for s in (inputs + 1..parents.len()).rev() {
        if live[s] {
            for p in parents[s] {
                live[p as usize] = true;
            }
        }
    }
    live
}

/// Appends the sorted union of the sorted sets `a` and `b` (each a start
/// and a length in `arena`) to `arena`.
fn merge_into(arena: &mut Vec<u32>, a: (usize, usize), b: (usize, usize)) {
    let (mut i, a_end) = (a.0, a.0 + a.1);
    let (mut j, b_end) = (b.0, b.0 + b.1);
    arena.reserve(a.1 + b.1);
    while i < a_end && j < b_end {
        let (x, y) = (arena[i], arena[j]);
        arena.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    for k in i..a_end {
        let x = arena[k];
        arena.push(x);
    }
    for k in j..b_end {
        let x = arena[k];
        arena.push(x);
    }
}

/// The Jacobian pattern of `outputs` (each a slot and a scale, `None` for
/// a constant) on `tape` with respect to its `n` inputs, dense when
/// detecting it would take more than `budget` entries.
pub(crate) fn detect_pattern<T: Real>(
    tape: &Tape<T>,
    outputs: &[Option<(u32, T)>],
    n: usize,
    budget: usize,
) -> SparsityPattern {
    let slots: Vec<Option<u32>> = outputs.iter().map(|o| o.map(|(slot, _)| slot)).collect();
    dependencies(tape, &slots, n, budget)
        .unwrap_or_else(|| SparsityPattern::dense(outputs.len(), n))
}

/// What a prepared driver keeps of its recording to tell whether a later
/// one took the same branch: the parents of every slot and the slot of
/// every output. Equal shapes have equal patterns.
#[derive(Clone, Debug)]
pub(crate) struct RecordingShape {
    parents: Vec<[u32; 2]>,
    output_slots: Vec<Option<u32>>,
}

impl RecordingShape {
    /// The shape of `tape` with `outputs`.
    pub(crate) fn of<T: Real>(tape: &Tape<T>, outputs: &[Option<(u32, T)>]) -> Self {
        RecordingShape {
            parents: tape.parents().collect(),
            output_slots: outputs.iter().map(|o| o.map(|(slot, _)| slot)).collect(),
        }
    }

    /// Whether `tape` with `outputs` has this shape.
    pub(crate) fn matches<T: Real>(&self, tape: &Tape<T>, outputs: &[Option<(u32, T)>]) -> bool {
        tape.parents().len() == self.parents.len()
            && tape.parents().eq(self.parents.iter().copied())
            && outputs.iter().map(|o| o.map(|(slot, _)| slot)).eq(self.output_slots.iter().copied())
    }
}
