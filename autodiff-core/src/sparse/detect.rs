//! Reading a sparsity pattern off a recording.

use crate::SparsityPattern;

/// The most index entries a detection keeps (64 MiB of `u32`): past it the
/// pattern is taken as dense, which costs less to evaluate than to detect.
const MAX_ENTRIES: usize = 1 << 24;

/// The Jacobian pattern of `outputs` (each the slot of a variable, or
/// `None` for a constant) on a recording with `parents` (the parents of
/// each slot) and `inputs` input slots: output i depends on input j when
/// slot j + 1 is an ancestor of its slot.
///
/// First by index sets carried forward (each slot's inputs, from its
/// parents'), which costs little when every slot depends on a few inputs;
/// when those would hold more than [`SETS_PER_SLOT`] entries a slot on
/// average (a long sum, whose partial sums depend on ever more inputs), by
/// a walk back from each output instead, which visits each slot at most
/// once per output: never more than the m reverse sweeps of a dense
/// Jacobian.
pub(crate) fn dependencies(
    parents: &[[u32; 2]],
    outputs: &[Option<u32>],
    inputs: usize,
) -> SparsityPattern {
    let live = ancestors(parents, outputs.iter().flatten().copied(), inputs);
    let budget = parents.len().saturating_mul(SETS_PER_SLOT);
    match IndexSets::new(parents, &live, inputs, budget) {
        Some(sets) => {
            let rows = outputs.iter().map(|out| out.map_or(&[][..], |s| sets.of(s)));
            SparsityPattern::from_sorted_rows(inputs, rows)
        }
        None => walk_back(parents, outputs, inputs),
    }
}

/// The most index-set entries a slot may hold on average before
/// [`dependencies`] walks back from the outputs instead.
const SETS_PER_SLOT: usize = 4;

/// [`dependencies`] by a depth-first walk back from each output over the
/// parents, marking the slots visited with the output's index.
fn walk_back(parents: &[[u32; 2]], outputs: &[Option<u32>], inputs: usize) -> SparsityPattern {
    let mut visited = vec![usize::MAX; parents.len()];
    let mut stack: Vec<u32> = Vec::new();
    let rows = outputs.iter().enumerate().map(|(i, out)| {
        let mut row = Vec::new();
        stack.extend(*out);
        while let Some(slot) = stack.pop() {
            let s = slot as usize;
            if visited[s] == i {
                continue;
            }
            visited[s] = i;
            if s <= inputs {
                // An input (slot 0 is no variable's).
                row.extend(s.checked_sub(1).map(|k| k as u32));
            } else {
                stack.extend(parents[s]);
            }
        }
        row
    });
    let rows: Vec<Vec<u32>> = rows.collect();
    SparsityPattern::from_rows(inputs, rows)
}

/// The Hessian pattern of the output at `output` (its slot, and whether
/// its own chain curves: a nonzero second derivative with respect to its
/// slot) on a second-order recording with `parents` and `curvature` (per
/// slot, bits 1, 2, 4 for nonzero ∂²/∂a², ∂²/∂a∂b, ∂²/∂b²): inputs i and j
/// interact when some operation the output depends on curves in an
/// operand that depends on i and one that depends on j (Walther, "Computing
/// sparse Hessians with automatic differentiation", 2008). Symmetric.
///
/// `None` past `budget` entries (then the dense Hessian costs less).
pub(crate) fn interactions(
    parents: &[[u32; 2]],
    curvature: &[u8],
    output: Option<(u32, bool)>,
    inputs: usize,
    budget: usize,
) -> Option<SparsityPattern> {
    let budget = budget.min(MAX_ENTRIES);
    let live = ancestors(parents, output.map(|(slot, _)| slot).into_iter(), inputs);
    // Only the operands of curved operations need their index sets (and
    // their ancestors, to build them): not the partial sums of a sum of
    // terms, which would cost n² entries.
    let mut operands: Vec<u32> = Vec::new();
    for (s, (&[p0, p1], &bits)) in parents.iter().zip(curvature).enumerate().skip(inputs + 1) {
        if live[s] {
            if bits & 3 != 0 {
                operands.push(p0);
            }
            if bits & 6 != 0 {
                operands.push(p1);
            }
        }
    }
    if let Some((slot, true)) = output {
        operands.push(slot);
    }
    let needed = ancestors(parents, operands.into_iter(), inputs);
    let sets = IndexSets::new(parents, &needed, inputs, budget)?;
    // Every (i, j) with i in one operand's set and j in the other's, both
    // ways round.
    let mut entries: Vec<(u32, u32)> = Vec::new();
    let mut meet = |p: u32, q: u32| {
        let (sp, sq) = (sets.of(p), sets.of(q));
        for &i in sp {
            for &j in sq {
                entries.push((i, j));
                entries.push((j, i));
            }
        }
        entries.len() <= budget
    };
    for (s, (&[p0, p1], &bits)) in parents.iter().zip(curvature).enumerate().skip(inputs + 1) {
        let within = !live[s]
            || ((bits & 1 == 0 || meet(p0, p0))
                && (bits & 2 == 0 || meet(p0, p1))
                && (bits & 4 == 0 || meet(p1, p1)));
        if !within {
            return None;
        }
    }
    if let Some((slot, true)) = output {
        if !meet(slot, slot) {
            return None;
        }
    }
    Some(SparsityPattern::from_entries(inputs, inputs, &entries))
}

/// Which slots `outputs` depend on (all inputs count): a backward pass
/// over the parents, so that detection skips what no output reads (the
/// value of a function whose gradient alone is wanted, dead branches).
fn ancestors(parents: &[[u32; 2]], outputs: impl Iterator<Item = u32>, inputs: usize) -> Vec<bool> {
    let mut live = vec![false; parents.len()];
    for slot in outputs {
        live[slot as usize] = true;
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

/// For each live slot of a recording, the sorted set of inputs it
/// depends on: the union of its parents' sets (an input starts with its
/// own index), kept in one arena; a set equal to a parent's shares its
/// entries.
struct IndexSets {
    arena: Vec<u32>,
    /// The set of slot s is `arena[span[s].0..][..span[s].1]`.
    span: Vec<(usize, usize)>,
}

impl IndexSets {
    /// The sets of the `live` slots (others are empty); `None` once they
    /// would hold more than `budget` entries.
    fn new(parents: &[[u32; 2]], live: &[bool], inputs: usize, budget: usize) -> Option<Self> {
        let budget = budget.min(MAX_ENTRIES);
        let mut arena: Vec<u32> = (0..inputs as u32).collect();
        let mut span: Vec<(usize, usize)> = Vec::with_capacity(parents.len());
        span.push((0, 0));
        span.extend((0..inputs).map(|k| (k, 1)));
        for (s, &[p0, p1]) in parents.iter().enumerate().skip(inputs + 1) {
            if !live[s] {
                span.push((0, 0));
                continue;
            }
            let (a, b) = (span[p0 as usize], span[p1 as usize]);
            let start = arena.len();
            merge_into(&mut arena, a, b);
            let len = arena.len() - start;
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
        Some(IndexSets { arena, span })
    }

    /// The inputs slot `slot` depends on, increasing.
    fn of(&self, slot: u32) -> &[u32] {
        let (start, len) = self.span[slot as usize];
        &self.arena[start..start + len]
    }
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

/// What a prepared driver keeps of its recording to tell whether a later
/// one took the same branch: the parents of every slot, a mark per slot
/// (for a Hessian, which second partials are nonzero) and the slot of
/// every output. Equal shapes have equal patterns.
#[derive(Clone, Debug)]
pub(crate) struct RecordingShape {
    parents: Vec<[u32; 2]>,
    marks: Vec<u8>,
    output_slots: Vec<Option<u32>>,
}

impl RecordingShape {
    /// The shape of a recording.
    pub(crate) fn new(
        parents: Vec<[u32; 2]>,
        marks: Vec<u8>,
        output_slots: Vec<Option<u32>>,
    ) -> Self {
        RecordingShape { parents, marks, output_slots }
    }

    /// The parents of each slot of the recording.
    pub(crate) fn parents(&self) -> &[[u32; 2]] {
        &self.parents
    }

    /// The mark of each slot.
    pub(crate) fn marks(&self) -> &[u8] {
        &self.marks
    }

    /// The slot of each output.
    pub(crate) fn output_slots(&self) -> &[Option<u32>] {
        &self.output_slots
    }
}
