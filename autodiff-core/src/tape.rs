//! The tape of reverse mode: what a [`Var`](crate::Var) records, where, and
//! the sweep that turns it into adjoints.
//!
//! Each operation of two different variables appends one node: its two
//! parents and the local partial derivative with respect to each (an
//! operation of one variable folds into that variable's scale instead,
//! see [`Var`](crate::Var)). The partials come from the same derivative
//! rules as the forward types ([`rules`](crate::rules)); the adjoint of a
//! parent is the sum over its children of `partial · adjoint`
//! (Griewank–Walther).
//!
//! Tapes are per thread and per number type: a driver call installs a
//! fresh tape for its call (with a new id), runs the function, takes the
//! nodes back and restores whatever tape was recording before (so a driver
//! called inside a function being differentiated records apart). Node,
//! adjoint and input buffers go back to a per-thread pool, so once warm a
//! call allocates nothing per operation (only its result). A variable carries its tape's id, and
//! using it while another tape records (or after its call returned) panics
//! with a message instead of reading another call's nodes.

use core::any::{Any, TypeId};
use core::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::{Dual, Real, Var};

/// The id of no tape: what a constant carries.
pub(crate) const NO_TAPE: u32 = 0;

/// Slot 0 of every tape: no variable's slot, only the parent (with partial
/// 0) of the input nodes, which the sweep never visits.
const UNUSED_SLOT: u32 = 0;

/// One recorded operation: its parents' slots and the partial derivative
/// with respect to each.
#[derive(Clone, Copy, Debug)]
#[doc(hidden)]
pub struct Node<T> {
    parents: [u32; 2],
    partials: [T; 2],
}

/// The tape that is recording on this thread for one number type, and the
/// buffers of finished calls kept for the next one.
#[doc(hidden)]
#[derive(Debug)]
pub struct TapeStore<T> {
    /// The id of the recording tape, [`NO_TAPE`] between calls.
    id: u32,
    nodes: Vec<Node<T>>,
    spare_nodes: Vec<Vec<Node<T>>>,
    spare_adjoints: Vec<Vec<T>>,
    spare_inputs: Vec<Vec<Var<T>>>,
}

impl<T> TapeStore<T> {
    /// No tape recording and no spare buffers.
    pub const fn new() -> Self {
        TapeStore {
            id: NO_TAPE,
            nodes: Vec::new(),
            spare_nodes: Vec::new(),
            spare_adjoints: Vec::new(),
            spare_inputs: Vec::new(),
        }
    }
}

impl<T> Default for TapeStore<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> TapeStore<T> {
    /// Appends a node whose operands carry the tape ids `tapes`; returns its
    /// slot.
    #[inline(always)]
    pub fn push(&mut self, tapes: [u32; 2], parents: [u32; 2], partials: [T; 2]) -> u32 {
        if (tapes[0] != self.id) | (tapes[1] != self.id) {
            foreign_variable();
        }
        let slot = self.nodes.len() as u32;
        self.nodes.push(Node { parents, partials });
        slot
    }
}

#[cold]
#[inline(never)]
pub(crate) fn foreign_variable() -> ! {
    panic!(
        "autodiff: a reverse-mode `Var` was used outside the driver call that created it \
         (its call has returned, or it belongs to another, enclosing call); keep `Var`s inside \
         the closure given to the driver, lift outer values with `Var::constant(x)`, and read \
         results with `.value()`"
    )
}

/// Tape ids, unique across threads (0 is [`NO_TAPE`]; after 2³² calls the
/// count wraps, skipping 0).
static NEXT_ID: AtomicU32 = AtomicU32::new(1);

pub(crate) fn fresh_id() -> u32 {
    loop {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        if id != NO_TAPE {
            return id;
        }
    }
}

std::thread_local! {
    static F64_TAPES: RefCell<TapeStore<f64>> = const { RefCell::new(TapeStore::new()) };
    static F32_TAPES: RefCell<TapeStore<f32>> = const { RefCell::new(TapeStore::new()) };
    /// Forward over reverse (`Var<Dual64>`, the Hessian drivers).
    static DUAL_F64_TAPES: RefCell<TapeStore<Dual<f64>>> = const { RefCell::new(TapeStore::new()) };
    static DUAL_F32_TAPES: RefCell<TapeStore<Dual<f32>>> = const { RefCell::new(TapeStore::new()) };
    /// The tapes of every other number type (`Var<Var<f64>>`,
    /// `Var<Dual2_64>`), found by type.
    static OTHER_TAPES: RefCell<Vec<(TypeId, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on this thread's tape store for `f64`.
#[inline(always)]
pub(crate) fn with_f64_tapes<R>(f: impl FnOnce(&mut TapeStore<f64>) -> R) -> R {
    f(&mut this_thread(&F64_TAPES).borrow_mut())
}

/// Runs `f` on this thread's tape store for `f32`.
#[inline(always)]
pub(crate) fn with_f32_tapes<R>(f: impl FnOnce(&mut TapeStore<f32>) -> R) -> R {
    f(&mut this_thread(&F32_TAPES).borrow_mut())
}

/// Runs `f` on this thread's tape store for `Dual<f64>`.
#[inline(always)]
pub(crate) fn with_dual_f64_tapes<R>(f: impl FnOnce(&mut TapeStore<Dual<f64>>) -> R) -> R {
    f(&mut this_thread(&DUAL_F64_TAPES).borrow_mut())
}

/// Runs `f` on this thread's tape store for `Dual<f32>`.
#[inline(always)]
pub(crate) fn with_dual_f32_tapes<R>(f: impl FnOnce(&mut TapeStore<Dual<f32>>) -> R) -> R {
    f(&mut this_thread(&DUAL_F32_TAPES).borrow_mut())
}

/// This thread's value of `key`, borrowed past `LocalKey::with`'s closure:
/// with the recording inside the closure, `with` grew too large to be
/// inlined into each operation and cost a call per node (≈ 30% of a
/// recording). The `RefCell` still guards every access.
#[inline(always)]
pub(crate) fn this_thread<S>(
    key: &'static std::thread::LocalKey<RefCell<S>>,
) -> &'static RefCell<S> {
    // SAFETY: a thread-local lives until its thread exits, and the
    // reference never leaves this thread (`RefCell` is not `Sync`); `with`
    // itself fails (panics) if the value was already destroyed.
    key.with(|cell| unsafe { &*(cell as *const RefCell<S>) })
}

/// Runs `f` on this thread's tape store for any other type.
pub(crate) fn with_other_tapes<T: Real, R>(f: impl FnOnce(&mut TapeStore<T>) -> R) -> R {
    with_other_store(f)
}

/// Runs `f` on this thread's store of type `S` (a tape store of a type
/// without a thread-local of its own), created on first use.
pub(crate) fn with_other_store<S: Default + 'static, R>(f: impl FnOnce(&mut S) -> R) -> R {
    OTHER_TAPES.with(|stores| {
        let mut stores = stores.borrow_mut();
        let key = TypeId::of::<S>();
        let index = match stores.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                stores.push((key, Box::new(S::default())));
                stores.len() - 1
            }
        };
        let store = stores[index].1.downcast_mut::<S>().expect("keyed by its TypeId");
        f(store)
    })
}

/// A driver call's recording: installed on creation, taken back by
/// [`finish`](Recording::finish) (or on unwinding), restoring the tape that
/// recorded before.
pub(crate) struct Recording<T: Real> {
    id: u32,
    outer_id: u32,
    outer_nodes: Option<Vec<Node<T>>>,
    inputs: Vec<Var<T>>,
}

impl<T: Real> Recording<T> {
    /// Installs a fresh tape on this thread for `T` with one input
    /// variable per value of `x` (slots 1..=n).
    pub(crate) fn start(x: &[T]) -> Self {
        let id = fresh_id();
        T::with_tapes(|s| {
            let mut nodes = s.spare_nodes.pop().unwrap_or_default();
            nodes.clear();
            let input = Node { parents: [UNUSED_SLOT; 2], partials: [T::zero(); 2] };
            nodes.resize(x.len() + 1, input);
            let mut inputs = s.spare_inputs.pop().unwrap_or_default();
            inputs.clear();
            inputs.extend(x.iter().zip(1u32..).map(|(&xk, slot)| Var::input(xk, slot, id)));
            let outer_nodes = core::mem::replace(&mut s.nodes, nodes);
            let outer_id = core::mem::replace(&mut s.id, id);
            Recording { id, outer_id, outer_nodes: Some(outer_nodes), inputs }
        })
    }

    /// The id of this recording's tape.
    pub(crate) fn id(&self) -> u32 {
        self.id
    }

    /// The input variables.
    pub(crate) fn inputs(&self) -> &[Var<T>] {
        &self.inputs
    }

    /// Stops recording: the outer tape records again, and this call's
    /// nodes are returned for the sweeps.
    pub(crate) fn finish(mut self) -> Tape<T> {
        let outer_nodes = self.outer_nodes.take().expect("finished once");
        let inputs = core::mem::take(&mut self.inputs);
        let (nodes, adjoints) = T::with_tapes(|s| {
            s.id = self.outer_id;
            s.spare_inputs.push(inputs);
            let nodes = core::mem::replace(&mut s.nodes, outer_nodes);
            (nodes, s.spare_adjoints.pop().unwrap_or_default())
        });
        Tape { nodes, adjoints }
    }
}

impl<T: Real> Drop for Recording<T> {
    /// On unwinding out of the recorded function, restores the outer tape.
    fn drop(&mut self) {
        if let Some(outer_nodes) = self.outer_nodes.take() {
            let inputs = core::mem::take(&mut self.inputs);
            T::with_tapes(|s| {
                s.id = self.outer_id;
                let nodes = core::mem::replace(&mut s.nodes, outer_nodes);
                s.spare_nodes.push(nodes);
                s.spare_inputs.push(inputs);
            });
        }
    }
}

/// A finished recording, with an adjoint buffer; both return to the
/// thread's pool when dropped.
pub(crate) struct Tape<T: Real> {
    nodes: Vec<Node<T>>,
    adjoints: Vec<T>,
}

impl<T: Real> Tape<T> {
    /// The adjoints of the input slots `1..=inputs` for the output seeds
    /// `(slot, weight)`: one reverse sweep, Σ weight · ∂output/∂input.
    pub(crate) fn sweep(
        &mut self,
        seeds: impl IntoIterator<Item = (u32, T)>,
        inputs: usize,
    ) -> &[T] {
        let adj = &mut self.adjoints;
        adj.clear();
        adj.resize(self.nodes.len(), T::zero());
        let mut top = 0;
        for (slot, w) in seeds {
            adj[slot as usize] += w;
            top = top.max(slot as usize);
        }
        let first_operation = inputs + 1;
        for i in (first_operation..=top).rev() {
            let a = adj[i];
            if a.is_zero_in_every_part() {
                continue;
            }
            let node = &self.nodes[i];
            let [p0, p1] = node.parents;
            let [d0, d1] = node.partials;
            // A partial that is exactly 0 passes nothing back, even an
            // infinite adjoint: the gradient of `(x·x).sqrt()` at 0 is 0.
            adj[p0 as usize] += d0.zero_wins_mul(a);
            adj[p1 as usize] += d1.zero_wins_mul(a);
        }
        &adj[1..first_operation]
    }

    /// The derivatives of `outputs` (each a slot and a scale) along C
    /// input directions, by one forward sweep of the tape carrying C
    /// tangents per node: input k moves along direction `lane(k)` (none
    /// for `None`), and each output gets one row of C. Seeding input k
    /// alone in lane `k - start` gives C columns of the Jacobian; seeding
    /// every input of one colour in the same lane gives compressed ones
    /// (the sparse drivers).
    ///
    /// Products are zero-wins ([`Real::zero_wins_mul`]); over `f64` and
    /// `f32` the sweep first multiplies plainly, which gives the same
    /// numbers wherever every result is finite, and sweeps again zero-wins
    /// only when one is not.
    pub(crate) fn tangents<const C: usize>(
        &self,
        outputs: &[Option<(u32, T)>],
        inputs: usize,
        lane: impl Fn(usize) -> Option<usize>,
    ) -> Vec<[T; C]> {
        if T::derivative_order() == 0 {
            let plain = self.tangents_with::<C>(outputs, inputs, &lane, |a, b| a * b);
            if plain.iter().flatten().all(|x| x.is_finite()) {
                return plain;
            }
        }
        self.tangents_with::<C>(outputs, inputs, &lane, T::zero_wins_mul)
    }

    /// [`tangents`](Tape::tangents) with the product `mul` of a partial
    /// and a tangent.
    #[inline(always)]
    fn tangents_with<const C: usize>(
        &self,
        outputs: &[Option<(u32, T)>],
        inputs: usize,
        lane: &impl Fn(usize) -> Option<usize>,
        mul: impl Fn(T, T) -> T,
    ) -> Vec<[T; C]> {
        // Slot 0 and the inputs, then each operation's tangents in turn
        // (pushed, not zeroed first: a tape is mostly operations).
        let mut t: Vec<[T; C]> = Vec::with_capacity(self.nodes.len());
        t.push([T::zero(); C]);
        t.extend((0..inputs).map(|k| {
            let mut seed = [T::zero(); C];
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
        outputs
            .iter()
            .map(|out| match *out {
                Some((slot, scale)) => t[slot as usize].map(|ti| mul(scale, ti)),
                None => [T::zero(); C],
            })
            .collect()
    }

    /// Whether the slots have exactly these parents (the same operations
    /// on the same variables as a recording with them).
    pub(crate) fn parents_are(&self, parents: &[[u32; 2]]) -> bool {
        self.nodes.len() == parents.len()
            && self.nodes.iter().zip(parents).all(|(node, p)| node.parents == *p)
    }

    /// The number of slots: slot 0, the inputs, then one per operation.
    pub(crate) fn slots(&self) -> usize {
        self.nodes.len()
    }

    /// The parents of each slot, in slot order (slot 0 and the inputs
    /// have parents `[0, 0]`): the structure of the recording, which the
    /// sparse drivers read their patterns from.
    pub(crate) fn parents(&self) -> impl ExactSizeIterator<Item = [u32; 2]> + '_ {
        self.nodes.iter().map(|node| node.parents)
    }
}

impl<T: Real> Drop for Tape<T> {
    fn drop(&mut self) {
        let nodes = core::mem::take(&mut self.nodes);
        let adjoints = core::mem::take(&mut self.adjoints);
        T::with_tapes(|s| {
            s.spare_nodes.push(nodes);
            s.spare_adjoints.push(adjoints);
        });
    }
}
