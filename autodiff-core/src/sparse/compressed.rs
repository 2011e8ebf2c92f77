//! The compressed sweeps: one pass over the tape per colour (or per
//! eight), not per input.

use super::colouring::Colouring;
use crate::tape::Tape;
use crate::tape2::{Output2, Tape2};
use crate::{Real, SparsityPattern};

/// The compressed product B = J·S of the Jacobian of `outputs` (each a
/// slot and a scale, `None` for a constant) with the seed matrix S of
/// colouring `c` of the inputs (column j of S is the indicator of the
/// inputs of colour j): forward sweeps of the tape carrying one tangent
/// per colour, up to eight at a time. Row-major, `outputs.len() × c.count`.
pub(crate) fn forward_compressed<T: Real>(
    tape: &Tape<T>,
    outputs: &[Option<(u32, T)>],
    c: &Colouring,
) -> Vec<T> {
    let mut b = vec![T::zero(); outputs.len() * c.count];
    let mut first = 0;
    while first < c.count {
        // The narrowest sweep that holds the colours left (at most 8).
        first += match c.count - first {
            1 => forward_pass::<1, T>(tape, outputs, c, first, &mut b),
            2 => forward_pass::<2, T>(tape, outputs, c, first, &mut b),
            3 => forward_pass::<3, T>(tape, outputs, c, first, &mut b),
            4 => forward_pass::<4, T>(tape, outputs, c, first, &mut b),
            _ => forward_pass::<8, T>(tape, outputs, c, first, &mut b),
        };
    }
    b
}

/// One forward sweep for colours `first..first + C` (fewer past the
/// last), written into their columns of `b`; returns C.
fn forward_pass<const C: usize, T: Real>(
    tape: &Tape<T>,
    outputs: &[Option<(u32, T)>],
    c: &Colouring,
    first: usize,
    b: &mut [T],
) -> usize {
    let inputs = c.colours.len();
    let lane = |k: usize| (c.colours[k] as usize).checked_sub(first).filter(|&l| l < C);
    let width = C.min(c.count - first);
    for (row, lanes) in tape.tangents::<C>(outputs, inputs, lane).iter().enumerate() {
        let start = row * c.count + first;
        b[start..start + width].copy_from_slice(&lanes[..width]);
    }
    C
}

/// The values of the Jacobian of `outputs` on `pattern`, row by row, by
/// reverse sweeps: one per colour of a colouring `c` of its rows (rows
/// of one colour share no column, so each input's adjoint holds one
/// entry of one of them).
pub(crate) fn reverse_compressed<T: Real>(
    tape: &mut Tape<T>,
    outputs: &[Option<(u32, T)>],
    pattern: &SparsityPattern,
    c: &Colouring,
) -> Vec<T> {
    let inputs = pattern.ncols();
    let mut values = vec![T::zero(); pattern.nnz()];
    let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); c.count];
    for (i, &colour) in c.colours.iter().enumerate() {
        rows_of[colour as usize].push(i);
    }
    let offsets = pattern.offsets();
    for rows in &rows_of {
        let seeds = rows.iter().filter_map(|&i| outputs[i]);
        let adjoints = tape.sweep(seeds, inputs);
        for &i in rows {
            let entries = &mut values[offsets[i]..offsets[i + 1]];
            for (value, &j) in entries.iter_mut().zip(pattern.row(i)) {
                *value = adjoints[j as usize];
            }
        }
    }
    values
}

/// The gradient of `output` (a second-order tape's result) and the
/// compressed product B = H·S of its Hessian with the seed matrix of
/// colouring `c` of the inputs: one forward and one reverse sweep per up
/// to 8 colours. B is row-major, `inputs × c.count`.
pub(crate) fn hessian_compressed<T: Real>(
    tape: &Tape2<T>,
    output: Output2<T>,
    c: &Colouring,
) -> (Vec<T>, Vec<T>) {
    let inputs = c.colours.len();
    let mut grad = vec![T::zero(); inputs];
    let mut b = vec![T::zero(); inputs * c.count];
    let mut first = 0;
    while first < c.count {
        let (g, b) = (&mut grad, &mut b[..]);
        first += match c.count - first {
            1 => hessian_pass::<1, T>(tape, output, c, first, g, b),
            2 => hessian_pass::<2, T>(tape, output, c, first, g, b),
            3 => hessian_pass::<3, T>(tape, output, c, first, g, b),
            4 => hessian_pass::<4, T>(tape, output, c, first, g, b),
            _ => hessian_pass::<8, T>(tape, output, c, first, g, b),
        };
    }
    (grad, b)
}

/// One pair of sweeps for colours `first..first + C` (fewer past the
/// last): the gradient into `grad`, H·S into those columns of `b`;
/// returns C.
fn hessian_pass<const C: usize, T: Real>(
    tape: &Tape2<T>,
    output: Output2<T>,
    c: &Colouring,
    first: usize,
    grad: &mut Vec<T>,
    b: &mut [T],
) -> usize {
    let inputs = c.colours.len();
    let lane = |k: usize| (c.colours[k] as usize).checked_sub(first).filter(|&l| l < C);
    let width = C.min(c.count - first);
    let (g, rows) = tape.gradient_and_hessian_lanes::<C>(output, inputs, lane);
    *grad = g;
    for (row, lanes) in rows.iter().enumerate() {
        let start = row * c.count + first;
        b[start..start + width].copy_from_slice(&lanes[..width]);
    }
    C
}
