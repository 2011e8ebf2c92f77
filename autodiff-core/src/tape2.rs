//! The second-order tape of [`Var2`](crate::Var2): what it records, and
//! the sweep that turns it into a gradient and Hessian columns.
//!
//! Each operation of two different variables appends one node: its two
//! parents, the first partials with respect to each, and the three second
//! partials (∂²/∂a², ∂²/∂a∂b, ∂²/∂b²). One forward sweep of tangents and
//! one reverse sweep of adjoints and their tangents (second-order adjoint
//! mode, Griewank–Walther ch. 5) then give ∇f and H·S for a seed matrix S
//! of up to 8 columns, from the one recording.
//!
//! The stores, ids and pooling follow the first-order tape
//! ([`tape`](crate::tape)): per thread and per number type, a fresh id per
//! driver call, the outer recording restored afterwards (also on
//! unwinding), buffers reused from call to call.

use core::cell::RefCell;

use crate::tape::{foreign_variable, fresh_id, this_thread, with_other_store, NO_TAPE};
use crate::{Real, Var2};

/// One recorded operation of two variables a and b.
#[derive(Clone, Copy, Debug)]
#[doc(hidden)]
pub struct Node2<T> {
    parents: [u32; 2],
    /// ∂/∂a, ∂/∂b.
    partials: [T; 2],
    /// ∂²/∂a², ∂²/∂a∂b, ∂²/∂b².
    second: [T; 3],
}

impl<T: Real> Node2<T> {
    /// Which second partials are nonzero, as bits (1: ∂²/∂a², 2: ∂²/∂a∂b,
    /// 4: ∂²/∂b²).
    #[inline]
    fn curvature(&self) -> u8 {
        let [aa, ab, bb] = self.second.map(|h| !h.is_zero_in_every_part());
        u8::from(aa) | u8::from(ab) << 1 | u8::from(bb) << 2
    }
}

/// The second-order tape recording on this thread for one number type,
/// and the node buffers of finished calls.
#[doc(hidden)]
#[derive(Debug)]
pub struct TapeStore2<T> {
    id: u32,
    nodes: Vec<Node2<T>>,
    spare_nodes: Vec<Vec<Node2<T>>>,
}

impl<T> TapeStore2<T> {
    /// No tape recording and no spare buffers.
    pub const fn new() -> Self {
        TapeStore2 { id: NO_TAPE, nodes: Vec::new(), spare_nodes: Vec::new() }
    }
}

impl<T> Default for TapeStore2<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> TapeStore2<T> {
    /// Appends a node whose operands carry the tape ids `tapes`; returns
    /// its slot.
    #[inline(always)]
    pub fn push(
        &mut self,
        tapes: [u32; 2],
        parents: [u32; 2],
        partials: [T; 2],
        second: [T; 3],
    ) -> u32 {
        if (tapes[0] != self.id) | (tapes[1] != self.id) {
            foreign_variable();
        }
        let slot = self.nodes.len() as u32;
        self.nodes.push(Node2 { parents, partials, second });
        slot
    }
}

std::thread_local! {
    static F64_TAPES2: RefCell<TapeStore2<f64>> = const { RefCell::new(TapeStore2::new()) };
    static F32_TAPES2: RefCell<TapeStore2<f32>> = const { RefCell::new(TapeStore2::new()) };
}

/// Runs `f` on this thread's second-order tape store for `f64`.
#[inline(always)]
pub(crate) fn with_f64_tapes2<R>(f: impl FnOnce(&mut TapeStore2<f64>) -> R) -> R {
    f(&mut this_thread(&F64_TAPES2).borrow_mut())
}

/// Runs `f` on this thread's second-order tape store for `f32`.
#[inline(always)]
pub(crate) fn with_f32_tapes2<R>(f: impl FnOnce(&mut TapeStore2<f32>) -> R) -> R {
    f(&mut this_thread(&F32_TAPES2).borrow_mut())
}

/// Runs `f` on this thread's second-order tape store for any other type.
pub(crate) fn with_other_tapes2<T: Real, R>(f: impl FnOnce(&mut TapeStore2<T>) -> R) -> R {
    with_other_store(f)
}

/// A driver call's second-order recording: installed on creation, taken
/// back by [`finish`](Recording2::finish) (or on unwinding), restoring
/// the tape that recorded before.
pub(crate) struct Recording2<T: Real> {
    id: u32,
    outer_id: u32,
    outer_nodes: Option<Vec<Node2<T>>>,
    inputs: Vec<Var2<T>>,
}

impl<T: Real> Recording2<T> {
    /// Installs a fresh tape on this thread for `T` with one input
    /// variable per value of `x` (slots 1..=n).
    pub(crate) fn start(x: &[T]) -> Self {
        let id = fresh_id();
        T::with_tapes2(|s| {
            let mut nodes = s.spare_nodes.pop().unwrap_or_default();
            nodes.clear();
            let zero = T::zero();
            let input = Node2 { parents: [0; 2], partials: [zero; 2], second: [zero; 3] };
            nodes.resize(x.len() + 1, input);
            let outer_nodes = core::mem::replace(&mut s.nodes, nodes);
            let outer_id = core::mem::replace(&mut s.id, id);
            let inputs = x.iter().zip(1u32..).map(|(&xk, slot)| Var2::input(xk, slot, id));
            Recording2 { id, outer_id, outer_nodes: Some(outer_nodes), inputs: inputs.collect() }
        })
    }

    /// The id of this recording's tape.
    pub(crate) fn id(&self) -> u32 {
        self.id
    }

    /// The input variables.
    pub(crate) fn inputs(&self) -> &[Var2<T>] {
        &self.inputs
    }

    /// Stops recording: the outer tape records again, and this call's
    /// nodes are returned for the sweeps.
    pub(crate) fn finish(mut self) -> Tape2<T> {
        let outer_nodes = self.outer_nodes.take().expect("finished once");
        let nodes = T::with_tapes2(|s| {
            s.id = self.outer_id;
            core::mem::replace(&mut s.nodes, outer_nodes)
        });
        Tape2 { nodes }
    }
}

impl<T: Real> Drop for Recording2<T> {
    /// On unwinding out of the recorded function, restores the outer tape.
    fn drop(&mut self) {
        if let Some(outer_nodes) = self.outer_nodes.take() {
            T::with_tapes2(|s| {
                s.id = self.outer_id;
                let nodes = core::mem::replace(&mut s.nodes, outer_nodes);
                s.spare_nodes.push(nodes);
            });
        }
    }
}

/// Where a function's result sits on a finished second-order tape: its
/// slot, and its first and second derivatives with respect to that slot.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Output2<T> {
    pub(crate) slot: u32,
    pub(crate) d1: T,
    pub(crate) d2: T,
}

/// A finished second-order recording; its nodes return to the thread's
/// pool when dropped.
pub(crate) struct Tape2<T: Real> {
    nodes: Vec<Node2<T>>,
}

impl<T: Real> Tape2<T> {
    /// The parents of each slot, in slot order (slot 0 and the inputs
    /// have parents `[0, 0]`).
    pub(crate) fn parents(&self) -> impl ExactSizeIterator<Item = [u32; 2]> + '_ {
        self.nodes.iter().map(|node| node.parents)
    }

    /// Which second partials of each slot are nonzero, as bits (1: ∂²/∂a²,
    /// 2: ∂²/∂a∂b, 4: ∂²/∂b²): where the function curves at this point.
    pub(crate) fn curvature(&self) -> impl ExactSizeIterator<Item = u8> + '_ {
        self.nodes.iter().map(Node2::curvature)
    }

    /// Whether the slots have exactly these parents and curvature bits
    /// (the same operations on the same variables, curving in the same
    /// places, as a recording with them).
    pub(crate) fn shape_is(&self, parents: &[[u32; 2]], curvature: &[u8]) -> bool {
        self.nodes.len() == parents.len()
            && curvature.len() >= parents.len()
            && self
                .nodes
                .iter()
                .zip(parents.iter().zip(curvature))
                .all(|(node, (p, &c))| node.parents == *p && node.curvature() == c)
    }

    /// The gradient of `output` with respect to the `inputs` inputs, and
    /// H·S for the seed matrix S whose column l holds the inputs k with
    /// `lane(k) == Some(l)` (one row of C per input): a forward sweep of
    /// tangents and a reverse sweep of adjoints and their tangents.
    ///
    /// Products of partials and derivatives are zero-wins
    /// ([`Real::zero_wins_mul`]: an exactly-zero factor gives 0 beside an
    /// infinite one). Over `f64` and `f32` the sweeps first multiply
    /// plainly, which gives the same numbers wherever every result is
    /// finite, and redo the sweeps zero-wins only when one is not.
    pub(crate) fn gradient_and_hessian_lanes<const C: usize>(
        &self,
        output: Output2<T>,
        inputs: usize,
        lane: impl Fn(usize) -> Option<usize>,
    ) -> (Vec<T>, Vec<[T; C]>) {
        if T::derivative_order() == 0 {
            let plain = self.sweeps::<C>(output, inputs, &lane, |a, b| a * b);
            let finite = plain.0.iter().chain(plain.1.iter().flatten()).all(|x| x.is_finite());
            if finite {
                return plain;
            }
        }
        self.sweeps::<C>(output, inputs, &lane, T::zero_wins_mul)
    }

    /// [`gradient_and_hessian_lanes`](Tape2::gradient_and_hessian_lanes)
    /// with the product `mul` of a partial and a derivative.
    #[inline(always)]
    fn sweeps<const C: usize>(
        &self,
        output: Output2<T>,
        inputs: usize,
        lane: &impl Fn(usize) -> Option<usize>,
        mul: impl Fn(T, T) -> T,
    ) -> (Vec<T>, Vec<[T; C]>) {
        let zero = [T::zero(); C];
        let slots = self.nodes.len();
        // Tangents: t = ∂slot/∂x · S.
        let mut t: Vec<[T; C]> = Vec::with_capacity(slots);
        t.push(zero);
        t.extend((0..inputs).map(|k| {
            let mut seed = zero;
            if let Some(l) = lane(k) {
                seed[l] = T::one();
            }
            seed
        }));
        for node in &self.nodes[inputs + 1..] {
            let [p0, p1] = node.parents.map(|p| p as usize);
            let [d0, d1] = node.partials;
            let (t0, t1) = (t[p0], t[p1]);
            t.push(core::array::from_fn(|l| mul(d0, t0[l]) + mul(d1, t1[l])));
        }
        // Adjoints a = ∂f/∂slot and their tangents ȧ = (∂²f/∂slot∂x)·S.
        let mut a = vec![T::zero(); slots];
        let mut at = vec![zero; slots];
        let top = output.slot as usize;
        a[top] = output.d1;
        at[top] = t[top].map(|ti| mul(output.d2, ti));
        for i in (inputs + 1..=top).rev() {
            let (ai, ati) = (a[i], at[i]);
            if ai.is_zero_in_every_part() && ati.iter().all(|x| x.is_zero_in_every_part()) {
                continue;
            }
            let node = &self.nodes[i];
            let [p0, p1] = node.parents.map(|p| p as usize);
            let [d0, d1] = node.partials;
            let [h00, h01, h11] = node.second;
            a[p0] += mul(d0, ai);
            a[p1] += mul(d1, ai);
            let (t0, t1) = (t[p0], t[p1]);
            for l in 0..C {
                let w0 = mul(h00, t0[l]) + mul(h01, t1[l]);
                let w1 = mul(h01, t0[l]) + mul(h11, t1[l]);
                at[p0][l] += mul(d0, ati[l]) + mul(ai, w0);
                at[p1][l] += mul(d1, ati[l]) + mul(ai, w1);
            }
        }
        (a[1..=inputs].to_vec(), at[1..=inputs].to_vec())
    }
}

impl<T: Real> Drop for Tape2<T> {
    fn drop(&mut self) {
        let nodes = core::mem::take(&mut self.nodes);
        T::with_tapes2(|s| s.spare_nodes.push(nodes));
    }
}
